package com.example.wsapi.local.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.wsapi.local.log.LogLine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which functions are told that their SDK's Netty client would not go through ws-local's proxy by itself. */
class NettyClientProxyCheckTest {

    @Test
    void warning_forANettyClientBefore2_25_0_namesTheFunctionVersionPlaceAndWhatToDo(@TempDir Path code)
            throws Exception {
        Path jar = Files.writeString(Files.createDirectories(code.resolve("lib")).resolve("netty-nio-client-2.21.11.jar"),
                "");

        LogLine warning = warning(List.of(code, jar)).orElseThrow();

        assertEquals(LogLine.Kind.WARNING, warning.kind());
        assertTrue(warning.text().startsWith("SendFunction's code has the Netty HTTP client of the AWS SDK for Java "
                + "2.21.11 (in lib/netty-nio-client-2.21.11.jar), which uses no proxy unless the code gives it one "
                + "(2.25.0 and later read http.proxyHost)"), warning.text());
        assertTrue(warning.text().endsWith("built from the event's domainName posts to AWS, not to ws-local"),
                warning.text());
        assertTrue(warning.advice().contains("2.25.0 or later") && warning.advice().contains("variable"),
                warning.advice());
    }

    @Test
    void warning_noneForANettyClientThatReadsTheProxyProperties(@TempDir Path code) throws Exception {
        for (String name : List.of("netty-nio-client-2.25.0.jar", "software.amazon.awssdk.netty-nio-client-2.35.10.jar",
                "netty-nio-client-2.100.0.jar")) {
            Path jar = Files.writeString(code.resolve(name), "");
            assertEquals(Optional.empty(), warning(List.of(code, jar)), name);
        }
    }

    @Test
    void warning_forAShadedJarOrTheBundle_readsTheirVersion(@TempDir Path code) throws Exception {
        Path shaded = DynamoDbClientCheckTest.jar(code.resolve("app-1.0.jar"),
                "META-INF/maven/software.amazon.awssdk/netty-nio-client/pom.properties", "version=2.24.12\n");
        Path bundle = Files.writeString(code.resolve("bundle-2.20.0.jar"), "");

        assertTrue(warning(List.of(shaded)).orElseThrow().text().contains("AWS SDK for Java 2.24.12 (in app-1.0.jar)"));
        assertTrue(warning(List.of(bundle)).orElseThrow().text().contains("AWS SDK for Java 2.20.0 (in "
                + "bundle-2.20.0.jar)"));
    }

    @Test
    void warnings_ofFunctionsSharingAJar_areOne(@TempDir Path code) throws Exception {
        Path shared = Files.writeString(code.resolve("netty-nio-client-2.20.0.jar"), "");
        Map<String, List<Path>> classpaths = new LinkedHashMap<>();
        classpaths.put("ConnectFunction", List.of(shared));
        classpaths.put("SendFunction", List.of(shared));

        List<LogLine> warnings = NettyClientProxyCheck.warnings(classpaths, (id, place) -> place.getFileName()
                .toString());

        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).text().startsWith("ConnectFunction and SendFunction run code with the Netty HTTP "
                + "client of the AWS SDK for Java 2.20.0"), warnings.get(0).text());
    }

    @Test
    void warning_noneWithoutTheNettyClient(@TempDir Path code) throws Exception {
        Path urlConnection = Files.writeString(code.resolve("url-connection-client-2.10.0.jar"), "");
        Path netty = Files.writeString(code.resolve("netty-codec-http-4.1.100.Final.jar"), "");

        assertEquals(Optional.empty(), warning(List.of(code, urlConnection, netty)));
    }

    /** The check of one function, naming places relative to the classpath's first entry's folder. */
    private static Optional<LogLine> warning(List<Path> classpath) {
        Path first = classpath.get(0);
        Path base = Files.isDirectory(first) ? first : first.getParent();
        List<LogLine> warnings = NettyClientProxyCheck.warnings(Map.of("SendFunction", classpath),
                (id, place) -> base.relativize(place).toString());
        assertTrue(warnings.size() <= 1, warnings.toString());
        return warnings.stream().findFirst();
    }
}
