package com.example.wsapi.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.example.wsapi.local.lambda.RuntimeOptions;
import com.example.wsapi.local.lambda.testfunctions.ApacheDomainNameReplyHandler;
import com.example.wsapi.local.lambda.testfunctions.DomainNameReplyHandler;
import com.example.wsapi.local.lambda.testfunctions.NettyDomainNameReplyHandler;
import com.example.wsapi.local.testing.JdkClient;
import com.example.wsapi.local.testing.LogLines;
import com.example.wsapi.local.testing.TestTemplates;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A function that builds its {@code @connections} endpoint from the event's {@code domainName} and {@code stage}, as
 * AWS's samples do, with no variable naming ws-local: its post reaches ws-local's gateway (through the proxy function
 * JVMs are given), and the client gets the message, with the SDK's url-connection client ({@code https.proxyHost})
 * and with its Apache client and its async Netty client ({@code http.proxyHost}). Nothing leaves the machine: the
 * proxy answers the API's host itself. The function is ws-local's test handler with the AWS SDK's jars of this test's class path beside it
 * ({@code <CodeUri>/target/classes} and {@code target/dependency/*.jar}, a Maven module's layout, in ws-local's
 * build folder).
 */
class DomainNameEndpointIT {

    static final Duration REPLY = Duration.ofSeconds(30);
    static final LogLines LOGS = new LogLines(true);
    /** SDK jars on the class path that the functions do not need. */
    static final Pattern UNUSED = Pattern.compile("/(dynamodb|dynamodb-enhanced|cognitoidentity|cognitoidentityprovider"
            + "|pinpoint)/");
    /** The SDK's Apache client and what it needs: only the Apache function has them. */
    static final Pattern APACHE = Pattern.compile("/(apache-client|httpclient|httpcore|commons-logging|commons-codec)/");
    /**
     * The SDK's Netty client and Netty (ws-local's version, the SDK's on DynamoDB Local's class path): only the Netty
     * function has them.
     */
    static final Pattern NETTY = Pattern.compile("/(netty-nio-client/|io/netty/)");
    /** No HTTP client but the url-connection one, which every function has. */
    static final Pattern NO_OTHER_CLIENT = Pattern.compile("(?!)");

    @TempDir
    static Path dir;
    static LocalApi api;

    @BeforeAll
    static void start() throws Exception {
        Path urlConnection = functionFolder("domain-name-function", NO_OTHER_CLIENT);
        Path apache = functionFolder("apache-domain-name-function", APACHE);
        Path netty = functionFolder("netty-domain-name-function", NETTY);
        Path template = Files.writeString(dir.resolve("template.yaml"), """
                Transform: AWS::Serverless-2016-10-31
                Globals:
                  Function:
                    Runtime: java25
                    MemorySize: 512
                    Timeout: 30
                Resources:
                """ + TestTemplates.webSocketApi("reply", "dev") + TestTemplates.lambdaRoute("Reply", "$default", false)
                + TestTemplates.lambdaRoute("Apache", "apache", false) + TestTemplates.lambdaRoute("Netty", "netty", false)
                + """
                  ReplyFunction:
                    Type: AWS::Serverless::Function
                    Properties:
                      CodeUri: %s
                      Handler: %s::handleRequest
                  ApacheFunction:
                    Type: AWS::Serverless::Function
                    Properties:
                      CodeUri: %s
                      Handler: %s::handleRequest
                  NettyFunction:
                    Type: AWS::Serverless::Function
                    Properties:
                      CodeUri: %s
                      Handler: %s::handleRequest
                """.formatted(urlConnection, DomainNameReplyHandler.class.getName(), apache,
                ApacheDomainNameReplyHandler.class.getName(), netty, NettyDomainNameReplyHandler.class.getName()));
        api = LocalApi.start(new LocalOptions(template, "127.0.0.1", 0, null, "us-east-1", Duration.ofMinutes(10),
                null, 0, Map.of(), Map.of(), 2), RuntimeOptions.defaults().withLogSink(LOGS::line));
    }

    /**
     * A function's CodeUri: this test's classes and the SDK's jars, linked. In the build folder, not the temporary
     * one: JUnit warns of every link it deletes that leads out of it.
     */
    static Path functionFolder(String name, Pattern httpClient) throws Exception {
        Path testClasses = Path.of(DomainNameReplyHandler.class.getProtectionDomain().getCodeSource().getLocation()
                .toURI());
        Path code = testClasses.resolveSibling(name);
        deleteLinks(code);
        Path dependencies = Files.createDirectories(code.resolve("target/dependency"));
        Files.createSymbolicLink(code.resolve("target/classes"), testClasses);
        for (Path jar : sdkJars(httpClient)) {
            Files.createSymbolicLink(dependencies.resolve(jar.getFileName()), jar);
        }
        return code;
    }

    /** The function folder of an earlier run: links only (never what they lead to). */
    static void deleteLinks(Path code) throws IOException {
        if (Files.isDirectory(code)) {
            try (Stream<Path> files = Files.walk(code)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(file); // a link is deleted itself: walk does not follow links
                }
            }
        }
    }

    /**
     * The AWS SDK's jars (and what they need) on this test's class path: the function's dependencies, with the
     * url-connection client and the {@code httpClient} one ({@link #APACHE}, {@link #NETTY} or {@link #NO_OTHER_CLIENT}).
     */
    static List<Path> sdkJars(Pattern httpClient) {
        return Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> entry.endsWith(".jar"))
                .filter(entry -> entry.contains("/software/amazon/awssdk/") || entry.contains("/org/reactivestreams/")
                        || entry.contains("/org/slf4j/slf4j-api/") || httpClient.matcher(entry).find())
                .filter(entry -> !UNUSED.matcher(entry).find())
                .filter(entry -> httpClient.matcher(entry).find()
                        || !APACHE.matcher(entry).find() && !NETTY.matcher(entry).find())
                .map(Path::of)
                .toList();
    }

    @AfterAll
    static void stop() {
        if (api != null) {
            api.close();
        }
    }

    @Test
    void postToEndpointBuiltFromDomainName_reachesTheClient() {
        JdkClient client = JdkClient.connect(api.gateway().webSocketUrl());
        client.send("{\"action\":\"hello\"}");

        String domainName = api.template().api().apiId() + ".execute-api.us-east-1.amazonaws.com";
        assertEquals("posted to https://" + domainName + "/dev: {\"action\":\"hello\"}", client.nextMessage(REPLY));
        client.send("{\"action\":\"again\"}");
        assertEquals("posted to https://" + domainName + "/dev: {\"action\":\"again\"}", client.nextMessage(REPLY));
        assertFalse(client.isClosed());
        // The posts' times (the first sets up TLS through the proxy) are in the printed log, for the record only.
        LOGS.await("a post's time", REPLY, line -> line.contains("posted in"));
    }

    /**
     * The Apache client reads http.proxyHost only: without it, UnknownHostException (offline) or a post to AWS. The
     * async client's default Netty client reads it too (SDK 2.25.0 and later): without it, the post goes to AWS.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"apache", "netty"})
    void postWithTheSdksOtherClients_toEndpointBuiltFromDomainName_reachesTheClient(String httpClient) {
        JdkClient client = JdkClient.connect(api.gateway().webSocketUrl());
        String message = "{\"action\":\"" + httpClient + "\"}";
        client.send(message);

        String domainName = api.template().api().apiId() + ".execute-api.us-east-1.amazonaws.com";
        assertEquals(httpClient + " client posted to https://" + domainName + "/dev: " + message,
                client.nextMessage(REPLY));
        assertFalse(client.isClosed());
    }
}
