package com.example.wsapi.local.lambda;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.CodeSource;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The jars a function JVM runs besides the function: the official runtime interface client (RIC) and its dependencies.
 * ws-local's build copies them to the resource folder {@code lambda-runtime/} (they are not on ws-local's classpath).
 */
public final class RuntimeJars {

    static final String RESOURCE_DIR = "lambda-runtime/";
    private static final String RIC_JAR_PREFIX = "aws-lambda-java-runtime-interface-client";

    private RuntimeJars() {}

    /**
     * The runtime jars: {@code lambda-runtime/*.jar} next to ws-local's classes, or, when ws-local runs from its jar,
     * extracted once to {@code ${java.io.tmpdir}/ws-local-runtime-<content hash>}.
     *
     * @throws IllegalStateException when ws-local was built without them
     */
    public static List<Path> locate() {
        Path location = codeLocation();
        List<Path> jars = Files.isDirectory(location)
                ? jarsIn(location.resolve(RESOURCE_DIR))
                : extract(location, Path.of(System.getProperty("java.io.tmpdir")));
        if (jars.stream().noneMatch(jar -> jar.getFileName().toString().startsWith(RIC_JAR_PREFIX))) {
            throw new IllegalStateException("The Lambda runtime interface client (" + RESOURCE_DIR + RIC_JAR_PREFIX
                    + "-*.jar) is missing from " + location + ": rebuild ws-local with `mvn -DskipTests package` "
                    + "at the project root");
        }
        return jars;
    }

    private static Path codeLocation() {
        CodeSource source = RuntimeJars.class.getProtectionDomain().getCodeSource();
        URL url = source == null ? null : source.getLocation();
        if (url == null) {
            throw new IllegalStateException("Cannot tell where ws-local's classes come from, so cannot find its "
                    + RESOURCE_DIR + " jars");
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new IllegalStateException("ws-local's classes come from " + url + ", which is neither a folder "
                    + "nor a jar file: cannot find its " + RESOURCE_DIR + " jars", e);
        }
    }

    private static List<Path> jarsIn(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".jar")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + dir, e);
        }
    }

    /**
     * Extracts {@code lambda-runtime/*.jar} of {@code jar} to {@code <cacheRoot>/ws-local-runtime-<hash>}, unless a
     * previous run already did; the hash covers the entries' names, sizes and CRCs, so a rebuilt jar gets a new folder.
     */
    static List<Path> extract(Path jar, Path cacheRoot) {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            List<ZipEntry> entries = zip.stream().map(ZipEntry.class::cast)
                    .filter(e -> !e.isDirectory() && e.getName().startsWith(RESOURCE_DIR)
                            && e.getName().endsWith(".jar") && e.getName().indexOf('/', RESOURCE_DIR.length()) < 0)
                    .sorted(Comparator.comparing(ZipEntry::getName))
                    .toList();
            if (entries.isEmpty()) {
                return List.of();
            }
            Path target = cacheRoot.resolve("ws-local-runtime-" + hash(entries));
            if (!isComplete(target, entries)) {
                Files.createDirectories(cacheRoot);
                Path staging = Files.createTempDirectory(cacheRoot, "ws-local-runtime-staging-");
                try {
                    for (ZipEntry entry : entries) {
                        try (InputStream in = zip.getInputStream(entry)) {
                            Files.copy(in, staging.resolve(fileName(entry)));
                        }
                    }
                    if (!isComplete(target, entries)) {
                        deleteRecursively(target); // an incomplete folder left by an interrupted run
                        moveAtomically(staging, target);
                    }
                } catch (FileAlreadyExistsException e) {
                    // Another ws-local extracted the same jars at the same moment: use theirs.
                    if (!isComplete(target, entries)) {
                        throw new IOException("Extraction to " + target + " did not complete", e);
                    }
                } finally {
                    deleteRecursively(staging);
                }
            }
            List<Path> jars = new ArrayList<>();
            for (ZipEntry entry : entries) {
                jars.add(target.resolve(fileName(entry)));
            }
            return List.copyOf(jars);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot extract the Lambda runtime jars (" + RESOURCE_DIR + ") from " + jar
                    + " to " + cacheRoot + ": " + e.getMessage(), e);
        }
    }

    private static String fileName(ZipEntry entry) {
        return entry.getName().substring(RESOURCE_DIR.length());
    }

    private static boolean isComplete(Path dir, List<ZipEntry> entries) throws IOException {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        for (ZipEntry entry : entries) {
            Path file = dir.resolve(fileName(entry));
            if (!Files.isRegularFile(file) || Files.size(file) != entry.getSize()) {
                return false;
            }
        }
        return true;
    }

    private static String hash(List<ZipEntry> entries) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (ZipEntry entry : entries) {
                digest.update((entry.getName() + '\0' + entry.getSize() + '\0' + entry.getCrc() + '\n')
                        .getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(digest.digest(), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    private static void moveAtomically(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        } catch (IOException e) {
            // A concurrent extraction created a non-empty target first: report it as such.
            if (Files.isDirectory(to)) {
                throw new FileAlreadyExistsException(to.toString());
            }
            throw e;
        }
    }

    static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
