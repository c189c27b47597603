package com.example.wsapi.local.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.wsapi.local.log.LogLine;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DynamoDbClientCheckTest {

    private static final URI LOCAL = URI.create("http://127.0.0.1:8000");

    @Test
    void warning_forAnSdk2ClientBefore2_28_1_namesTheFunctionVersionPlaceAndWhatToDo(@TempDir Path code)
            throws Exception {
        Path jar = Files.writeString(Files.createDirectories(code.resolve("lib")).resolve("dynamodb-2.10.52.jar"), "");

        LogLine warning = warning(List.of(code, jar)).orElseThrow();

        assertEquals(LogLine.Kind.WARNING, warning.kind());
        assertTrue(warning.text().startsWith("ConnectFunction's code has the DynamoDB client of the AWS SDK for Java "
                + "2.10.52 (in lib/dynamodb-2.10.52.jar), which does not read AWS_ENDPOINT_URL_DYNAMODB (2.28.1 and "
                + "later do)"), warning.text());
        assertTrue(warning.text().contains("not to DynamoDB Local at http://127.0.0.1:8000"), warning.text());
        assertTrue(warning.advice().contains("2.28.1 or later") && warning.advice().contains("endpointOverride"),
                warning.advice());
    }

    @Test
    void warnings_ofFunctionsSharingAJar_areOneNamingThemAll_andOneForEachOtherClient(@TempDir Path code)
            throws Exception {
        Path shared = Files.writeString(code.resolve("dynamodb-2.10.52.jar"), "");
        Path other = Files.writeString(code.resolve("aws-java-sdk-dynamodb-1.12.500.jar"), "");
        Path current = Files.writeString(code.resolve("dynamodb-2.35.10.jar"), "");
        Map<String, List<Path>> classpaths = new LinkedHashMap<>();
        classpaths.put("ConnectFunction", List.of(shared));
        classpaths.put("SendFunction", List.of(shared));
        classpaths.put("DisconnectFunction", List.of(shared));
        classpaths.put("LegacyFunction", List.of(other));
        classpaths.put("NewFunction", List.of(current));

        List<LogLine> warnings = DynamoDbClientCheck.warnings(classpaths, LOCAL,
                (id, place) -> place.getFileName().toString());

        assertEquals(2, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).text().startsWith("ConnectFunction, SendFunction and DisconnectFunction run code "
                + "with the DynamoDB client of the AWS SDK for Java 2.10.52 (in dynamodb-2.10.52.jar)"),
                warnings.get(0).text());
        assertTrue(warnings.get(1).text().startsWith("LegacyFunction's code has the DynamoDB client of the AWS SDK "
                + "for Java 1.12.500"), warnings.get(1).text());
    }

    @Test
    void warning_noneForAnSdk2ClientThatReadsTheVariable_whateverMavenOrSamBuildNamedItsJar(@TempDir Path code)
            throws Exception {
        for (String name : List.of("dynamodb-2.28.1.jar", "software.amazon.awssdk.dynamodb-2.35.10.jar",
                "dynamodb-3.0.0.jar")) {
            Path jar = Files.writeString(code.resolve(name), "");
            assertEquals(Optional.empty(), warning(List.of(code, jar)), name);
        }
    }

    @Test
    void warning_forAShadedJar_readsTheVersionMavenLeftInIt(@TempDir Path code) throws Exception {
        Path shaded = jar(code.resolve("app-1.0.jar"),
                "META-INF/maven/software.amazon.awssdk/dynamodb/pom.properties", "groupId=software.amazon.awssdk\n"
                        + "artifactId=dynamodb\nversion=2.20.26\n");

        LogLine warning = warning(List.of(shaded)).orElseThrow();

        assertTrue(warning.text().contains("AWS SDK for Java 2.20.26 (in app-1.0.jar)"), warning.text());
    }

    @Test
    void jarsInADependencyFolder_areJudgedByName_notOpened(@TempDir Path code) throws Exception {
        // lib/ and target/dependency hold one artifact a jar, named as Maven names it; opening each would cost the
        // start a few milliseconds a function for nothing.
        for (String folder : List.of("lib", "dependency")) {
            Path inside = jar(Files.createDirectories(code.resolve(folder)).resolve("app-1.0.jar"),
                    "META-INF/maven/software.amazon.awssdk/dynamodb/pom.properties", "version=2.20.26\n");

            assertEquals(Optional.empty(), warning(List.of(inside)), folder);
        }
    }

    @Test
    void warning_forAnSdk1Client_saysNo1xReleaseReadsTheVariable(@TempDir Path code) throws Exception {
        Path shaded = jar(code.resolve("app.jar"), "META-INF/maven/com.amazonaws/aws-java-sdk-dynamodb/pom.properties",
                "version=1.12.782\n");
        Path lib = Files.writeString(code.resolve("com.amazonaws.aws-java-sdk-dynamodb-1.11.1000.jar"), "");

        for (Path entry : List.of(shaded, lib)) {
            LogLine warning = warning(List.of(entry)).orElseThrow();
            assertTrue(warning.text().contains("no 1.x release does"), warning.text());
            assertTrue(warning.advice().contains("withEndpointConfiguration"), warning.advice());
        }
    }

    @Test
    void warning_forTheBundleOfEveryServicesClients_ofEitherSdk(@TempDir Path code) throws Exception {
        Path v2 = Files.writeString(code.resolve("bundle-2.20.0.jar"), "");
        Path v1 = jar(code.resolve("app.jar"), "META-INF/maven/com.amazonaws/aws-java-sdk-bundle/pom.properties",
                "version=1.12.261\n");
        Path current = Files.writeString(code.resolve("software.amazon.awssdk.bundle-2.31.0.jar"), "");

        assertTrue(warning(List.of(v2)).orElseThrow().text().contains("AWS SDK for Java 2.20.0"));
        assertTrue(warning(List.of(v1)).orElseThrow().text().contains("no 1.x release does"));
        assertEquals(Optional.empty(), warning(List.of(current)));
    }

    @Test
    void warning_forAFolderHoldingTheClientsPomProperties(@TempDir Path code) throws Exception {
        Path pom = code.resolve("META-INF/maven/software.amazon.awssdk/dynamodb/pom.properties");
        Files.createDirectories(pom.getParent());
        Files.writeString(pom, "version=2.25.0\n");

        assertTrue(warning(List.of(code)).isPresent());
    }

    @Test
    void warning_noneWithoutADynamoDbClient(@TempDir Path code) throws Exception {
        Path other = jar(code.resolve("app.jar"), "META-INF/maven/software.amazon.awssdk/sqs/pom.properties",
                "version=2.10.0\n");
        Path enhanced = Files.writeString(code.resolve("dynamodb-enhanced-2.10.0.jar"), "");
        Path otherBundle = Files.writeString(code.resolve("bundle-1.0.0.jar"), "");

        assertEquals(Optional.empty(), warning(List.of(code, other, enhanced, otherBundle)));
    }

    /** The check of one function, naming places relative to the classpath's first entry's folder. */
    private static Optional<LogLine> warning(List<Path> classpath) {
        List<LogLine> warnings = DynamoDbClientCheck.warnings(Map.of("ConnectFunction", classpath), LOCAL,
                (id, place) -> base(classpath).relativize(place).toString());
        assertTrue(warnings.size() <= 1, warnings.toString());
        return warnings.stream().findFirst();
    }

    private static Path base(List<Path> classpath) {
        Path first = classpath.get(0);
        return Files.isDirectory(first) ? first : first.getParent();
    }

    /** A jar holding one text entry, e.g. the pom.properties Maven leaves in a shaded jar. */
    static Path jar(Path file, String entry, String content) throws Exception {
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(file))) {
            out.putNextEntry(new ZipEntry(entry));
            out.write(content.getBytes());
            out.closeEntry();
        }
        return file;
    }
}
