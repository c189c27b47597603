package com.example.wsapi.common.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Checks a function module's Lambda layout (target/classes + target/dependency), as sam build packages it. */
public final class LambdaArtifact {

    /**
     * Jars that must never ship in a function: HTTP clients other than url-connection-client (big and slow to start),
     * and Joda-Time, which only event classes these functions never receive use (0.6 MB).
     */
    public static final List<String> FORBIDDEN_JAR_PREFIXES =
            List.of("apache-client", "httpclient", "httpcore", "netty-", "aws-crt", "joda-time");

    /** The goal per function (BENCHMARKS.md): SDK-heavy functions miss it, so each module asserts its own ceiling. */
    public static final long TARGET_ZIPPED_BYTES = 4L * 1024 * 1024;

    private LambdaArtifact() {}

    /**
     * The size of the function's zip as sam build makes it: target/classes at the root, target/dependency/*.jar in lib/,
     * deflated at zlib's default level (what SAM's Python zipfile uses).
     */
    public static long zippedBytes(Path moduleDir) throws IOException {
        Path classes = moduleDir.resolve("target/classes");
        assertTrue(Files.isDirectory(classes), "no " + classes + ": build the module first");
        CountingStream counter = new CountingStream();
        try (ZipOutputStream zip = new ZipOutputStream(counter)) {
            List<Path> files;
            try (Stream<Path> walk = Files.walk(classes)) {
                files = walk.filter(Files::isRegularFile).sorted().toList();
            }
            for (Path file : files) {
                add(zip, classes.relativize(file).toString().replace('\\', '/'), file);
            }
            for (String jar : jars(moduleDir)) {
                add(zip, "lib/" + jar, moduleDir.resolve("target/dependency").resolve(jar));
            }
        }
        return counter.count;
    }

    /** Fails when the zipped artifact outgrows {@code maxBytes}, naming its biggest jars. */
    public static void assertZippedAtMost(Path moduleDir, long maxBytes) throws IOException {
        long zipped = zippedBytes(moduleDir);
        if (zipped > maxBytes) {
            Path dependency = moduleDir.resolve("target/dependency");
            String biggest = jars(moduleDir).stream()
                    .sorted(Comparator.comparingLong((String jar) -> size(dependency.resolve(jar))).reversed())
                    .limit(5)
                    .map(jar -> jar + " " + size(dependency.resolve(jar)) / 1024 + " KB")
                    .collect(Collectors.joining(", "));
            fail(String.format(Locale.ROOT, "the %s artifact zips to %d bytes (%.2f MB), over its ceiling of %d "
                    + "(%.2f MB): keep SDK modules and libraries it does not call out of it; biggest jars: %s",
                    moduleDir.getFileName(), zipped, zipped / 1048576.0, maxBytes, maxBytes / 1048576.0, biggest));
        }
    }

    private static void add(ZipOutputStream zip, String name, Path file) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        Files.copy(file, zip);
        zip.closeEntry();
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return -1;
        }
    }

    private static final class CountingStream extends OutputStream {
        long count;

        @Override
        public void write(int b) {
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            count += len;
        }
    }

    public static List<String> jars(Path moduleDir) throws IOException {
        Path dependency = moduleDir.resolve("target/dependency");
        assertTrue(Files.isDirectory(dependency), "no " + dependency + ": the package phase copies runtime jars there");
        try (Stream<Path> files = Files.list(dependency)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".jar")).sorted().toList();
        }
    }

    public static void assertLayout(Path moduleDir, String handlerClass) throws IOException {
        Path classFile = moduleDir.resolve("target/classes").resolve(handlerClass.replace('.', '/') + ".class");
        assertTrue(Files.isRegularFile(classFile), "handler class missing: " + classFile);
        List<String> jars = jars(moduleDir);
        assertTrue(jars.stream().anyMatch(j -> j.startsWith("aws-lambda-java-core")), "no aws-lambda-java-core in " + jars);
        for (String jar : jars) {
            for (String prefix : FORBIDDEN_JAR_PREFIXES) {
                if (jar.startsWith(prefix)) {
                    fail(jar + " must not be in the function artifact of " + moduleDir.getFileName());
                }
            }
        }
    }
}
