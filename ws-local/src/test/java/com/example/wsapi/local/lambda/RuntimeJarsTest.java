package com.example.wsapi.local.lambda;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RuntimeJarsTest {

    @Test
    void locate_findsTheRuntimeInterfaceClientAndItsDependencies_andNothingElse() {
        List<String> names = RuntimeJars.locate().stream().map(jar -> jar.getFileName().toString()).toList();

        assertEquals(4, names.size(), names.toString());
        for (String expected : List.of("aws-lambda-java-runtime-interface-client-", "aws-lambda-java-core-",
                "aws-lambda-java-serialization-", "utils-lite-")) {
            assertTrue(names.stream().anyMatch(name -> name.startsWith(expected)), expected + " in " + names);
        }
    }

    @Test
    void extract_copiesTheJarsOfTheResourceFolderOnce(@TempDir Path dir) throws Exception {
        Path jar = shadedJar(dir.resolve("ws-local.jar"), Map.of("lambda-runtime/ric.jar", "ric bytes",
                "lambda-runtime/core.jar", "core bytes", "lambda-runtime/nested/skip.jar", "nested",
                "com/example/Main.class", "class"));
        Path cache = dir.resolve("cache");

        List<Path> first = RuntimeJars.extract(jar, cache);

        assertEquals(List.of("core.jar", "ric.jar"), first.stream().map(p -> p.getFileName().toString()).toList());
        assertArrayEquals("ric bytes".getBytes(), Files.readAllBytes(first.get(1)));
        FileTime written = Files.getLastModifiedTime(first.get(1));
        Files.setLastModifiedTime(first.get(1), FileTime.fromMillis(written.toMillis() - 60_000));
        FileTime marked = Files.getLastModifiedTime(first.get(1));

        List<Path> second = RuntimeJars.extract(jar, cache);

        assertEquals(first, second);
        assertEquals(marked, Files.getLastModifiedTime(second.get(1)), "the second run must reuse the files");
        try (var folders = Files.list(cache)) {
            assertEquals(1, folders.count(), "no staging folder left behind");
        }
    }

    @Test
    void extract_ofADifferentJar_usesAnotherFolder(@TempDir Path dir) throws Exception {
        Path cache = dir.resolve("cache");
        List<Path> v1 = RuntimeJars.extract(shadedJar(dir.resolve("v1.jar"),
                Map.of("lambda-runtime/ric.jar", "version 1")), cache);
        List<Path> v2 = RuntimeJars.extract(shadedJar(dir.resolve("v2.jar"),
                Map.of("lambda-runtime/ric.jar", "version 2")), cache);

        assertNotEquals(v1.get(0).getParent(), v2.get(0).getParent());
        assertEquals("version 1", Files.readString(v1.get(0)));
        assertEquals("version 2", Files.readString(v2.get(0)));
    }

    private static Path shadedJar(Path jar, Map<String, String> entries) throws IOException {
        try (OutputStream file = Files.newOutputStream(jar); ZipOutputStream zip = new ZipOutputStream(file)) {
            for (Map.Entry<String, String> entry : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(entry.getKey()));
                zip.write(entry.getValue().getBytes());
                zip.closeEntry();
            }
        }
        return jar;
    }
}
