package com.example.wsapi.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.wsapi.common.testing.LambdaEvents;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * No file of the project points outside the repository: such a link or path is dead in every clone. Checked in every
 * tracked text file (git ls-files; without git, every file but build output): a relative path that climbs above the
 * repository's root from the file's own folder (e.g. {@code ../shared/...} in README.md), and a Markdown or HTML link
 * to an absolute file path or a {@code file:} URL. A path built on a variable ({@code ${project.basedir}/../x}) is
 * left alone: where it starts is known only when it is used.
 */
class RepositoryLinksTest {

    /** A run of {@code ../} at the start of a path: after a boundary, never inside a longer path or after dots. */
    private static final Pattern CLIMB = Pattern.compile("(?<![\\w.}/\\\\-])((?:\\.\\./)+)[^\\s)\"'`<>\\]|,;]*");
    /** A link target: Markdown {@code ](target)} or HTML {@code href=} / {@code src=}. */
    private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)|(?:href|src)=[\"']([^\"']+)[\"']");

    @Test
    void noTrackedFile_pointsOutsideTheRepository() throws Exception {
        Path root = LambdaEvents.projectRoot().toAbsolutePath().normalize();
        List<String> problems = new ArrayList<>();
        for (Path file : trackedFiles(root)) {
            List<String> lines = textLines(root.resolve(file));
            for (int i = 0; i < lines.size(); i++) {
                problems.addAll(problems(file, i + 1, lines.get(i)));
            }
        }
        assertEquals(List.of(), problems, "paths that lead out of the repository (copy what they point at into the "
                + "project, e.g. into docs/, and link that):\n" + String.join("\n", problems));
    }

    @Test
    void theCheck_findsClimbingPathsAndFileLinks_andLeavesPathsInsideAlone() {
        Path readme = Path.of("README.md");
        Path nested = Path.of("bench", "hello-function", "pom.xml");

        assertEquals(List.of("README.md:3: ../shared/reference/apigateway-websocket.md climbs above the repository's "
                + "root"), problems(readme, 3, "from [`x`](../shared/reference/apigateway-websocket.md):"));
        assertFalse(problems(readme, 1, "see ../../elsewhere for more").isEmpty());
        assertFalse(problems(nested, 1, "<relativePath>../../../pom.xml</relativePath>").isEmpty());
        // Split, so that this file does not hold the links it tests.
        assertFalse(problems(readme, 1, "[notes]" + "(/home/someone/notes.md)").isEmpty());
        assertFalse(problems(readme, 1, "<a href=" + "\"file:///home/someone/x.html\">x</a>").isEmpty());

        assertTrue(problems(nested, 1, "<relativePath>../../pom.xml</relativePath>").isEmpty());
        assertTrue(problems(Path.of("docs", "emulation.md"), 1, "[README](../README.md)").isEmpty());
        assertTrue(problems(readme, 1, "<arg value=\"${project.basedir}/../lambda-shrink.pro\"/>").isEmpty());
        assertTrue(problems(readme, 1, "clients connect to wss://.../<StageName> and ws-local/.../HostileInputIT")
                .isEmpty());
        assertTrue(problems(readme, 1, "[AWS](https://docs.aws.amazon.com/x.html) [docs](docs/emulation.md)")
                .isEmpty());
    }

    /** What is wrong on one line of a file (path relative to the root). */
    static List<String> problems(Path file, int lineNumber, String line) {
        List<String> problems = new ArrayList<>();
        Path folder = file.getParent() == null ? Path.of("") : file.getParent();
        Matcher climb = CLIMB.matcher(line);
        while (climb.find()) {
            Path target = folder.resolve(climb.group()).normalize();
            if (target.startsWith("..")) {
                problems.add(file + ":" + lineNumber + ": " + climb.group() + " climbs above the repository's root");
            }
        }
        Matcher link = LINK.matcher(line);
        while (link.find()) {
            String target = link.group(1) != null ? link.group(1) : link.group(2);
            if (target.startsWith("/") || target.startsWith("file:")) {
                problems.add(file + ":" + lineNumber + ": the link " + target + " points at a file outside the "
                        + "repository");
            }
        }
        return problems;
    }

    /** The files git tracks, relative to the root; every file but build output and .git where git cannot say. */
    private static List<Path> trackedFiles(Path root) throws IOException, InterruptedException {
        try {
            Process git = new ProcessBuilder("git", "ls-files", "-z").directory(root.toFile())
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            byte[] out = git.getInputStream().readAllBytes();
            if (git.waitFor(30, TimeUnit.SECONDS) && git.exitValue() == 0 && out.length > 0) {
                return Arrays.stream(new String(out, StandardCharsets.UTF_8).split("\0"))
                        .filter(name -> !name.isEmpty()).map(Path::of).toList();
            }
        } catch (IOException e) {
            // No git on this machine: walk the tree instead.
        }
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).map(root::relativize)
                    .filter(path -> Stream.iterate(path, p -> p != null, Path::getParent)
                            .map(p -> p.getFileName().toString())
                            .noneMatch(name -> name.equals("target") || name.equals(".git")
                                    || name.equals("node_modules")))
                    .toList();
        }
    }

    /** The file's lines, or none for a binary file (not UTF-8, or holding NUL bytes) or one deleted meanwhile. */
    private static List<String> textLines(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        byte[] bytes = Files.readAllBytes(file);
        for (byte b : bytes) {
            if (b == 0) {
                return List.of();
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString().lines().toList();
        } catch (CharacterCodingException e) {
            return List.of();
        }
    }
}
