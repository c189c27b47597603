package com.example.wsapi.local;

import com.example.wsapi.local.gateway.ApiHostCertificate;
import com.example.wsapi.local.gateway.ApiHostProxy;
import com.example.wsapi.local.gateway.ProxyRoutes;
import com.example.wsapi.local.lambda.FunctionSettings;
import com.example.wsapi.local.lambda.JavaHome;
import com.example.wsapi.local.lambda.LaunchOptions;
import com.example.wsapi.local.log.LogLine;
import com.example.wsapi.local.log.LogSink;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Points function JVMs at {@link ApiHostProxy} ({@code https.proxyHost}, and {@code http.proxyHost} for the SDK's
 * Apache and Netty clients, loopback excepted) and makes them trust its certificate, so that an {@code @connections}
 * endpoint built from the event's {@code domainName} reaches ws-local with any of the SDK's HTTP clients, and a
 * DynamoDB client that does not read {@code AWS_ENDPOINT_URL_DYNAMODB} reaches DynamoDB Local ({@link ProxyRoutes}).
 * Nothing of it runs before the first function launch: the proxy, the certificate (made once, then read from the
 * cache folder) and the trust store all wait for it, off the start's own thread.
 */
final class ApiHostRouting implements LaunchOptions, AutoCloseable {

    /** Options in a function's JAVA_TOOL_OPTIONS that say it has a proxy or trust store of its own. */
    private static final List<String> ITS_OWN = List.of("-Dhttps.proxyHost=", "-Dhttp.proxyHost=",
            "-Djavax.net.ssl.trustStore=");
    /** What works without the proxy: ws-local rewrites only https:// URLs of the API to itself (EndpointRewriter). */
    private static final String USE_HTTPS_URL = "set a variable to the API's https:// URL (ws-local points that one "
            + "at itself; wss:// ones it leaves to the proxy) and build the @connections client with it; use a "
            + "DynamoDB client that reads AWS_ENDPOINT_URL_DYNAMODB (the AWS SDK for Java 2.28.1 or later)";
    /** What goes to AWS without the proxy. */
    private static final String GOES_TO_AWS = "an @connections endpoint built from the event's domainName, or from "
            + "the API's wss:// URL in a variable, goes to AWS, not to ws-local, and so do the calls of a DynamoDB "
            + "client that does not read AWS_ENDPOINT_URL_DYNAMODB";
    /**
     * Hosts every client reaches directly ({@code http.nonProxyHosts}): the Runtime API, DynamoDB Local, rewritten
     * endpoints. The JDK's default (localhost, 127.*, [::1], 0.0.0.0, [::0]), written out for the AWS SDK's Apache and
     * Netty clients, which read the property only, and as regular expressions ({@code *} made {@code .*?}) matched
     * against the URI's host, brackets and all; the JDK reads globs ({@code *} at either end) and adds its default
     * itself. Each entry means the same read either way: {@code [::1]} would be a character class to the SDK,
     * {@code *::1]} is a suffix to both.
     */
    static String nonProxyHosts(String apiHost) {
        // To the SDK "127.*" is "127", any character, anything: it would send an API host "127xxxxxxx.execute-api..."
        // around the proxy. For such an API id, only the loopback address ws-local's own URLs use.
        String loopback = apiHost.startsWith("127") ? "127.0.0.1" : "127.*";
        return String.join("|", "localhost", loopback, "*::1]", "0.0.0.0", "*::0]");
    }

    private final ProxyRoutes routes;
    private final Path cacheRoot;
    private final Path functionJava;
    private final Path keytool;
    private final LogSink log;
    private final Set<String> toldKeepsItsOwn = ConcurrentHashMap.newKeySet();
    private boolean prepared;
    private List<String> options = List.of();
    private ApiHostProxy proxy;

    /**
     * @param routes           the hosts the proxy answers (the API's, DynamoDB's) and where their bytes go
     * @param cacheRoot        ws-local's cache folder (the class-data archives')
     * @param functionJava     the {@code java} the functions run on: its installation's {@code cacerts} is copied
     */
    ApiHostRouting(ProxyRoutes routes, Path cacheRoot, Path functionJava, Path keytool, LogSink log) {
        this.routes = routes;
        this.cacheRoot = cacheRoot;
        this.functionJava = functionJava;
        this.keytool = keytool;
        this.log = log;
    }

    @Override
    public List<String> jvmOptions(FunctionSettings function) {
        String toolOptions = function.environment().getOrDefault("JAVA_TOOL_OPTIONS", "");
        if (ITS_OWN.stream().anyMatch(toolOptions::contains)) {
            // A corporate proxy or trust store: ours on the command line would win over it, and break its calls.
            if (toldKeepsItsOwn.add(function.name())) {
                log.line(LogLine.warning(function.name(), "its JAVA_TOOL_OPTIONS set an HTTP(S) proxy or trust store: "
                        + "ws-local keeps them, so " + GOES_TO_AWS, USE_HTTPS_URL));
            }
            return List.of();
        }
        return prepare();
    }

    /** The proxy's and trust store's options, made on the first launch; none when either failed (said once). */
    private synchronized List<String> prepare() {
        if (prepared) {
            return options;
        }
        prepared = true;
        try {
            ApiHostCertificate certificate = ApiHostCertificate.forHosts(cacheRoot, routes.certificateHosts(), keytool);
            Path javaHome = JavaHome.ofExecutable(functionJava).map(JavaHome::home)
                    .orElse(functionJava.toAbsolutePath().getParent().getParent());
            Path trustStore = certificate.trustStoreFor(javaHome);
            proxy = ApiHostProxy.start(routes, certificate::load, log);
            // http.* too: the SDK's Apache and Netty clients read only those, and tunnel HTTPS through that proxy.
            options = List.of("-Dhttps.proxyHost=127.0.0.1", "-Dhttps.proxyPort=" + proxy.port(),
                    "-Dhttp.proxyHost=127.0.0.1", "-Dhttp.proxyPort=" + proxy.port(),
                    "-Dhttp.nonProxyHosts=" + nonProxyHosts(routes.apiHost()),
                    "-Djavax.net.ssl.trustStore=" + trustStore,
                    "-Djavax.net.ssl.trustStoreType=" + ApiHostCertificate.TRUST_STORE_TYPE,
                    "-Djavax.net.ssl.trustStorePassword=" + ApiHostCertificate.TRUST_STORE_PASSWORD);
        } catch (IOException | RuntimeException e) {
            log.line(LogLine.warning(null, "functions run without ws-local's HTTPS proxy (" + e.getMessage()
                    + "): " + GOES_TO_AWS, USE_HTTPS_URL));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return options;
    }

    @Override
    public synchronized void close() {
        if (proxy != null) {
            proxy.close();
        }
    }
}
