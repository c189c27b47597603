package com.example.wsapi.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.wsapi.local.lambda.RuntimeOptions;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** ws-local's own JVM keeps C2 off: checked in a JVM of its own, since the directive holds for a whole JVM. */
class OwnCompilerTest {

    private static final String WORK = OwnCompilerProbe.class.getName() + "::work";
    /** A PrintCompilation line of that tier: timestamp, compile id, flags, tier, method. */
    private static String tier(int tier) {
        return "\\s*\\d+\\s+\\d+\\s+[%sbn! ]*\\s" + tier + "\\s+.*";
    }

    @Test
    void c1Only_leavesHotCodeToC1_fromThenOn() throws Exception {
        List<String> lines = probe();

        // The JVM's compilation lines and the probe's own share the output: a line may start with either.
        assertTrue(lines.stream().anyMatch(line -> line.endsWith("directive added: true")), String.join("\n", lines));
        assertTrue(lines.stream().anyMatch(line -> line.contains("made not compilable on level 4")
                && line.contains(WORK) && line.contains("excluded by CompileCommand")),
                "C2 was asked for the hot method and refused:\n" + String.join("\n", lines));
        assertTrue(lines.stream().noneMatch(line -> line.contains(WORK) && line.matches(tier(4))),
                "the hot method was never compiled by C2:\n" + String.join("\n", lines));
        assertTrue(lines.stream().anyMatch(line -> line.contains(WORK) && line.matches(tier(1))),
                "C1 compiled it fully instead:\n" + String.join("\n", lines));
    }

    @Test
    void c1Only_withC2KeptOn_leavesTheCompilersAlone() throws Exception {
        List<String> lines = probe("-D" + OwnCompiler.KEEP_C2 + "=true");

        assertTrue(lines.stream().anyMatch(line -> line.endsWith("directive added: false")), String.join("\n", lines));
        assertTrue(lines.stream().anyMatch(line -> line.contains(WORK) && line.matches(tier(4))),
                "C2 compiled the hot method:\n" + String.join("\n", lines));
    }

    /** The probe's output with PrintCompilation, in a JVM of its own. */
    private static List<String> probe(String... jvmOptions) throws Exception {
        String classpath = String.join(File.pathSeparator,
                Path.of(OwnCompiler.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString(),
                Path.of(OwnCompilerProbe.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                        .toString());
        List<String> command = new java.util.ArrayList<>(List.of(RuntimeOptions.currentJava().toString(),
                "-XX:+PrintCompilation"));
        command.addAll(List.of(jvmOptions));
        command.addAll(List.of("-cp", classpath, OwnCompilerProbe.class.getName()));
        Process probe = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(probe.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, probe.exitValue(), output);
        return output.lines().toList();
    }
}
