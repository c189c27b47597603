package com.example.wsapi.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.wsapi.local.lambda.FunctionSettings;
import com.example.wsapi.local.testing.LogLines;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which function JVMs get ws-local's HTTP(S) proxy: not one whose JAVA_TOOL_OPTIONS name a proxy of its own. */
class ApiHostRoutingTest {

    @TempDir
    Path cache;

    static FunctionSettings function(String toolOptions) {
        return new FunctionSettings("Send", "a.B::handle", List.of(), Map.of("JAVA_TOOL_OPTIONS", toolOptions),
                Duration.ofSeconds(3), 512, 1);
    }

    ApiHostRouting routing(LogLines log) {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        return new ApiHostRouting("abc.execute-api.us-east-1.amazonaws.com",
                InetSocketAddress.createUnresolved("127.0.0.1", 1), cache, java,
                Path.of(System.getProperty("java.home"), "bin", "keytool"), log);
    }

    @Test
    void functionWithItsOwnHttpsProxy_keepsIt_andIsToldOnce() {
        LogLines log = new LogLines(false);
        try (ApiHostRouting routing = routing(log)) {
            FunctionSettings corporate = function("-Dhttps.proxyHost=proxy.corp -Dhttps.proxyPort=3128");

            assertEquals(List.of(), routing.jvmOptions(corporate));
            assertEquals(List.of(), routing.jvmOptions(corporate));

            assertEquals(1, log.matching(line -> line.contains("ws-local keeps them")).size(), log.text());
            // Both URLs the proxy would have served go to AWS; the https:// one in a variable is still rewritten.
            assertTrue(log.text().contains("domainName, or from the API's wss:// URL in a variable, goes to AWS"),
                    log.text());
            assertTrue(log.lines().get(0).advice().startsWith("set a variable to the API's https:// URL"),
                    log.lines().get(0).advice());
            assertTrue(Files.notExists(cache.resolve("ws-local-api-host")), "nothing made for it");
        }
    }

    @Test
    void functionWithItsOwnHttpProxy_keepsIt_andIsToldOnce() {
        LogLines log = new LogLines(false);
        try (ApiHostRouting routing = routing(log)) {
            FunctionSettings corporate = function("-Dhttp.proxyHost=proxy.corp -Dhttp.proxyPort=3128");

            assertEquals(List.of(), routing.jvmOptions(corporate));
            assertEquals(List.of(), routing.jvmOptions(corporate));

            assertEquals(1, log.matching(line -> line.contains("ws-local keeps them")).size(), log.text());
        }
    }

    @Test
    void otherFunction_getsTheProxyAndTrustStore_madeOnTheFirstLaunch() {
        LogLines log = new LogLines(false);
        try (ApiHostRouting routing = routing(log)) {
            List<String> options = routing.jvmOptions(function("-Xss1m"));

            assertEquals("-Dhttps.proxyHost=127.0.0.1", options.get(0), options.toString());
            assertTrue(options.get(1).matches("-Dhttps\\.proxyPort=\\d+"), options.toString());
            // The same proxy for plain HTTP (the SDK's Apache and Netty clients read only these), loopback direct.
            assertEquals("-Dhttp.proxyHost=127.0.0.1", options.get(2), options.toString());
            assertEquals(options.get(1).replace("https", "http"), options.get(3), options.toString());
            assertEquals("-Dhttp.nonProxyHosts=localhost|127.*|[::1]", options.get(4), options.toString());
            Path trustStore = Path.of(options.get(5).substring("-Djavax.net.ssl.trustStore=".length()));
            assertTrue(Files.isRegularFile(trustStore), options.toString());
            assertEquals(options, routing.jvmOptions(function("")), "the same proxy for every launch");
        }
    }
}
