package com.example.wsapi.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * docs/ws-local-map.md cannot rot: every file it names ({@code gateway/Gateway.java}, {@code LocalApi.java}), every
 * folder ({@code gateway/integration/}), every class name ({@code WsLocalMapTest}) and every link exists. Paths are
 * relative to ws-local's main source root, as the map says; a bare class name may be any of ws-local's sources.
 */
class WsLocalMapTest {

    static final Path ROOT = Path.of(System.getProperty("project.root"));
    static final Path MAP = ROOT.resolve("docs/ws-local-map.md");
    static final Path SOURCES = ROOT.resolve("ws-local/src/main/java/com/example/wsapi/local");

    /** Text in backticks. */
    private static final Pattern CODE = Pattern.compile("`([^`]+)`");
    private static final Pattern JAVA_FILE = Pattern.compile("[A-Za-z0-9_/]+\\.java");
    private static final Pattern FOLDER = Pattern.compile("[a-z][a-z0-9_]*(/[a-z][a-z0-9_]*)*/");
    private static final Pattern CLASS_NAME = Pattern.compile("[A-Z][a-z0-9]+[A-Z][A-Za-z0-9]*");
    private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s#]+)");

    @Test
    void everyFileFolderClassAndLinkTheMapNames_exists() throws IOException {
        List<String> lines = Files.readAllLines(MAP);
        List<String> problems = new ArrayList<>();
        int named = 0;
        for (int i = 0; i < lines.size(); i++) {
            List<String> names = names(lines.get(i));
            named += names.size();
            for (String name : names) {
                if (!exists(name)) {
                    problems.add("docs/ws-local-map.md line " + (i + 1) + ": " + name + " does not exist");
                }
            }
        }

        assertEquals(List.of(), problems, "rename or remove them in the map:\n" + String.join("\n", problems));
        assertTrue(named >= 40, "the map names " + named + " files, folders, classes and links: is the check reading "
                + "it?");
    }

    @Test
    void theCheck_findsNamesInCode_andKnowsThoseThatDoNotExist() throws IOException {
        assertEquals(List.of("gateway/Gateway.java", "gateway/integration/", "LocalApi.java", "WsLocalMapTest",
                "emulation.md"), names("`gateway/Gateway.java` and `gateway/integration/` via `LocalApi.java`; "
                + "`WsLocalMapTest`, not `$connect`, `/@chat/`, `--verbose` or `GET /next`; [x](emulation.md)"));

        assertTrue(exists("gateway/GatewayLog.java") && exists("Main.java") && exists("vtl/") && exists("LogLines"));
        for (String missing : List.of("gateway/NoSuchClass.java", "NoSuchClass.java", "nosuch/", "NoSuchClass",
                "no-such.md")) {
            assertTrue(!exists(missing), missing);
        }
    }

    /** What a line of the map names: .java files, folders and class names in code, and link targets. */
    static List<String> names(String line) {
        List<String> names = new ArrayList<>();
        Matcher code = CODE.matcher(line);
        while (code.find()) {
            String text = code.group(1);
            if (JAVA_FILE.matcher(text).matches() || FOLDER.matcher(text).matches()
                    || CLASS_NAME.matcher(text).matches()) {
                names.add(text);
            }
        }
        Matcher link = LINK.matcher(line);
        while (link.find()) {
            names.add(link.group(1));
        }
        return names;
    }

    static boolean exists(String name) throws IOException {
        if (name.endsWith(".java") && name.contains("/")) {
            return Files.isRegularFile(SOURCES.resolve(name));
        }
        if (name.endsWith(".java")) {
            return Files.isRegularFile(SOURCES.resolve(name)) || anySource(name);
        }
        if (name.endsWith("/")) {
            return Files.isDirectory(SOURCES.resolve(name));
        }
        if (CLASS_NAME.matcher(name).matches()) {
            return anySource(name + ".java");
        }
        return Files.exists(MAP.getParent().resolve(name));
    }

    /** Whether any of ws-local's sources, main or test, has this file name. */
    private static boolean anySource(String fileName) throws IOException {
        try (Stream<Path> files = Files.walk(ROOT.resolve("ws-local/src"))) {
            return files.anyMatch(file -> file.getFileName().toString().equals(fileName));
        }
    }
}
