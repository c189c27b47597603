package com.example.wsapi.local.gateway;

import com.example.wsapi.local.testing.JdkClient;

import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GatewayHandshakeTest extends GatewayTestBase {

    @Test
    void connect_toStagePath_isAccepted_withOrWithoutQueryStringOrTrailingSlash() {
        start(settings(CONNECT, DEFAULT));

        JdkClient.connect(ws());
        JdkClient.connect(ws("/dev?token=abc"));
        JdkClient.connect(ws("/dev/"));

        assertEquals(3, functions.awaitCalls("connectFn", 3).size());
        assertEquals("ws://127.0.0.1:" + gateway.port() + "/dev", gateway.webSocketUrl().toString());
        assertEquals("http://127.0.0.1:" + gateway.port() + "/dev/@connections", gateway.connectionsUrl().toString());
    }

    @Test
    void upgrade_onAnotherPath_isRefusedWith403Forbidden() {
        start(settings(CONNECT));

        assertEquals(403, JdkClient.refusedStatus(ws("/prod")));
        HttpResponse<String> plain = send(request(http("/somewhere/else")).GET().build());

        assertEquals(403, plain.statusCode());
        assertEquals("Forbidden", json(plain.body()).get("message").getAsString());
        assertTrue(functions.callsTo("connectFn").isEmpty());
    }

    @Test
    void plainHttp_toTheStage_gets426NamingTheWebSocketUrl() {
        start(settings(CONNECT));

        HttpResponse<String> response = send(request(http("/dev")).GET().build());

        assertEquals(426, response.statusCode());
        assertTrue(json(response.body()).get("message").getAsString().contains("ws://127.0.0.1:" + gateway.port() + "/dev"),
                response.body());
        assertTrue(functions.callsTo("connectFn").isEmpty());
    }

    @Test
    void connect_withoutConnectRoute_isAccepted() {
        start(settings(DEFAULT));

        JdkClient client = connect();
        client.send("hi");

        assertEquals("hi", functions.awaitCall("defaultFn", 1).event().get("body").getAsString());
    }

    @Test
    void upgrade_waitsForConnect_beforeAnswering() throws Exception {
        CompletableFuture<String> connectAnswer = new CompletableFuture<>();
        functions.on("connectFn", event -> connectAnswer);
        start(settings(CONNECT));

        CompletableFuture<WebSocket> handshake = HTTP.newWebSocketBuilder().buildAsync(ws(), new JdkClient());
        functions.awaitCall("connectFn", 1);
        FakeFunctions.sleep(200);
        assertFalse(handshake.isDone(), "the handshake was answered before $connect returned");

        connectAnswer.complete("{\"statusCode\":200}");
        handshake.get(5, TimeUnit.SECONDS).abort();
    }

    @Test
    void connect_whenConnectAnswersNon2xx_isRefusedWithThatStatus() {
        functions.on("connectFn", event -> CompletableFuture.completedFuture(
                event.getAsJsonObject("queryStringParameters").get("status").getAsString()
                        .transform(status -> "{\"statusCode\":" + status + ",\"body\":\"secret\"}")));
        start(settings(CONNECT));

        assertEquals(401, JdkClient.refusedStatus(ws("/dev?status=401")));
        assertEquals(404, JdkClient.refusedStatus(ws("/dev?status=404")));
        assertEquals(500, JdkClient.refusedStatus(ws("/dev?status=500")));
        JdkClient.connect(ws("/dev?status=204"));
    }

    @Test
    void connect_whenConnectRefuses_sendsNoneOfItsResponseButTheStatus() {
        functions.answer("connectFn", "{\"statusCode\":403,\"body\":\"secret-body\",\"headers\":{\"X-Secret\":\"1\"}}");
        start(settings(CONNECT));

        String response = rawHttp("GET /dev HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
                + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                + "Sec-WebSocket-Version: 13\r\n\r\n");

        assertTrue(response.startsWith("HTTP/1.1 403 "), response);
        assertFalse(response.contains("secret-body"), response);
        assertFalse(response.toLowerCase(java.util.Locale.ROOT).contains("x-secret"), response);
    }

    @Test
    void connect_whenConnectFunctionFails_isRefusedWith502() {
        functions.failWith("connectFn", "boom");
        start(settings(CONNECT, DISCONNECT));

        assertEquals(502, JdkClient.refusedStatus(ws()));
        FakeFunctions.sleep(100);
        assertTrue(functions.callsTo("disconnectFn").isEmpty(), "a refused connection has no $disconnect");
    }

    @Test
    void connect_whenConnectTimesOut_isRefusedWith502() {
        functions.hang("connectFn");
        GatewaySettings base = settings(CONNECT);
        start(withTimeouts(base, base.idleTimeout(), base.maxLifetime(), Duration.ofMillis(300)));

        assertEquals(502, JdkClient.refusedStatus(ws()));
    }

    @Test
    void connect_whenConnectAnswersWithoutStatusCode_isRefusedWith502() {
        functions.answer("connectFn", "{\"body\":\"no status\"}");
        start(settings(CONNECT));

        assertEquals(502, JdkClient.refusedStatus(ws()));
    }

    @Test
    void subprotocol_isReturnedWhenConnectReturnsIt() {
        functions.answer("connectFn", "{\"statusCode\":200,\"headers\":{\"Sec-WebSocket-Protocol\":\"v2\"}}");
        start(settings(CONNECT));

        JdkClient client = JdkClient.connect(ws(), builder -> builder.subprotocols("v1", "v2"));

        assertEquals("v2", client.socket().getSubprotocol());
        assertEquals("v1, v2", functions.awaitCall("connectFn", 1).event().getAsJsonObject("headers")
                .get("Sec-WebSocket-Protocol").getAsString());
    }

    @Test
    void subprotocol_requestedButNotReturnedByConnect_isNotEchoed() {
        start(settings(CONNECT));

        JdkClient client = JdkClient.connect(ws(), builder -> builder.subprotocols("chat"));

        assertEquals("", client.socket().getSubprotocol());
    }

    @Test
    void subprotocol_withoutConnectRoute_isNotEchoed() {
        start(settings(DEFAULT));

        JdkClient client = JdkClient.connect(ws(), builder -> builder.subprotocols("chat"));

        assertEquals("", client.socket().getSubprotocol());
    }

    @Test
    void postToConnection_duringItsOwnConnect_answers410_thenWorksOnceOpen() throws Exception {
        CompletableFuture<String> connectAnswer = new CompletableFuture<>();
        functions.on("connectFn", event -> connectAnswer);
        start(settings(CONNECT));
        JdkClient client = new JdkClient();
        CompletableFuture<WebSocket> handshake = HTTP.newWebSocketBuilder().buildAsync(ws(), client);
        String connectionId = connectionIdOfConnect(1);

        HttpResponse<String> during = send(request(http(connectionPath(connectionId)))
                .POST(HttpRequest.BodyPublishers.ofString("too early")).build());
        connectAnswer.complete("{\"statusCode\":200}");
        handshake.get(5, TimeUnit.SECONDS);
        HttpResponse<String> after = send(request(http(connectionPath(connectionId)))
                .POST(HttpRequest.BodyPublishers.ofString("welcome")).build());

        assertEquals(410, during.statusCode());
        assertEquals("GoneException", during.headers().firstValue("x-amzn-ErrorType").orElse(null));
        assertEquals(200, after.statusCode());
        assertEquals("welcome", client.nextMessage());
    }

    @Test
    void handshakes_pastTheNewConnectionRate_areRefusedWith429() {
        GatewaySettings base = settings(CONNECT);
        GatewaySettings limited = new GatewaySettings(base.host(), base.port(), base.stage(), base.apiId(),
                base.region(), base.routeSelectionExpression(), base.routes(), base.idleTimeout(), base.maxLifetime(),
                base.integrationTimeout(), base.maxFrameBytes(), base.maxMessageBytes(), 2);
        // A stopped clock: the bucket never refills, so the count alone decides.
        start(limited, Clock.fixed(Instant.parse("2024-02-09T18:11:43Z"), ZoneOffset.UTC));

        JdkClient.connect(ws());
        JdkClient.connect(ws());

        assertEquals(429, JdkClient.refusedStatus(ws()));
        assertEquals(2, functions.callsTo("connectFn").size(), "a throttled handshake does not reach $connect");
    }

    @Test
    void start_whenThePortIsInUse_failsNamingPortAndFix() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            GatewaySettings base = settings(CONNECT);
            GatewaySettings clash = new GatewaySettings("127.0.0.1", taken.getLocalPort(), base.stage(), base.apiId(),
                    base.region(), base.routeSelectionExpression(), base.routes(), base.idleTimeout(),
                    base.maxLifetime(), base.integrationTimeout(), base.maxFrameBytes(), base.maxMessageBytes(),
                    base.maxNewConnectionsPerSecond());

            GatewayStartException failure = assertThrows(GatewayStartException.class,
                    () -> Gateway.start(clash, functions));

            assertEquals("port " + taken.getLocalPort() + " on 127.0.0.1 is in use: stop the other process or pass --port",
                    failure.getMessage());
        }
    }

    @Test
    void start_withAnUnsupportedRouteSelectionExpression_failsNamingIt() {
        GatewaySettings base = settings(CONNECT);
        GatewaySettings invalid = new GatewaySettings(base.host(), base.port(), base.stage(), base.apiId(),
                base.region(), "$request.header.action", base.routes(), base.idleTimeout(), base.maxLifetime(),
                base.integrationTimeout(), base.maxFrameBytes(), base.maxMessageBytes(),
                base.maxNewConnectionsPerSecond());

        GatewayStartException failure = assertThrows(GatewayStartException.class, () -> Gateway.start(invalid, functions));

        assertTrue(failure.getMessage().contains("$request.header.action"), failure.getMessage());
    }

    @Test
    void start_withAnAuthorizerOutsideConnect_failsNamingTheRoute() {
        RouteBinding misplaced = new RouteBinding("echo", "echoFn", true,
                new RouteBinding.AuthorizerBinding("authFn", List.of("route.request.header.Auth")));

        GatewayStartException failure = assertThrows(GatewayStartException.class,
                () -> Gateway.start(settings(CONNECT, misplaced), functions));

        assertTrue(failure.getMessage().contains("route echo has an authorizer"), failure.getMessage());
    }

    @Test
    void close_closesEveryConnectionWith1001_andRunsDisconnectForEach() {
        start(settings(CONNECT, DISCONNECT));
        JdkClient first = connect();
        JdkClient second = connect();

        gateway.close();

        assertEquals(1001, first.awaitClose().code());
        assertEquals(1001, second.awaitClose().code());
        List<FakeFunctions.Call> disconnects = functions.callsTo("disconnectFn");
        assertEquals(2, disconnects.size(), "close() returns after every $disconnect ran");
        disconnects.forEach(call ->
                assertEquals(1001, call.requestContext().get("disconnectStatusCode").getAsInt()));
    }
}
