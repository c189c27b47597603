package com.example.wsapi.local.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.wsapi.local.gateway.integration.OffLoopNameResolver;
import com.example.wsapi.local.storage.LocalDynamoDb;
import com.example.wsapi.local.log.LogLine;
import com.example.wsapi.local.testing.Await;
import com.example.wsapi.local.testing.LogLines;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * ws-local's HTTPS proxy for functions, in front of a real gateway and a real DynamoDB Local: a CONNECT to the API's
 * AWS host is answered with the gateway over TLS, its {@code @connections} and its WebSocket handshake (the client
 * trusts the trust store ws-local makes for function JVMs, hostnames verified), one to DynamoDB's host with DynamoDB
 * Local over TLS, a CONNECT elsewhere is a byte tunnel, a plain-HTTP request is forwarded once (not to the API's host,
 * which AWS serves over HTTPS only; DynamoDB's to DynamoDB Local), a bad request is told why, and a slow host-name
 * lookup holds up no other client. Loopback only: neither the API's host nor DynamoDB's is ever looked up.
 */
class ApiHostProxyTest extends GatewayTestBase {

    /** A table in DynamoDB Local, which a ListTables through the proxy must name. */
    static final String TABLE = "ProxyTestTable";

    @TempDir
    static Path cache;
    static ApiHostCertificate certificate;
    static SSLContext functionTrust;
    static LocalDynamoDb dynamo;

    ApiHostProxy proxy;
    private final LogLines proxyLog = new LogLines(false);

    @BeforeAll
    static void makeCertificate() throws Exception {
        dynamo = LocalDynamoDb.start("127.0.0.1", 0, null);
        dynamo.client().createTable(table -> table.tableName(TABLE)
                .keySchema(key -> key.attributeName("id").keyType(KeyType.HASH))
                .attributeDefinitions(attribute -> attribute.attributeName("id").attributeType(ScalarAttributeType.S))
                .billingMode(BillingMode.PAY_PER_REQUEST));
        certificate = ApiHostCertificate.forHosts(cache, routes(1).certificateHosts(),
                ApiHostCertificate.currentKeytool());
        Path trustStore = certificate.trustStoreFor(Path.of(System.getProperty("java.home")));
        KeyStore trusted = KeyStore.getInstance(trustStore.toFile(),
                ApiHostCertificate.TRUST_STORE_PASSWORD.toCharArray());
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        functionTrust = SSLContext.getInstance("TLS");
        functionTrust.init(null, trust.getTrustManagers(), null);
    }

    @AfterAll
    static void stopDynamo() {
        if (dynamo != null) {
            dynamo.close();
        }
    }

    /** The API's host to the gateway at {@code gatewayPort}, DynamoDB's (every region's) to DynamoDB Local. */
    static ProxyRoutes routes(int gatewayPort) {
        return new ProxyRoutes(DOMAIN_NAME, new InetSocketAddress("127.0.0.1", gatewayPort),
                ProxyRoutes.dynamoDbHosts(REGION), new InetSocketAddress(dynamo.endpoint().getHost(),
                dynamo.endpoint().getPort()));
    }

    @BeforeEach
    void startProxy() throws Exception {
        start(settings(DEFAULT));
        proxy = ApiHostProxy.start(routes(gateway.port()), certificate::load, proxyLog);
    }

    @AfterEach
    void stopProxy() {
        proxy.close();
    }

    @Test
    void connectToDynamoDbsHost_ofAnyRegion_endsTlsWithItsName_andReachesDynamoDbLocal() throws Exception {
        HttpClient client = HttpClient.newBuilder().sslContext(functionTrust)
                .proxy(ProxySelector.of(new InetSocketAddress("127.0.0.1", proxy.port())))
                .connectTimeout(Duration.ofSeconds(5)).build();

        for (String host : List.of("dynamodb." + REGION + ".amazonaws.com", "dynamodb.ap-northeast-1.amazonaws.com")) {
            // Hostname verified by the JDK's client: the certificate names this host.
            HttpResponse<String> response = client.send(listTables("https://" + host + "/", host),
                    HttpResponse.BodyHandlers.ofString());

            assertEquals(200, response.statusCode(), response.body());
            assertTrue(response.body().contains("\"" + TABLE + "\""), response.body());
        }
    }

    @Test
    void plainHttpToDynamoDbsHost_goesToDynamoDbLocal() throws Exception {
        HttpClient client = HttpClient.newBuilder()
                .proxy(ProxySelector.of(new InetSocketAddress("127.0.0.1", proxy.port())))
                .connectTimeout(Duration.ofSeconds(5)).build();
        String host = "dynamodb.eu-west-1.amazonaws.com";

        HttpResponse<String> response = client.send(listTables("http://" + host + "/", host),
                HttpResponse.BodyHandlers.ofString());

        assertEquals(200, response.statusCode(), response.body());
        assertTrue(response.body().contains("\"" + TABLE + "\""), response.body());
    }

    /** DynamoDB's ListTables as the SDKs send it; DynamoDB Local checks only that it is signed, not the signature. */
    private static HttpRequest listTables(String url, String host) {
        return HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/x-amz-json-1.0")
                .header("X-Amz-Target", "DynamoDB_20120810.ListTables")
                .header("X-Amz-Date", "20250101T000000Z")
                .header("Authorization", "AWS4-HMAC-SHA256 Credential=local/20250101/" + REGION
                        + "/dynamodb/aws4_request, SignedHeaders=host;x-amz-date;x-amz-target, Signature=" + "0".repeat(64))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build();
    }

    @Test
    void connectToApiHost_servesTheGatewaysConnectionsApi_goneForAnUnknownConnection() throws Exception {
        HttpClient client = HttpClient.newBuilder().sslContext(functionTrust)
                .proxy(ProxySelector.of(new InetSocketAddress("127.0.0.1", proxy.port())))
                .connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest post = HttpRequest.newBuilder(URI.create("https://" + DOMAIN_NAME + "/" + STAGE
                        + "/@connections/AAAAAAAAAAAAAAA%3D"))
                .POST(HttpRequest.BodyPublishers.ofString("hi")).build();

        HttpResponse<String> response = client.send(post, HttpResponse.BodyHandlers.ofString());

        assertEquals(410, response.statusCode(), response.body());
        assertEquals("GoneException", response.headers().firstValue("x-amzn-ErrorType").orElse(null));
        // Keep-alive through the tunnel: a second request on the same client is served too.
        assertEquals(410, client.send(post, HttpResponse.BodyHandlers.ofString()).statusCode());
    }

    @Test
    void webSocketToApiHost_isUpgradedByTheGateway_andItsMessagesReachTheRoutes() throws Exception {
        HttpClient client = HttpClient.newBuilder().sslContext(functionTrust)
                .proxy(ProxySelector.of(new InetSocketAddress("127.0.0.1", proxy.port())))
                .connectTimeout(Duration.ofSeconds(5)).build();

        // wss://, as !GetAtt Api.ApiEndpoint names the API (ws-local leaves it so in function variables).
        WebSocket socket = client.newWebSocketBuilder()
                .buildAsync(URI.create("wss://" + DOMAIN_NAME + "/" + STAGE), new WebSocket.Listener() {})
                .get(10, TimeUnit.SECONDS);
        socket.sendText("hi over TLS", true).get(5, TimeUnit.SECONDS);

        assertEquals("hi over TLS", functions.awaitCall("defaultFn", 1).event().get("body").getAsString());
        socket.abort();
    }

    @Test
    void connectElsewhere_relaysBytesBothWays() throws Exception {
        try (ServerSocket echo = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             Socket socket = new Socket(InetAddress.getLoopbackAddress(), proxy.port())) {
            Thread echoing = new Thread(() -> {
                try (Socket peer = echo.accept()) {
                    peer.getInputStream().transferTo(peer.getOutputStream());
                } catch (IOException e) {
                    // the test's own socket closed: done
                }
            });
            echoing.start();
            String head = send(socket, "CONNECT 127.0.0.1:" + echo.getLocalPort() + " HTTP/1.1\r\nHost: 127.0.0.1:"
                    + echo.getLocalPort() + "\r\n\r\n");
            assertTrue(head.startsWith("HTTP/1.1 200 Connection established"), head);

            socket.getOutputStream().write("ping over the tunnel".getBytes(StandardCharsets.US_ASCII));
            assertEquals("ping over the tunnel", new String(socket.getInputStream().readNBytes(20),
                    StandardCharsets.US_ASCII));
            socket.close();
            echoing.join(5000);
        }
    }

    @Test
    void slowLookupForOneConnect_holdsUpNoOtherConnect() throws Exception {
        CountDownLatch slowAsked = new CountDownLatch(1);
        CountDownLatch slowAnswers = new CountDownLatch(1);
        // The lookup is the test's: the JDK's would need a name server that answers late on cue.
        OffLoopNameResolver.HostLookup lookup = host -> {
            if (host.equals("slow.example")) {
                slowAsked.countDown();
                try {
                    slowAnswers.await();
                } catch (InterruptedException e) {
                    throw new UnknownHostException("interrupted: " + host);
                }
            }
            return new InetAddress[] {InetAddress.getLoopbackAddress()};
        };
        try (ApiHostProxy lookingUp = ApiHostProxy.start(routes(gateway.port()), certificate::load, proxyLog, lookup);
             ServerSocket echo = new ServerSocket(0, 2, InetAddress.getLoopbackAddress());
             Socket slow = new Socket(InetAddress.getLoopbackAddress(), lookingUp.port());
             Socket fast = new Socket(InetAddress.getLoopbackAddress(), lookingUp.port())) {
            echoEach(echo);
            int port = echo.getLocalPort();
            slow.getOutputStream().write(("CONNECT slow.example:" + port + " HTTP/1.1\r\nHost: slow.example:" + port
                    + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            Await.until("the slow lookup", Duration.ofSeconds(10), () -> slowAsked.getCount() == 0);

            try {
                String head;
                try {
                    head = send(fast, "CONNECT fast.example:" + port + " HTTP/1.1\r\nHost: fast.example:" + port
                            + "\r\n\r\n");
                } catch (SocketTimeoutException e) {
                    // As when the slow name is looked up on the proxy's one event loop.
                    throw new AssertionError("no answer to a CONNECT while another's lookup runs", e);
                }
                assertTrue(head.startsWith("HTTP/1.1 200 Connection established"), head);
                fast.getOutputStream().write("ping".getBytes(StandardCharsets.US_ASCII));
                assertEquals("ping", new String(fast.getInputStream().readNBytes(4), StandardCharsets.US_ASCII));
                assertEquals(1, slowAnswers.getCount(), "the slow lookup is still running");
            } finally {
                slowAnswers.countDown();
            }
            String slowHead = send(slow, "");
            assertTrue(slowHead.startsWith("HTTP/1.1 200 Connection established"), slowHead);
        }
    }

    /** Echoes what each connection to {@code server} sends, on threads of their own, until the server is closed. */
    private static void echoEach(ServerSocket server) {
        Thread accepting = new Thread(() -> {
            try {
                while (true) {
                    Socket peer = server.accept();
                    new Thread(() -> {
                        try (peer) {
                            peer.getInputStream().transferTo(peer.getOutputStream());
                        } catch (IOException e) {
                            // the test's socket closed: done
                        }
                    }).start();
                }
            } catch (IOException e) {
                // the server closed: done
            }
        });
        accepting.start();
    }

    @Test
    void connectWithoutPort_isRefusedWith400SayingWhatACONNECTNeeds() throws Exception {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), proxy.port())) {
            String answer = readAll(socket, "CONNECT example.com HTTP/1.1\r\nHost: example.com\r\n\r\n");
            assertTrue(answer.startsWith("HTTP/1.1 400"), answer);
            assertTrue(answer.contains("CONNECT needs host:port"), answer);
        }
    }

    @Test
    void plainHttpRequest_isForwardedInOriginForm_withHeadersAndBody_andAnsweredWithConnectionClose() throws Exception {
        // A real HTTP server on loopback stands for a host on the network.
        HttpServer origin = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        CompletableFuture<String> seen = new CompletableFuture<>();
        origin.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            seen.complete(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " x-custom="
                    + exchange.getRequestHeaders().getFirst("X-Custom") + " proxy-connection="
                    + exchange.getRequestHeaders().getFirst("Proxy-Connection") + " body=" + body);
            byte[] reply = ("got " + body).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("X-Reply", "yes");
            exchange.sendResponseHeaders(201, reply.length);
            exchange.getResponseBody().write(reply);
            exchange.close();
        });
        origin.start();
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), proxy.port())) {
            int port = origin.getAddress().getPort();
            String answer = readAll(socket, "POST http://127.0.0.1:" + port + "/items?id=1 HTTP/1.1\r\n"
                    + "Host: 127.0.0.1:" + port + "\r\nX-Custom: kept\r\nProxy-Connection: keep-alive\r\n"
                    + "Content-Length: 5\r\n\r\nhello");

            assertEquals("POST /items?id=1 x-custom=kept proxy-connection=null body=hello",
                    seen.get(10, TimeUnit.SECONDS));
            assertTrue(answer.startsWith("HTTP/1.1 201"), answer);
            String lower = answer.toLowerCase(Locale.ROOT);
            assertTrue(lower.contains("\r\nx-reply: yes\r\n"), answer);
            assertTrue(lower.contains("\r\nconnection: close\r\n"), answer);
            assertTrue(answer.endsWith("\r\n\r\ngot hello"), answer);
        } finally {
            origin.stop(0);
        }
    }

    @Test
    void plainHttpRequestToAClosedPort_isAnswered502NamingTheHost_andWarnedOfOnce() throws Exception {
        int closed;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = free.getLocalPort();
        }
        for (int attempt = 0; attempt < 2; attempt++) { // as a retrying SDK does
            try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), proxy.port())) {
                String answer = readAll(socket, "GET http://127.0.0.1:" + closed + "/x HTTP/1.1\r\nHost: x\r\n\r\n");
                assertTrue(answer.startsWith("HTTP/1.1 502"), answer);
                assertTrue(answer.contains("cannot reach 127.0.0.1:" + closed + " for GET http://127.0.0.1:" + closed
                        + "/x"), answer);
            }
        }
        assertEquals(1, unreachableWarnings("127.0.0.1:" + closed), proxyLog.text());
    }

    /** The console's warnings that a function's call to {@code hostPort} failed in the proxy. */
    private long unreachableWarnings(String hostPort) {
        return proxyLog.lines().stream().filter(line -> line.kind() == LogLine.Kind.WARNING
                && line.text().startsWith("a function's call to " + hostPort + " failed in ws-local's proxy")).count();
    }

    @Test
    void plainHttpRequestToTheApiHost_isRefusedWith400_AsAwsServesItOverHttpsOnly() throws Exception {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), proxy.port())) {
            String answer = readAll(socket, "POST http://" + DOMAIN_NAME + "/" + STAGE + "/@connections/abc HTTP/1.1"
                    + "\r\nHost: " + DOMAIN_NAME + "\r\nContent-Length: 0\r\n\r\n");
            assertTrue(answer.startsWith("HTTP/1.1 400"), answer);
            assertTrue(answer.contains("over HTTPS only: use https://" + DOMAIN_NAME + "/" + STAGE
                    + "/@connections/abc"), answer);
        }
    }

    @Test
    void plainHttpRequestInOriginForm_isRefusedWith400() throws Exception {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), proxy.port())) {
            String answer = readAll(socket, "GET /x HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
            assertTrue(answer.startsWith("HTTP/1.1 400"), answer);
            assertTrue(answer.contains("absolute form"), answer);
        }
    }

    @Test
    void connectToAClosedPort_isAnswered502_andWarnedOf() throws Exception {
        int closed;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = free.getLocalPort();
        }
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), proxy.port())) {
            String answer = readAll(socket, "CONNECT 127.0.0.1:" + closed + " HTTP/1.1\r\nHost: x\r\n\r\n");
            assertTrue(answer.startsWith("HTTP/1.1 502"), answer);
            assertTrue(answer.contains("cannot reach 127.0.0.1:" + closed), answer);
        }
        assertEquals(1, unreachableWarnings("127.0.0.1:" + closed), proxyLog.text());
    }

    @Test
    void certificateIsMadeOnce_andReusedFromTheCache() throws Exception {
        ApiHostCertificate again = ApiHostCertificate.forHosts(cache, routes(1).certificateHosts(),
                Path.of("/no/keytool/needed"));
        assertEquals(certificate.keyStore(), again.keyStore());
        Path java = Path.of(System.getProperty("java.home"));
        assertEquals(certificate.trustStoreFor(java), again.trustStoreFor(java));
    }

    /** Writes {@code request}, returns the response head (up to the empty line). */
    private static String send(Socket socket, String request) throws IOException {
        socket.setSoTimeout(10_000);
        socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
        InputStream in = socket.getInputStream();
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.append((char) b);
        }
        return head.toString();
    }

    /** Writes {@code request}, returns everything until the proxy closes. */
    private static String readAll(Socket socket, String request) throws IOException {
        socket.setSoTimeout(10_000);
        OutputStream out = socket.getOutputStream();
        out.write(request.getBytes(StandardCharsets.US_ASCII));
        return new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
    }
}
