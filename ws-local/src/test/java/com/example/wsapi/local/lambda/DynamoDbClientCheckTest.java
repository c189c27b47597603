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
    void sdk2ClientBefore2_28_1_withoutOldNetty_isSaidToReachDynamoDbLocalThroughTheProxy_inADetailLine(
            @TempDir Path code) throws Exception {
        Path jar = Files.writeString(Files.createDirectories(code.resolve("lib")).resolve("dynamodb-2.10.52.jar"), "");
        Path netty = Files.writeString(code.resolve("lib/netty-nio-client-2.25.0.jar"), "");

        for (List<Path> classpath : List.of(List.of(code, jar), List.of(code, jar, netty))) {
            LogLine line = line(classpath).orElseThrow();

            assertEquals(LogLine.Kind.DETAIL, line.kind(), line.toString());
            assertEquals("ConnectFunction's code has the DynamoDB client of the AWS SDK for Java 2.10.52 (in "
                    + "lib/dynamodb-2.10.52.jar), which does not read AWS_ENDPOINT_URL_DYNAMODB: its calls to AWS's "
                    + "dynamodb.<region>.amazonaws.com reach DynamoDB Local at http://127.0.0.1:8000 through "
                    + "ws-local's proxy", line.text());
        }
    }

    @Test
    void warning_forAnSdk2ClientBefore2_28_1_withANettyClientBefore2_25_0_saysTheAsyncClientCallsAws(
            @TempDir Path code) throws Exception {
        Path jar = Files.writeString(Files.createDirectories(code.resolve("lib")).resolve("dynamodb-2.21.11.jar"), "");
        Path netty = Files.writeString(code.resolve("lib/netty-nio-client-2.21.11.jar"), "");

        LogLine warning = line(List.of(code, jar, netty)).orElseThrow();

        assertEquals(LogLine.Kind.WARNING, warning.kind());
        assertTrue(warning.text().startsWith("ConnectFunction's code has the DynamoDB client of the AWS SDK for Java "
                + "2.21.11 (in lib/dynamodb-2.21.11.jar), which does not read AWS_ENDPOINT_URL_DYNAMODB (2.28.1 and "
                + "later do), and the SDK's Netty HTTP client, which uses no proxy"), warning.text());
        assertTrue(warning.text().contains("a DynamoDbClient reaches DynamoDB Local at http://127.0.0.1:8000 through "
                + "ws-local's proxy, but a DynamoDbAsyncClient on Netty (the async clients' default) calls AWS's "
                + "dynamodb.<region>.amazonaws.com"), warning.text());
        assertTrue(warning.advice().contains("2.28.1 or later") && warning.advice().contains("endpointOverride"),
                warning.advice());
    }

    @Test
    void lines_ofFunctionsSharingAJar_areOneNamingThemAll_andOneForEachOtherClient_warningsFirst(@TempDir Path code)
            throws Exception {
        Path shared = Files.writeString(code.resolve("dynamodb-2.10.52.jar"), "");
        Path sdk1 = Files.writeString(code.resolve("aws-java-sdk-dynamodb-1.12.500.jar"), "");
        Path ancient = Files.writeString(code.resolve("aws-java-sdk-dynamodb-1.10.45.jar"), "");
        Path current = Files.writeString(code.resolve("dynamodb-2.35.10.jar"), "");
        Map<String, List<Path>> classpaths = new LinkedHashMap<>();
        classpaths.put("ConnectFunction", List.of(shared));
        classpaths.put("SendFunction", List.of(shared));
        classpaths.put("DisconnectFunction", List.of(shared));
        classpaths.put("LegacyFunction", List.of(sdk1));
        classpaths.put("AncientFunction", List.of(ancient));
        classpaths.put("NewFunction", List.of(current));

        List<LogLine> lines = DynamoDbClientCheck.lines(classpaths, LOCAL,
                (id, place) -> place.getFileName().toString());

        assertEquals(3, lines.size(), lines.toString());
        assertEquals(LogLine.Kind.WARNING, lines.get(0).kind());
        assertTrue(lines.get(0).text().startsWith("AncientFunction's code has the DynamoDB client of the AWS SDK for "
                + "Java 1.10.45"), lines.get(0).text());
        assertTrue(lines.get(1).text().startsWith("ConnectFunction, SendFunction and DisconnectFunction run code "
                + "with the DynamoDB client of the AWS SDK for Java 2.10.52 (in dynamodb-2.10.52.jar)"),
                lines.get(1).text());
        assertTrue(lines.get(2).text().startsWith("LegacyFunction's code has the DynamoDB client of the AWS SDK "
                + "for Java 1.12.500"), lines.get(2).text());
        assertEquals(LogLine.Kind.DETAIL, lines.get(2).kind());
    }

    @Test
    void line_noneForAnSdk2ClientThatReadsTheVariable_whateverMavenOrSamBuildNamedItsJar(@TempDir Path code)
            throws Exception {
        for (String name : List.of("dynamodb-2.28.1.jar", "software.amazon.awssdk.dynamodb-2.35.10.jar",
                "dynamodb-3.0.0.jar")) {
            Path jar = Files.writeString(code.resolve(name), "");
            Path oldNetty = Files.writeString(code.resolve("netty-nio-client-2.20.0.jar"), "");
            assertEquals(Optional.empty(), line(List.of(code, jar, oldNetty)), name);
        }
    }

    @Test
    void warning_forAShadedJar_readsTheVersionMavenLeftInIt(@TempDir Path code) throws Exception {
        Path shaded = jar(code.resolve("app-1.0.jar"),
                "META-INF/maven/software.amazon.awssdk/dynamodb/pom.properties", "groupId=software.amazon.awssdk\n"
                        + "artifactId=dynamodb\nversion=2.20.26\n");

        LogLine line = line(List.of(shaded)).orElseThrow();

        assertTrue(line.text().contains("AWS SDK for Java 2.20.26 (in app-1.0.jar)"), line.text());
    }

    @Test
    void jarsInADependencyFolder_areJudgedByName_notOpened(@TempDir Path code) throws Exception {
        // lib/ and target/dependency hold one artifact a jar, named as Maven names it; opening each would cost the
        // start a few milliseconds a function for nothing.
        for (String folder : List.of("lib", "dependency")) {
            Path inside = jar(Files.createDirectories(code.resolve(folder)).resolve("app-1.0.jar"),
                    "META-INF/maven/software.amazon.awssdk/dynamodb/pom.properties", "version=2.20.26\n");

            assertEquals(Optional.empty(), line(List.of(inside)), folder);
        }
    }

    @Test
    void sdk1Client_from1_10_46_isSaidToReachDynamoDbLocalThroughTheProxy(@TempDir Path code) throws Exception {
        Path shaded = jar(code.resolve("app.jar"), "META-INF/maven/com.amazonaws/aws-java-sdk-dynamodb/pom.properties",
                "version=1.12.782\n");
        Path lib = Files.writeString(code.resolve("com.amazonaws.aws-java-sdk-dynamodb-1.11.1000.jar"), "");
        Path first = Files.writeString(code.resolve("aws-java-sdk-dynamodb-1.10.46.jar"), "");

        for (Path entry : List.of(shaded, lib, first)) {
            LogLine line = line(List.of(entry)).orElseThrow();
            assertEquals(LogLine.Kind.DETAIL, line.kind(), line.toString());
            assertTrue(line.text().endsWith("reach DynamoDB Local at http://127.0.0.1:8000 through ws-local's proxy"),
                    line.text());
        }
    }

    @Test
    void warning_forAnSdk1ClientBefore1_10_46_saysItReadsNeitherTheVariableNorTheProxy(@TempDir Path code)
            throws Exception {
        Path lib = Files.writeString(code.resolve("aws-java-sdk-dynamodb-1.10.45.jar"), "");

        LogLine warning = line(List.of(lib)).orElseThrow();

        assertEquals(LogLine.Kind.WARNING, warning.kind());
        assertTrue(warning.text().contains("which reads neither AWS_ENDPOINT_URL_DYNAMODB (no 1.x release does) nor "
                + "the proxy ws-local gives (1.10.46 and later read https.proxyHost)"), warning.text());
        assertTrue(warning.advice().contains("withEndpointConfiguration"), warning.advice());
    }

    @Test
    void theBundleOfEveryServicesClients_ofEitherSdk_isJudgedAsItsDynamoDbAndNettyClients(@TempDir Path code)
            throws Exception {
        Path v2 = Files.writeString(code.resolve("bundle-2.20.0.jar"), "");
        Path v2Proxied = Files.writeString(code.resolve("bundle-2.26.0.jar"), "");
        Path v1 = jar(code.resolve("app.jar"), "META-INF/maven/com.amazonaws/aws-java-sdk-bundle/pom.properties",
                "version=1.12.261\n");
        Path current = Files.writeString(code.resolve("software.amazon.awssdk.bundle-2.31.0.jar"), "");

        // The 2.20.0 bundle holds a Netty client that reads no proxy.
        assertEquals(LogLine.Kind.WARNING, line(List.of(v2)).orElseThrow().kind());
        assertEquals(LogLine.Kind.DETAIL, line(List.of(v2Proxied)).orElseThrow().kind());
        assertTrue(line(List.of(v1)).orElseThrow().text().contains("AWS SDK for Java 1.12.261"));
        assertEquals(LogLine.Kind.DETAIL, line(List.of(v1)).orElseThrow().kind());
        assertEquals(Optional.empty(), line(List.of(current)));
    }

    @Test
    void line_forAFolderHoldingTheClientsPomProperties(@TempDir Path code) throws Exception {
        Path pom = code.resolve("META-INF/maven/software.amazon.awssdk/dynamodb/pom.properties");
        Files.createDirectories(pom.getParent());
        Files.writeString(pom, "version=2.25.0\n");

        assertTrue(line(List.of(code)).isPresent());
    }

    @Test
    void line_noneWithoutADynamoDbClient(@TempDir Path code) throws Exception {
        Path other = jar(code.resolve("app.jar"), "META-INF/maven/software.amazon.awssdk/sqs/pom.properties",
                "version=2.10.0\n");
        Path enhanced = Files.writeString(code.resolve("dynamodb-enhanced-2.10.0.jar"), "");
        Path otherBundle = Files.writeString(code.resolve("bundle-1.0.0.jar"), "");

        assertEquals(Optional.empty(), line(List.of(code, other, enhanced, otherBundle)));
    }

    /** The check of one function, naming places relative to the classpath's first entry's folder. */
    private static Optional<LogLine> line(List<Path> classpath) {
        List<LogLine> lines = DynamoDbClientCheck.lines(Map.of("ConnectFunction", classpath), LOCAL,
                (id, place) -> base(classpath).relativize(place).toString());
        assertTrue(lines.size() <= 1, lines.toString());
        return lines.stream().findFirst();
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
