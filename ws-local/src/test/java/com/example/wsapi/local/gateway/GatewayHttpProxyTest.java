package com.example.wsapi.local.gateway;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.wsapi.local.template.IntegrationSpec;
import com.example.wsapi.local.template.RequestParameter;
import com.example.wsapi.local.testing.JdkClient;
import com.example.wsapi.local.testing.TestBackend;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/** HTTP_PROXY integrations against a real HTTP server: what the backend receives, what the client gets back. */
class GatewayHttpProxyTest extends GatewayTestBase {

    @AutoClose
    final TestBackend backend = TestBackend.start();

    private IntegrationSpec.HttpProxy proxy(String path, int timeoutMillis, RequestParameter... parameters) {
        return new IntegrationSpec.HttpProxy("Proxy" + path.replace("/", ""), "POST", backend.url(path),
                List.of(parameters), timeoutMillis, List.of());
    }

    private static RequestParameter connectionIdHeader() {
        return new RequestParameter(RequestParameter.Target.HEADER, "connectionId", "context.connectionId");
    }

    @Test
    void message_reachesTheBackendByteForByte_jsonOrNot_withoutTheConnectionId() {
        start(settings(new RouteBinding("$default", proxy("/messages", 29_000), false, null)));
        JdkClient client = connect();
        String json = "{ \"action\" : \"chat\",\n\t\"text\": \"héllo ✓ 𝄞\" }";
        String text = "not json at all \u0000 ünïcödé";

        client.send(json);
        TestBackend.Request first = backend.awaitRequest("/messages", 1);
        client.send(text);
        TestBackend.Request second = backend.awaitRequest("/messages", 2);
        assertEquals("POST", first.method());
        assertArrayEquals(json.getBytes(StandardCharsets.UTF_8), first.body());
        assertArrayEquals(text.getBytes(StandardCharsets.UTF_8), second.body());
        assertEquals("AmazonAPIGateway_" + API_ID, first.header("User-Agent"));
        assertEquals(API_ID, first.header("x-amzn-apigateway-api-id"));
        assertTrue(first.header("X-Amzn-Trace-Id").matches("Root=1-[0-9a-f]{8}-[0-9a-f]{24}"),
                first.header("X-Amzn-Trace-Id"));
        assertNull(first.header("connectionId"), "the connection id is sent only when mapped");
        assertNull(first.header("Sec-WebSocket-Key"), "messages carry no handshake headers");
    }

    @Test
    void connectionIdMappedIntoAHeader_isTheConnectionsId_onConnectAndOnMessages() {
        start(settings(
                new RouteBinding("$connect", proxy("/connect", 29_000, connectionIdHeader()), false, null),
                new RouteBinding("$default", proxy("/messages", 29_000, connectionIdHeader()), false, null)));
        JdkClient client = connect();

        client.send("hi");

        String onConnect = backend.awaitRequest("/connect", 1).header("connectionId");
        assertTrue(ID.matcher(onConnect).matches(), onConnect);
        assertEquals(onConnect, backend.awaitRequest("/messages", 1).header("connectionId"));
    }

    @Test
    void connect_sendsTheHandshakeHeadersApiGatewaySends_andNoBody() throws IOException {
        start(settings(new RouteBinding("$connect", proxy("/connect", 29_000), false, null)));

        String response = handshake("GET /dev HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
                + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                + "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Extensions: permessage-deflate\r\n"
                + "X-Private: not for the backend\r\n\r\n");

        assertTrue(response.startsWith("HTTP/1.1 101 "), response);
        TestBackend.Request connect = backend.awaitRequest("/connect", 1);
        assertEquals("dGhlIHNhbXBsZSBub25jZQ==", connect.header("Sec-WebSocket-Key"));
        assertEquals("13", connect.header("Sec-WebSocket-Version"));
        assertEquals("permessage-deflate", connect.header("Sec-WebSocket-Extensions"));
        assertEquals("127.0.0.1", connect.header("X-Forwarded-For"));
        assertEquals(String.valueOf(gateway.port()), connect.header("X-Forwarded-Port"));
        assertEquals("http", connect.header("X-Forwarded-Proto"));
        assertEquals("AmazonAPIGateway_" + API_ID, connect.header("User-Agent"));
        assertEquals(API_ID, connect.header("x-amzn-apigateway-api-id"));
        assertTrue(connect.header("X-Amzn-Trace-Id").startsWith("Root=1-"));
        assertNull(connect.header("Upgrade"), "the backend must not take the request for an upgrade");
        assertNull(connect.header("X-Private"));
        assertEquals(0, connect.body().length);
    }

    @Test
    void connect_whenTheBackendAnswersNon2xx_isRefusedWithItsStatus_andItsBodyStaysBehind() throws IOException {
        backend.on("/connect", request -> TestBackend.Answer.of(
                Integer.parseInt(request.header("X-Status")), "secret-body"));
        RequestParameter status = new RequestParameter(RequestParameter.Target.HEADER, "X-Status",
                "route.request.querystring.status");
        start(settings(new RouteBinding("$connect", proxy("/connect", 29_000, status), false, null)));

        assertEquals(401, JdkClient.refusedStatus(ws("/dev?status=401")));
        assertEquals(404, JdkClient.refusedStatus(ws("/dev?status=404")));
        assertEquals(503, JdkClient.refusedStatus(ws("/dev?status=503")));
        JdkClient.connect(ws("/dev?status=204"));
        String refused = handshake("GET /dev?status=403 HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
                + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n");
        assertTrue(refused.startsWith("HTTP/1.1 403 "), refused);
        assertFalse(refused.contains("secret-body"), refused);
    }

    @Test
    void connect_takesTheSubprotocolTheBackendChose_andNoneItDidNot() {
        backend.on("/connect", request -> new TestBackend.Answer(200,
                Map.of("Sec-WebSocket-Protocol", "chat"), new byte[0]));
        start(settings(new RouteBinding("$connect", proxy("/connect", 29_000), false, null)));

        JdkClient chat = JdkClient.connect(ws(), builder -> builder.subprotocols("chat", "other"));

        assertEquals("chat", chat.socket().getSubprotocol());
    }

    @Test
    void connect_whenTheBackendIsDown_isRefusedWith502_andLeavesNothingBehind() {
        int downPort = downPort();
        IntegrationSpec.HttpProxy down = new IntegrationSpec.HttpProxy("Down", "POST",
                "http://127.0.0.1:" + downPort + "/connect", List.of(), 29_000, List.of());
        start(settings(new RouteBinding("$connect", down, false, null),
                new RouteBinding("$disconnect", proxy("/disconnect", 29_000), false, null)));

        assertEquals(502, JdkClient.refusedStatus(ws()));

        FakeFunctions.sleep(100);
        assertTrue(backend.requests("/disconnect").isEmpty(), "a refused connection has no $disconnect");
    }

    @Test
    void message_whenTheBackendIsDown_getsTheInternalServerErrorFrame_andTheConnectionStaysOpen() {
        IntegrationSpec.HttpProxy down = new IntegrationSpec.HttpProxy("Down", "POST",
                "http://127.0.0.1:" + downPort() + "/messages", List.of(), 29_000, List.of());
        start(settings(new RouteBinding("$default", down, true, null),
                new RouteBinding("echo", proxy("/echo", 29_000), true, null)));
        backend.on("/echo", request -> new TestBackend.Answer(200, Map.of(), request.body()));
        JdkClient client = connect();

        client.send("to a dead backend");
        String error = client.nextMessage();
        client.send("{\"action\":\"echo\",\"still\":\"open\"}");

        assertTrue(error.matches("\\{\"message\": \"Internal server error\", \"connectionId\":\"[A-Za-z0-9_-]{15}=\", "
                + "\"requestId\":\"[A-Za-z0-9_-]{15}=\"}"), error);
        assertEquals("{\"action\":\"echo\",\"still\":\"open\"}", client.nextMessage());
        assertFalse(client.isClosed());
    }

    @Test
    void message_pastTheIntegrationsTimeout_getsTheTimedOutFrame_andNothingLater() {
        backend.hang("/slow");
        start(settings(new RouteBinding("$default", proxy("/slow", 100), true, null)));
        JdkClient client = connect();

        client.send("{\"slow\":true}");

        String frame = client.nextMessage();
        assertTrue(frame.startsWith("{\"message\": \"Endpoint request timed out\", \"connectionId\":\""), frame);
        backend.awaitRequest("/slow", 1);
        assertNull(client.pollMessage(300), "nothing follows the timeout frame");
    }

    @Test
    void aStuckBackend_costsOnlyItsOwnCallers_otherMessagesAndConnectionsKeepFlowing() {
        backend.hang("/stuck");
        backend.on("/echo", request -> new TestBackend.Answer(200, Map.of(), request.body()));
        IntegrationSpec.HttpProxy stuck = proxy("/stuck", 29_000);
        start(withTimeouts(settings(new RouteBinding("stuck", stuck, true, null),
                        new RouteBinding("echo", proxy("/echo", 29_000), true, null)),
                Duration.ofMinutes(10), Duration.ofHours(2), Duration.ofSeconds(29)));
        JdkClient waiting = connect();
        JdkClient other = connect();

        for (int i = 0; i < 20; i++) {
            waiting.send("{\"action\":\"stuck\",\"n\":" + i + "}");
        }
        backend.awaitRequest("/stuck", 20);
        for (int i = 0; i < 20; i++) {
            other.send("{\"action\":\"echo\",\"n\":" + i + "}");
            assertEquals("{\"action\":\"echo\",\"n\":" + i + "}", other.nextMessage());
        }
        waiting.send("{\"action\":\"echo\",\"n\":\"mine\"}");
        assertEquals("{\"action\":\"echo\",\"n\":\"mine\"}", waiting.nextMessage(),
                "the stuck calls block not even their own connection");
        JdkClient late = connect();
        late.send("{\"action\":\"echo\",\"n\":\"late\"}");
        assertEquals("{\"action\":\"echo\",\"n\":\"late\"}", late.nextMessage(), "new connections are accepted");
    }

    @Test
    void twoWayRoute_sendsTheBackendsBodyAsItIs_whateverItsStatus_andOneWayRoutesSendNothing() {
        backend.on("/reply", request -> TestBackend.Answer.of(Integer.parseInt(request.bodyText()),
                "status " + request.bodyText() + " \u2713"));
        start(settings(new RouteBinding("$default", proxy("/reply", 29_000), true, null),
                new RouteBinding("quiet", proxy("/quiet", 29_000), false, null)));
        backend.answer("/quiet", 500, "never sent");
        JdkClient client = connect();

        for (String status : List.of("200", "404", "500")) {
            client.send(status);
            assertEquals("status " + status + " \u2713", client.nextMessage());
        }
        client.send("{\"action\":\"quiet\"}");
        backend.awaitRequest("/quiet", 1);
        assertNull(client.pollMessage(300), "a one-way route sends no frame, even for a 500");
    }

    @Test
    void disconnect_callsTheBackendWithoutBody_andTheMappedConnectionId() {
        start(settings(new RouteBinding("$disconnect", proxy("/disconnect", 29_000, connectionIdHeader()), false, null),
                new RouteBinding("$default", proxy("/messages", 29_000, connectionIdHeader()), false, null)));
        JdkClient client = connect();
        client.send("hello");
        String connectionId = backend.awaitRequest("/messages", 1).header("connectionId");

        client.socket().sendClose(1000, "bye");

        TestBackend.Request disconnect = backend.awaitRequest("/disconnect", 1);
        assertEquals(connectionId, disconnect.header("connectionId"));
        assertEquals(0, disconnect.body().length);
    }

    /** A loopback port nothing listens on. */
    private static int downPort() {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Sends a raw handshake and returns the response's head (status line and headers), then hangs up. */
    private String handshake(String request) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), gateway.port())) {
            socket.setSoTimeout(5000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            while (!head.toString(StandardCharsets.ISO_8859_1).contains("\r\n\r\n")) {
                int b = in.read();
                if (b < 0) {
                    break;
                }
                head.write(b);
            }
            String text = head.toString(StandardCharsets.ISO_8859_1);
            // A refusal's body follows its head: read what is there, to see what reaches the client.
            if (!text.startsWith("HTTP/1.1 101 ")) {
                text += new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            }
            return text;
        }
    }
}
