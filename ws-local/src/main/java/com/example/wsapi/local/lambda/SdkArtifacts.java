package com.example.wsapi.local.lambda;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.BiFunction;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Which release of an AWS SDK artifact a function's code bundles, for the start's warnings of releases that would not
 * find ws-local. The version is read from the jar's name ({@code dynamodb-2.10.52.jar}, as Maven and {@code sam build}
 * name it) or, in a shaded jar or a folder, from the {@code pom.properties} Maven leaves in {@code META-INF/maven}.
 */
final class SdkArtifacts {

    /**
     * An artifact, and how its versions start ({@code "2."}), so that another library's {@code bundle-1.0.0.jar} is
     * not taken for the SDK's.
     */
    record Artifact(String groupId, String artifactId, String versionStart) {

        /** Its jar's name as Maven ({@code dynamodb-2.10.52.jar}) or sam build ({@code software.amazon...}) names it. */
        Pattern jarName() {
            return Pattern.compile("(?:" + Pattern.quote(groupId + ".") + ")?" + Pattern.quote(artifactId) + "-("
                    + Pattern.quote(versionStart) + "\\d+\\.\\d+)\\.jar");
        }

        String pomProperties() {
            return "META-INF/maven/" + groupId + "/" + artifactId + "/pom.properties";
        }
    }

    /** An artifact found: its version, the classpath entry holding it. */
    record Found(Artifact artifact, String version, Path where) {}

    /** Functions whose code has the same release in the same place: one warning names them all. */
    record Shared(List<String> functions, Found found, String versionAndPlace) {

        /** {@code "Send's code has"} or {@code "Connect, Send and Echo run code with"}. */
        String whoHas() {
            return functions.size() == 1 ? functions.get(0) + "'s code has"
                    : String.join(", ", functions.subList(0, functions.size() - 1)) + " and "
                    + functions.get(functions.size() - 1) + " run code with";
        }
    }

    private SdkArtifacts() {}

    /**
     * The first of {@code artifacts} on each function's classpath that {@code tooOld} says is, grouped by release and
     * place, in the order of {@code classpaths}.
     *
     * @param describe how to name a function's classpath entry for a person (e.g. relative to the template)
     */
    static List<Shared> tooOld(Map<String, List<Path>> classpaths, List<Artifact> artifacts, Predicate<Found> tooOld,
                               BiFunction<String, Path, String> describe) {
        Map<String, List<String>> functionsByPlace = new LinkedHashMap<>();
        Map<String, Found> found = new LinkedHashMap<>();
        classpaths.forEach((logicalId, classpath) -> find(classpath, artifacts)
                .filter(tooOld)
                .ifPresent(artifact -> {
                    String key = artifact.version() + " (in " + describe.apply(logicalId, artifact.where()) + ")";
                    found.putIfAbsent(key, artifact);
                    functionsByPlace.computeIfAbsent(key, k -> new ArrayList<>()).add(logicalId);
                }));
        List<Shared> shared = new ArrayList<>();
        functionsByPlace.forEach((key, functions) -> shared.add(new Shared(functions, found.get(key), key)));
        return shared;
    }

    /** The first of {@code artifacts} (in that order of preference per entry) whose version can be read. */
    static Optional<Found> find(List<Path> classpath, List<Artifact> artifacts) {
        for (Path entry : classpath) {
            Optional<Found> found = Files.isDirectory(entry) ? inFolder(entry, artifacts) : inJar(entry, artifacts);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    /** Whether {@code version} ({@code 2.28.1}) is {@code first} or later. */
    static boolean atLeast(String version, int... first) {
        String[] parts = version.split("\\.");
        for (int i = 0; i < first.length; i++) {
            int part = i < parts.length ? Integer.parseInt(parts[i]) : 0;
            if (part != first[i]) {
                return part > first[i];
            }
        }
        return true;
    }

    private static Optional<Found> inFolder(Path folder, List<Artifact> artifacts) {
        for (Artifact artifact : artifacts) {
            Path pom = folder.resolve(artifact.pomProperties());
            if (Files.isRegularFile(pom)) {
                try {
                    return version(Files.readString(pom)).map(v -> new Found(artifact, v, folder));
                } catch (IOException e) {
                    throw new UncheckedIOException("Cannot read " + pom, e);
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<Found> inJar(Path jar, List<Artifact> artifacts) {
        String name = jar.getFileName().toString();
        for (Artifact artifact : artifacts) {
            Matcher named = artifact.jarName().matcher(name);
            if (named.matches()) {
                return Optional.of(new Found(artifact, named.group(1), jar));
            }
        }
        if (!name.endsWith(".jar") || isDependencyFolder(jar.getParent()) || !Files.isRegularFile(jar)) {
            return Optional.empty();
        }
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            for (Artifact artifact : artifacts) {
                ZipEntry pom = zip.getEntry(artifact.pomProperties());
                if (pom != null) {
                    try (InputStream in = zip.getInputStream(pom)) {
                        return version(new String(in.readAllBytes(), StandardCharsets.UTF_8))
                                .map(v -> new Found(artifact, v, jar));
                    }
                }
            }
            return Optional.empty();
        } catch (IOException e) {
            // Not a readable jar (half written, or named .jar but something else): nothing to say about it.
            return Optional.empty();
        }
    }

    /**
     * {@code lib/} (Lambda's layout, layers) or {@code target/dependency}: one artifact a jar, named as Maven names it,
     * so the name alone says whether it is the SDK's; only a jar of its own (shaded) is opened, about 0.2 ms a jar.
     */
    private static boolean isDependencyFolder(Path folder) {
        String name = folder == null || folder.getFileName() == null ? "" : folder.getFileName().toString();
        return name.equals("lib") || name.equals("dependency");
    }

    private static Optional<String> version(String pomProperties) throws IOException {
        Properties properties = new Properties();
        properties.load(new StringReader(pomProperties));
        String version = properties.getProperty("version", "").trim();
        return version.matches("\\d+(\\.\\d+)*.*") ? Optional.of(version.replaceAll("[^0-9.].*$", ""))
                : Optional.empty();
    }
}
