package com.example.wsapi.local.lambda;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The RIC's JNI library, extracted once per runtime. Left to itself, every RIC process rewrites the fixed file
 * {@code /tmp/.libaws-lambda-jni.so}: concurrent starts race on it, and another user's copy blocks it.
 */
final class NativeClientLibrary {

    /** The system property through which the RIC loads its library from a given path. */
    static final String PROPERTY = "com.amazonaws.services.lambda.runtime.api.client.runtimeapi.NativeClient.JNI";
    private static final String RIC_JAR_PREFIX = "aws-lambda-java-runtime-interface-client";

    private NativeClientLibrary() {}

    /**
     * Extracts the library matching this machine from the RIC jar into {@code targetDir}; empty when the RIC ships
     * none for this platform (it only supports Linux on x86_64 and aarch64).
     */
    static Optional<Path> extract(List<Path> runtimeJars, Path targetDir) {
        Optional<String> entryName = entryForThisMachine();
        if (entryName.isEmpty()) {
            return Optional.empty();
        }
        Path ricJar = runtimeJars.stream()
                .filter(jar -> jar.getFileName().toString().startsWith(RIC_JAR_PREFIX))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("The runtime jars " + runtimeJars + " do not include "
                        + "the Lambda runtime interface client (" + RIC_JAR_PREFIX + "-*.jar)"));
        try (ZipFile zip = new ZipFile(ricJar.toFile())) {
            ZipEntry entry = zip.getEntry(entryName.get());
            if (entry == null) {
                return Optional.empty();
            }
            Path library = targetDir.resolve("libaws-lambda-jni.so");
            try (InputStream in = zip.getInputStream(entry)) {
                Files.copy(in, library);
            }
            return Optional.of(library);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot extract " + entryName.get() + " from " + ricJar + " to "
                    + targetDir, e);
        }
    }

    static Optional<String> entryForThisMachine() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        if (!os.contains("linux")) {
            return Optional.empty();
        }
        String cpu = switch (arch) {
            case "amd64", "x86_64" -> "x86_64";
            case "aarch64", "arm64" -> "aarch_64";
            default -> null;
        };
        if (cpu == null) {
            return Optional.empty();
        }
        return Optional.of("jni/libaws-lambda-jni.linux" + (isMusl() ? "_musl-" : "-") + cpu + ".so");
    }

    private static boolean isMusl() {
        try (DirectoryStream<Path> loaders = Files.newDirectoryStream(Path.of("/lib"), "ld-musl-*")) {
            return loaders.iterator().hasNext();
        } catch (IOException e) {
            return false;
        }
    }
}
