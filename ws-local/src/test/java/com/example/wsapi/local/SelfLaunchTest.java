package com.example.wsapi.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.wsapi.local.lambda.RuntimeOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SelfLaunchTest {

    private static final Path JAVA = RuntimeOptions.currentJava();

    @Test
    void plan_forJavaDashJar_startsTheSameJarWithC1AndAnArchive_thenTheUsersOptions_andTheArguments(
            @TempDir Path dir) throws Exception {
        Path jar = Files.writeString(dir.resolve("ws-local.jar"), "not really a jar");

        SelfLaunch.Plan plan = SelfLaunch.plan(JAVA, List.of("-Dmine=1", "-jar", jar.toString(), "--port", "0"),
                dir.resolve("cache")).orElseThrow();

        List<String> command = plan.command();
        assertEquals(JAVA.toString(), command.get(0));
        assertEquals(SelfLaunch.C1_ONLY, command.get(1));
        assertTrue(command.stream().anyMatch(option -> option.startsWith("-XX:ArchiveClassesAtExit=")),
                "the first run records the archive: " + command);
        assertTrue(command.indexOf("-Dmine=1") > command.indexOf(SelfLaunch.C1_ONLY),
                "the user's options come after ours, so they win: " + command);
        assertEquals(List.of("-D" + SelfLaunch.CHILD + "=true", "-jar", jar.toString(), "--port", "0"),
                command.subList(command.size() - 5, command.size()));
        assertTrue(plan.archive().records());
    }

    @Test
    void plan_withoutACache_startsWithoutAnArchive(@TempDir Path dir) throws Exception {
        Path jar = Files.writeString(dir.resolve("ws-local.jar"), "x");

        SelfLaunch.Plan plan = SelfLaunch.plan(JAVA, List.of("-jar", jar.toString()), null).orElseThrow();

        assertEquals(List.of(JAVA.toString(), SelfLaunch.C1_ONLY, SelfLaunch.SOONER_COMPILATION,
                SelfLaunch.INITIAL_HEAP, SelfLaunch.SERIAL_GC,
                "-D" + SelfLaunch.CHILD + "=true", "-jar", jar.toString()), plan.command());
        assertNull(plan.archive());
    }

    @Test
    void plan_withJfrOrAnAgent_startsWithoutAnArchive_whichJdk17CanCrashOnUnderTheirHooks(@TempDir Path dir)
            throws Exception {
        Path jar = Files.writeString(dir.resolve("ws-local.jar"), "x");
        for (String option : List.of("-XX:StartFlightRecording=settings=profile", "-javaagent:agent.jar",
                "-agentlib:jdwp=transport=dt_socket,server=y,suspend=n")) {
            SelfLaunch.Plan plan = SelfLaunch.plan(JAVA, List.of(option, "-jar", jar.toString()), dir.resolve("cache"))
                    .orElseThrow();

            assertNull(plan.archive(), option);
            assertTrue(plan.command().stream().noneMatch(o -> o.contains("SharedArchiveFile")
                    || o.contains("ArchiveClassesAtExit")), plan.command().toString());
            assertTrue(plan.command().contains(option), plan.command().toString());
        }
    }

    @Test
    void plan_withTheUsersCollector_addsNoOther(@TempDir Path dir) throws Exception {
        Path jar = Files.writeString(dir.resolve("ws-local.jar"), "x");

        List<String> command = SelfLaunch.plan(JAVA, List.of("-XX:+UseG1GC", "-jar", jar.toString()), null)
                .orElseThrow().command();

        assertFalse(command.contains(SelfLaunch.SERIAL_GC), command.toString());
        assertTrue(command.contains("-XX:+UseG1GC"), command.toString());
    }

    @Test
    void plan_isEmpty_withoutDashJar_orInTheChild_orWhenTurnedOff(@TempDir Path dir) {
        assertTrue(SelfLaunch.plan(JAVA, List.of("-cp", "x.jar", "com.example.wsapi.local.Main"), dir).isEmpty());
        assertTrue(SelfLaunch.plan(JAVA, List.of("-jar"), dir).isEmpty());
        withProperty(SelfLaunch.CHILD, "true",
                () -> assertTrue(SelfLaunch.plan(JAVA, List.of("-jar", "x.jar"), dir).isEmpty()));
        withProperty(SelfLaunch.RELAUNCH, "false",
                () -> assertTrue(SelfLaunch.plan(JAVA, List.of("-jar", "x.jar"), dir).isEmpty()));
    }

    @Test
    void plan_isEmpty_forCommandsThatDoNotRunTheApi(@TempDir Path dir) {
        for (String first : List.of("invoke", "token", "--help", "-h", "--version", "-V")) {
            assertTrue(SelfLaunch.plan(JAVA, List.of("-jar", "x.jar", first, "--name", "ana"), dir).isEmpty(), first);
        }
        assertTrue(SelfLaunch.plan(JAVA, List.of("-jar", "x.jar", "--port", "0"), null).isPresent());
    }

    @Test
    void cacheRoot_followsClassDataCacheOption_offMeaningNone() {
        assertEquals(RuntimeOptions.defaultClassDataCache(), SelfLaunch.cacheRoot(List.of("--port", "3001")));
        assertEquals(Path.of("/tmp/cds"), SelfLaunch.cacheRoot(List.of("--class-data-cache", "/tmp/cds")));
        assertEquals(Path.of("/tmp/cds"), SelfLaunch.cacheRoot(List.of("--class-data-cache=/tmp/cds")));
        assertNull(SelfLaunch.cacheRoot(List.of("--class-data-cache", "off")));
        assertFalse(SelfLaunch.cacheRoot(List.of("invoke", "EchoFunction")) == null);
    }

    private static void withProperty(String name, String value, Runnable action) {
        String before = System.getProperty(name);
        System.setProperty(name, value);
        try {
            action.run();
        } finally {
            if (before == null) {
                System.clearProperty(name);
            } else {
                System.setProperty(name, before);
            }
        }
    }
}
