package com.example.wsapi.common.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.spi.ToolProvider;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * Checks a function module's artifact as the package phase lays it out, shrunk, in target/lambda (classes at the root,
 * jars in lib/): what sam build copies (the Makefile) and ws-local runs.
 */
public final class LambdaArtifact {

    /**
     * Jars that must never ship in a function: HTTP clients other than url-connection-client (big and slow to start),
     * and Joda-Time, which only event classes these functions never receive use (0.6 MB).
     */
    public static final List<String> FORBIDDEN_JAR_PREFIXES =
            List.of("apache-client", "httpclient", "httpcore", "netty-", "aws-crt", "joda-time");

    /** The goal per function (BENCHMARKS.md); each module asserts a ceiling just above its own size, within it. */
    public static final long TARGET_ZIPPED_BYTES = 4L * 1024 * 1024;

    /** The one class that reads sdk-core's mime.types, which the build leaves out of every artifact. */
    private static final String MIME_TYPES_READER = "software/amazon/awssdk/core/internal/util/Mimetype.class";

    private LambdaArtifact() {}

    /** The module's shrunk artifact folder, target/lambda. */
    public static Path folder(Path moduleDir) {
        Path artifact = moduleDir.resolve("target/lambda");
        assertTrue(Files.isDirectory(artifact.resolve("lib")),
                "no " + artifact.resolve("lib") + ": the package phase lays the artifact out there (mvn package)");
        return artifact;
    }

    /** The size of the function's zip as sam build makes it from target/lambda, deflated at zlib's default level. */
    public static long zippedBytes(Path moduleDir) throws IOException {
        Path artifact = folder(moduleDir);
        CountingStream counter = new CountingStream();
        try (ZipOutputStream zip = new ZipOutputStream(counter); Stream<Path> walk = Files.walk(artifact)) {
            for (Path file : walk.filter(Files::isRegularFile).sorted().toList()) {
                zip.putNextEntry(new ZipEntry(artifact.relativize(file).toString().replace('\\', '/')));
                Files.copy(file, zip);
                zip.closeEntry();
            }
        }
        return counter.count;
    }

    /** Fails when the zipped artifact outgrows {@code maxBytes}, naming its biggest jars. */
    public static void assertZippedAtMost(Path moduleDir, long maxBytes) throws IOException {
        assertTrue(maxBytes <= TARGET_ZIPPED_BYTES, "a ceiling above the 4 MB target: " + maxBytes);
        long zipped = zippedBytes(moduleDir);
        if (zipped > maxBytes) {
            Path lib = folder(moduleDir).resolve("lib");
            String biggest = jars(moduleDir).stream()
                    .sorted(Comparator.comparingLong((String jar) -> size(lib.resolve(jar))).reversed())
                    .limit(5)
                    .map(jar -> jar + " " + size(lib.resolve(jar)) / 1024 + " KB")
                    .collect(Collectors.joining(", "));
            fail(String.format(Locale.ROOT, "the %s artifact zips to %d bytes (%.2f MB), over its ceiling of %d "
                    + "(%.2f MB): keep SDK modules and libraries it does not call out of it, and check what the "
                    + "keep rules in lambda-shrink.pro hold; biggest jars: %s",
                    moduleDir.getFileName(), zipped, zipped / 1048576.0, maxBytes, maxBytes / 1048576.0, biggest));
        }
    }

    public static List<String> jars(Path moduleDir) throws IOException {
        try (Stream<Path> files = Files.list(folder(moduleDir).resolve("lib"))) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".jar")).sorted().toList();
        }
    }

    public static void assertLayout(Path moduleDir, String handlerClass) throws IOException {
        Path classFile = folder(moduleDir).resolve(handlerClass.replace('.', '/') + ".class");
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

    /**
     * What shrinking must not break: every class the artifact's code references is in it or in the JDK (jdeps), and
     * every class its service files (META-INF/services, the SDK's execution.interceptors) name is in it.
     */
    public static void assertShrunkIntact(Path moduleDir) throws IOException {
        Path artifact = folder(moduleDir);
        List<String> arguments = new ArrayList<>(List.of("--multi-release", "17", "--missing-deps"));
        for (String jar : jars(moduleDir)) {
            arguments.add(artifact.resolve("lib").resolve(jar).toString());
        }
        arguments.add(artifact.toString());
        ToolProvider jdeps = ToolProvider.findFirst("jdeps")
                .orElseThrow(() -> new AssertionError("no jdeps in this Java: run the tests on a JDK"));
        StringWriter out = new StringWriter();
        int exit = jdeps.run(new PrintWriter(out), new PrintWriter(out), arguments.toArray(String[]::new));
        assertEquals(0, exit, "jdeps failed: " + out);
        assertTrue(out.toString().isBlank(), "the shrunk artifact of " + moduleDir.getFileName() + " references "
                + "classes it does not hold (keep them in lambda-shrink.pro, or ship their jar):\n" + out);

        Set<String> classes = new HashSet<>();
        List<String> named = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(artifact)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                String name = artifact.relativize(file).toString().replace('\\', '/');
                if (name.endsWith(".class")) {
                    classes.add(name);
                } else if (name.endsWith(".jar")) {
                    readJar(file, classes, named);
                }
            }
        }
        List<String> missing = named.stream().filter(c -> !classes.contains(c.replace('.', '/') + ".class")).toList();
        // A function with the SDK ships url-connection-client, whose service file proves the files are read at all.
        assertTrue(!named.isEmpty() || jars(moduleDir).stream().noneMatch(j -> j.startsWith("url-connection-client")),
                "no service files found in " + artifact + " (url-connection-client has one)");
        assertTrue(missing.isEmpty(), "classes named in service files but shrunk away: " + missing);
        // The build leaves sdk-core's mime.types out of every artifact (pom.xml, lambda-shrink): only this class reads
        // it, and without the file it would call every upload application/octet-stream, silently.
        assertTrue(!classes.contains(MIME_TYPES_READER), "the shrunk artifact of " + moduleDir.getFileName()
                + " reaches " + MIME_TYPES_READER + ": stop leaving mime.types out of it (the -injars filter in pom.xml)");
    }

    private static void readJar(Path jar, Set<String> classes, List<String> named) throws IOException {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            for (ZipEntry entry : zip.stream().toList()) {
                String name = entry.getName();
                if (name.endsWith(".class")) {
                    classes.add(name);
                } else if (name.startsWith("META-INF/services/") && !entry.isDirectory()
                        || name.endsWith("/execution.interceptors")) {
                    try (InputStream in = zip.getInputStream(entry)) {
                        new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                                .map(line -> line.replaceFirst("#.*", "").strip())
                                .filter(line -> !line.isEmpty())
                                .forEach(named::add);
                    }
                }
            }
        }
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
}
