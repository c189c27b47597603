package com.example.wsapi.local.lambda;

import com.example.wsapi.local.log.LogLine;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Whether a function's code can find DynamoDB Local by itself. ws-local gives every function
 * {@code AWS_ENDPOINT_URL_DYNAMODB}, but only the AWS SDK for Java 2.28.1 and later read it; an older 2.x DynamoDB
 * client, or any 1.x one, calls AWS's {@code dynamodb.<region>.amazonaws.com} unless the code sets the endpoint
 * itself, and fails there (offline: an unknown host) with nothing saying why. The version is read from the jar's name
 * ({@code dynamodb-2.10.52.jar}, as Maven and {@code sam build} name it) or, in a shaded jar or a folder, from the
 * {@code pom.properties} Maven leaves in {@code META-INF/maven}.
 */
public final class DynamoDbClientCheck {

    /** A DynamoDB client of the AWS SDK for Java: {@code sdkMajor} 1 or 2, its version, the classpath entry. */
    public record Found(int sdkMajor, String version, Path where) {}

    /** The DynamoDB client's jar, or the bundle of every service's clients, as Maven or sam build names it (an SDK's
     *  major version in the pattern, so another library's bundle-1.0.jar is not taken for it). */
    private static final Pattern V2_JAR =
            Pattern.compile("(?:software\\.amazon\\.awssdk\\.)?(?:dynamodb|bundle)-(2\\.\\d+\\.\\d+)\\.jar");
    private static final Pattern V1_JAR =
            Pattern.compile("(?:com\\.amazonaws\\.)?aws-java-sdk-(?:dynamodb|bundle)-(1\\.\\d+\\.\\d+)\\.jar");
    private static final List<String> V2_POMS = List.of("META-INF/maven/software.amazon.awssdk/dynamodb/pom.properties",
            "META-INF/maven/software.amazon.awssdk/bundle/pom.properties");
    private static final List<String> V1_POMS = List.of(
            "META-INF/maven/com.amazonaws/aws-java-sdk-dynamodb/pom.properties",
            "META-INF/maven/com.amazonaws/aws-java-sdk-bundle/pom.properties");
    /** The first 2.x release that reads service-specific endpoint variables such as AWS_ENDPOINT_URL_DYNAMODB. */
    private static final int[] FIRST_READING = {2, 28, 1};

    private DynamoDbClientCheck() {}

    /**
     * A warning for each DynamoDB client that does not read {@code AWS_ENDPOINT_URL_DYNAMODB}, naming every function
     * whose code has it (functions sharing a jar share the warning).
     *
     * @param classpaths each function's classpath, by logical id, in the order to name them
     * @param describe   how to name a function's classpath entry for a person (e.g. relative to the template)
     */
    public static List<LogLine> warnings(Map<String, List<Path>> classpaths, URI dynamoEndpoint,
                                         BiFunction<String, Path, String> describe) {
        Map<String, List<String>> functionsByClient = new LinkedHashMap<>();
        Map<String, Found> clients = new LinkedHashMap<>();
        classpaths.forEach((logicalId, classpath) -> find(classpath)
                .filter(client -> !readsEndpointVariable(client))
                .ifPresent(client -> {
                    String key = client.version() + " (in " + describe.apply(logicalId, client.where()) + ")";
                    clients.putIfAbsent(key, client);
                    functionsByClient.computeIfAbsent(key, k -> new ArrayList<>()).add(logicalId);
                }));
        List<LogLine> warnings = new ArrayList<>();
        functionsByClient.forEach((key, functions) -> warnings.add(warning(functions, key, clients.get(key),
                dynamoEndpoint)));
        return warnings;
    }

    private static LogLine warning(List<String> functions, String versionAndPlace, Found client, URI dynamoEndpoint) {
        String who = functions.size() == 1 ? functions.get(0) + "'s code has"
                : String.join(", ", functions.subList(0, functions.size() - 1)) + " and "
                + functions.get(functions.size() - 1) + " run code with";
        String text = who + " the DynamoDB client of the AWS SDK for Java " + versionAndPlace
                + ", which does not read AWS_ENDPOINT_URL_DYNAMODB ("
                + (client.sdkMajor() == 1 ? "no 1.x release does; 2.28.1 and later do" : "2.28.1 and later do")
                + "): unless the code sets the endpoint itself, its DynamoDB calls go to AWS's "
                + "dynamodb.<region>.amazonaws.com, not to DynamoDB Local at " + dynamoEndpoint;
        String advice = client.sdkMajor() == 1
                ? "move to the SDK 2.28.1 or later, or build the client withEndpointConfiguration(...) from a "
                + "variable the template declares, set to " + dynamoEndpoint + " with --env-vars"
                : "use the SDK 2.28.1 or later (the BOM's version in the pom), or build the client with "
                + "endpointOverride(...) from a variable the template declares, set to " + dynamoEndpoint
                + " with --env-vars";
        return LogLine.warning(null, text, advice);
    }

    /** The first DynamoDB client of the AWS SDK for Java on the classpath whose version can be read. */
    public static Optional<Found> find(List<Path> classpath) {
        for (Path entry : classpath) {
            Optional<Found> found = Files.isDirectory(entry) ? inFolder(entry) : inJar(entry);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    static boolean readsEndpointVariable(Found client) {
        if (client.sdkMajor() != 2) {
            return false;
        }
        String[] parts = client.version().split("\\.");
        for (int i = 0; i < FIRST_READING.length; i++) {
            int part = i < parts.length ? Integer.parseInt(parts[i]) : 0;
            if (part != FIRST_READING[i]) {
                return part > FIRST_READING[i];
            }
        }
        return true;
    }

    private static Optional<Found> inFolder(Path folder) {
        for (int major : new int[] {2, 1}) {
            for (String entry : major == 2 ? V2_POMS : V1_POMS) {
                Path pom = folder.resolve(entry);
                if (Files.isRegularFile(pom)) {
                    try {
                        return version(Files.readString(pom)).map(v -> new Found(major, v, folder));
                    } catch (IOException e) {
                        throw new UncheckedIOException("Cannot read " + pom, e);
                    }
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<Found> inJar(Path jar) {
        String name = jar.getFileName().toString();
        Matcher v2 = V2_JAR.matcher(name);
        if (v2.matches()) {
            return Optional.of(new Found(2, v2.group(1), jar));
        }
        Matcher v1 = V1_JAR.matcher(name);
        if (v1.matches()) {
            return Optional.of(new Found(1, v1.group(1), jar));
        }
        if (!name.endsWith(".jar") || isDependencyFolder(jar.getParent()) || !Files.isRegularFile(jar)) {
            return Optional.empty();
        }
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            for (int major : new int[] {2, 1}) {
                for (String entry : major == 2 ? V2_POMS : V1_POMS) {
                    ZipEntry pom = zip.getEntry(entry);
                    if (pom != null) {
                        try (InputStream in = zip.getInputStream(pom)) {
                            return version(new String(in.readAllBytes(), StandardCharsets.UTF_8))
                                    .map(v -> new Found(major, v, jar));
                        }
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
