package com.example.wsapi.local.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Real build outputs for tests, made without a build tool: Java sources compiled by the JDK's own compiler into class
 * files, and folders written into a {@code .zip} or {@code .jar} as a build's archive task writes them.
 */
public final class JavaSources {

    private JavaSources() {}

    /**
     * Compiles {@code sources} (each class's binary name, {@code a.b.C}, to its source) into the folder {@code out}.
     *
     * @throws IllegalStateException when they do not compile, with the compiler's messages
     */
    public static Path compile(Path out, Map<String, String> sources) throws IOException {
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        if (compiler == null) {
            throw new IllegalStateException("no Java compiler in " + System.getProperty("java.home") + ": run the "
                    + "tests on a JDK");
        }
        Path sourceDir = Files.createTempDirectory("java-sources");
        try {
            List<String> arguments = new ArrayList<>(List.of("-d", out.toString(), "-proc:none"));
            for (Map.Entry<String, String> source : sources.entrySet()) {
                Path file = sourceDir.resolve(source.getKey().replace('.', '/') + ".java");
                Files.createDirectories(file.getParent());
                Files.writeString(file, source.getValue());
                arguments.add(file.toString());
            }
            ByteArrayOutputStream messages = new ByteArrayOutputStream();
            OutputStream errors = new PrintStream(messages, true, StandardCharsets.UTF_8);
            if (compiler.run(null, errors, errors, arguments.toArray(String[]::new)) != 0) {
                throw new IllegalStateException("the test's sources do not compile:\n"
                        + messages.toString(StandardCharsets.UTF_8));
            }
            return out;
        } finally {
            try (Stream<Path> paths = Files.walk(sourceDir)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
    }

    /**
     * Writes {@code archive} (a {@code .zip} or {@code .jar}) holding, for each entry name, the content of the file
     * it maps to.
     */
    public static Path archive(Path archive, Map<String, Path> entries) throws IOException {
        Files.createDirectories(archive.getParent());
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(archive))) {
            for (Map.Entry<String, Path> entry : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(entry.getKey()));
                Files.copy(entry.getValue(), zip);
                zip.closeEntry();
            }
        }
        return archive;
    }
}
