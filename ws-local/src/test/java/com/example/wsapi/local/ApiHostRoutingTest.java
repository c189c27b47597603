package com.example.wsapi.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.wsapi.local.gateway.ProxyRoutes;
import com.example.wsapi.local.lambda.FunctionSettings;
import com.example.wsapi.local.testing.LogLines;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.http.HttpException;
import org.apache.http.client.utils.URIUtils;
import org.apache.http.message.BasicHttpRequest;
import org.apache.http.protocol.BasicHttpContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.http.apache.internal.SdkProxyRoutePlanner;

/**
 * Which function JVMs get ws-local's HTTP(S) proxy (not one whose JAVA_TOOL_OPTIONS name a proxy of its own), and
 * which hosts they reach around it, as the JDK, the SDK's Apache client and its Netty client each read
 * {@code http.nonProxyHosts} (set in this JVM for the while, as the function JVMs get it).
 */
class ApiHostRoutingTest {

    /** Loopback as URLs name it: the Runtime API's, DynamoDB Local's, the rewritten endpoints' hosts. */
    static final List<String> LOOPBACK = List.of("http://localhost:8000/", "http://127.0.0.1:8000/",
            "http://127.1.2.3:8000/", "http://[::1]:8000/", "http://0.0.0.0:8000/", "http://[::0]:8000/");

    @TempDir
    Path cache;

    static FunctionSettings function(String toolOptions) {
        return new FunctionSettings("Send", "a.B::handle", List.of(), Map.of("JAVA_TOOL_OPTIONS", toolOptions),
                Duration.ofSeconds(3), 512, 1);
    }

    ApiHostRouting routing(LogLines log) {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        return new ApiHostRouting(new ProxyRoutes("abc.execute-api.us-east-1.amazonaws.com",
                InetSocketAddress.createUnresolved("127.0.0.1", 1), ProxyRoutes.dynamoDbHosts("us-east-1"),
                InetSocketAddress.createUnresolved("127.0.0.1", 2)), cache, java,
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
            assertTrue(log.text().contains("and so do the calls of a DynamoDB client that does not read "
                    + "AWS_ENDPOINT_URL_DYNAMODB"), log.text());
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
            assertEquals("-Dhttp.nonProxyHosts=localhost|127.*|*::1]|0.0.0.0|*::0]", options.get(4), options.toString());
            Path trustStore = Path.of(options.get(5).substring("-Djavax.net.ssl.trustStore=".length()));
            assertTrue(Files.isRegularFile(trustStore), options.toString());
            assertEquals(options, routing.jvmOptions(function("")), "the same proxy for every launch");
        }
    }

    @Test
    void nonProxyHosts_keepLoopbackDirect_andTheApiHostProxied_forTheJdkAndTheSdksClients() {
        String apiHost = "abc1234567.execute-api.us-east-1.amazonaws.com";
        withProxyProperties(ApiHostRouting.nonProxyHosts(apiHost), () -> {
            for (String loopback : LOOPBACK) {
                assertEquals("jdk direct, apache direct, netty direct", routes(loopback), loopback);
            }
            assertEquals("jdk proxied, apache proxied, netty proxied", routes("https://" + apiHost + "/dev"));
        });
    }

    @Test
    void nonProxyHosts_ofAnApiIdStartingWith127_keepItsHostProxied_forTheSdksClients() {
        // To the SDK "127.*" is a regular expression: "127", any character, anything.
        String apiHost = "127abcdefg.execute-api.us-east-1.amazonaws.com";
        withProxyProperties(ApiHostRouting.nonProxyHosts(apiHost), () -> {
            assertEquals("jdk proxied, apache proxied, netty proxied", routes("https://" + apiHost + "/dev"));
            assertEquals("jdk direct, apache direct, netty direct", routes("http://127.0.0.1:8000/"));
        });
    }

    @Test
    void jdksOwnWayOfWritingIpv6Loopback_isMissedByTheSdksClients() {
        // Why ApiHostRouting does not write the JDK's default as it is: "[::1]" is a character class to the SDK.
        withProxyProperties("localhost|127.*|[::1]", () -> {
            assertEquals("jdk direct, apache proxied, netty proxied", routes("http://[::1]:8000/"));
        });
    }

    /** Whether each client sends a request for {@code url} to the proxy the system properties name, or direct. */
    static String routes(String url) {
        URI uri = URI.create(url);
        boolean jdk = ProxySelector.getDefault().select(uri).get(0).type() == Proxy.Type.DIRECT;
        // The SDK's Apache client: its route planner, made as ApacheHttpClient makes it from its default settings.
        software.amazon.awssdk.http.apache.ProxyConfiguration apacheSettings =
                software.amazon.awssdk.http.apache.ProxyConfiguration.builder().build();
        boolean apache;
        try {
            apache = new SdkProxyRoutePlanner(apacheSettings.host(), apacheSettings.port(), apacheSettings.scheme(),
                    apacheSettings.nonProxyHosts()).determineRoute(URIUtils.extractHost(uri),
                    new BasicHttpRequest("GET", url), new BasicHttpContext()).getProxyHost() == null;
        } catch (HttpException e) {
            throw new IllegalStateException(e);
        }
        // The SDK's Netty client: its default settings, matched as its (private) AwaitCloseChannelPoolMap
        // .shouldUseProxyForHost matches them, the URI's host against each entry with String.matches.
        software.amazon.awssdk.http.nio.netty.ProxyConfiguration nettySettings =
                software.amazon.awssdk.http.nio.netty.ProxyConfiguration.builder().build();
        boolean netty = nettySettings.host() == null
                || nettySettings.nonProxyHosts().stream().anyMatch(entry -> uri.getHost().matches(entry));
        return "jdk " + way(jdk) + ", apache " + way(apache) + ", netty " + way(netty);
    }

    private static String way(boolean direct) {
        return direct ? "direct" : "proxied";
    }

    /** Runs {@code check} with the proxy properties function JVMs get (a proxy nobody listens on), then restores. */
    static void withProxyProperties(String nonProxyHosts, Runnable check) {
        Map<String, String> set = Map.of("http.proxyHost", "127.0.0.1", "http.proxyPort", "9",
                "https.proxyHost", "127.0.0.1", "https.proxyPort", "9", "http.nonProxyHosts", nonProxyHosts);
        Map<String, String> before = new HashMap<>();
        set.keySet().forEach(key -> before.put(key, System.getProperty(key)));
        try {
            set.forEach(System::setProperty);
            check.run();
        } finally {
            before.forEach((key, value) -> {
                if (value == null) {
                    System.clearProperty(key);
                } else {
                    System.setProperty(key, value);
                }
            });
        }
    }
}
