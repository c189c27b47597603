package com.example.wsapi.local.gateway;

import com.example.wsapi.local.testing.JdkClient;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GatewayRoutingTest extends GatewayTestBase {

    private static final RouteBinding TWO_WAY_DEFAULT = new RouteBinding("$default", "defaultFn", true, null);
    private static final RouteBinding ONE_WAY_SEND = new RouteBinding("send", "sendFn", false, null);

    /** Two-way functions answer with the route key they were called for. */
    private void answerWithRouteKey(String functionName) {
        functions.on(functionName, event -> CompletableFuture.completedFuture("{\"statusCode\":200,\"body\":\""
                + functionName + ":" + event.getAsJsonObject("requestContext").get("routeKey").getAsString() + "\"}"));
    }

    @Test
    void message_goesToTheRouteWhoseKeyEqualsTheAction_caseSensitively() {
        answerWithRouteKey("echoFn");
        answerWithRouteKey("defaultFn");
        start(settings(ECHO, TWO_WAY_DEFAULT));
        JdkClient client = connect();

        client.send("{\"action\":\"echo\"}");
        assertEquals("echoFn:echo", client.nextMessage());
        client.send("{\"action\":\"Echo\"}");
        assertEquals("defaultFn:$default", client.nextMessage());
        client.send("{\"action\":\"echo \"}");
        assertEquals("defaultFn:$default", client.nextMessage());
    }

    @Test
    void message_withNestedSelectionPath_isRoutedByTheNestedValue() {
        answerWithRouteKey("echoFn");
        answerWithRouteKey("defaultFn");
        GatewaySettings base = settings(ECHO, TWO_WAY_DEFAULT);
        start(new GatewaySettings(base.host(), base.port(), base.stage(), base.apiId(), base.region(),
                "$request.body.meta.type", base.routes(), base.idleTimeout(), base.maxLifetime(),
                base.integrationTimeout(), base.maxFrameBytes(), base.maxMessageBytes(),
                base.maxNewConnectionsPerSecond()));
        JdkClient client = connect();

        client.send("{\"meta\":{\"type\":\"echo\"}}");
        assertEquals("echoFn:echo", client.nextMessage());
        client.send("{\"type\":\"echo\"}");
        assertEquals("defaultFn:$default", client.nextMessage());
    }

    @Test
    void message_thatIsNotJsonOrLacksTheKey_goesToDefault() {
        answerWithRouteKey("defaultFn");
        answerWithRouteKey("echoFn");
        start(settings(ECHO, TWO_WAY_DEFAULT));
        JdkClient client = connect();

        for (String message : new String[] {"plain text", "{\"other\":\"echo\"}", "{action: echo}", "[\"echo\"]",
                "{\"action\":\"echo\"} trailing", "{\"action\":{\"nested\":\"echo\"}}"}) {
            client.send(message);
            assertEquals("defaultFn:$default", client.nextMessage(), message);
        }
        assertTrue(functions.callsTo("echoFn").isEmpty());
    }

    @Test
    void message_withActionConnectOrDisconnect_goesToDefault() {
        answerWithRouteKey("defaultFn");
        start(settings(CONNECT, DISCONNECT, TWO_WAY_DEFAULT));
        JdkClient client = connect();

        client.send("{\"action\":\"$connect\"}");
        assertEquals("defaultFn:$default", client.nextMessage());
        client.send("{\"action\":\"$disconnect\"}");
        assertEquals("defaultFn:$default", client.nextMessage());

        assertEquals(1, functions.callsTo("connectFn").size());
        assertTrue(functions.callsTo("disconnectFn").isEmpty());
    }

    @Test
    void message_withoutMatchAndWithoutDefault_getsForbiddenFrame_andTheConnectionStaysOpen() {
        answerWithRouteKey("echoFn");
        start(settings(CONNECT, ECHO));
        JdkClient client = connect();
        String connectionId = connectionIdOfConnect(1);

        client.send("{\"action\":\"unknown\"}");
        String forbidden = client.nextMessage();
        client.send("{\"action\":\"echo\"}");

        assertTrue(forbidden.matches("\\{\"message\": \"Forbidden\", \"connectionId\":\"" + connectionId.replace("-", "\\-")
                + "\", \"requestId\":\"[A-Za-z0-9_-]{15}=\"}"), forbidden);
        assertEquals("echoFn:echo", client.nextMessage());
        assertFalse(client.isClosed());
    }

    @Test
    void twoWayRoute_sendsTheResponseBody_whateverItsStatusCode() {
        functions.answer("echoFn", "{\"statusCode\":500,\"body\":\"{\\\"error\\\":\\\"still sent\\\"}\"}");
        start(settings(ECHO));
        JdkClient client = connect();

        client.send("{\"action\":\"echo\"}");

        assertEquals("{\"error\":\"still sent\"}", client.nextMessage());
    }

    @Test
    void twoWayRoute_withoutBody_sendsNothing_andOneWayRoute_sendsNothing() {
        functions.answer("sendFn", "{\"statusCode\":200,\"body\":\"never sent\"}");
        functions.answer("defaultFn", "{\"statusCode\":200}");
        functions.answer("echoFn", "{\"statusCode\":200,\"body\":\"marker\"}");
        start(settings(ECHO, ONE_WAY_SEND, TWO_WAY_DEFAULT));
        JdkClient client = connect();

        client.send("{\"action\":\"send\"}");
        client.send("not json: goes to the two-way $default, which answers without body");
        functions.awaitCall("defaultFn", 1);
        client.send("{\"action\":\"echo\"}");

        assertEquals("marker", client.nextMessage());
        assertNull(client.pollMessage(300), "a one-way route or a response without body sent a frame");
    }

    @Test
    void functionFailure_sendsInternalServerErrorFrame_evenOnOneWayRoutes() {
        functions.failWith("sendFn", "boom");
        start(settings(ONE_WAY_SEND));
        JdkClient client = connect();

        client.send("{\"action\":\"send\"}");

        FakeFunctions.Call call = functions.awaitCall("sendFn", 1);
        assertEquals("{\"message\": \"Internal server error\", \"connectionId\":\""
                        + call.requestContext().get("connectionId").getAsString() + "\", \"requestId\":\""
                        + call.requestContext().get("requestId").getAsString() + "\"}",
                client.nextMessage());
    }

    @Test
    void functionPastTheIntegrationTimeout_sendsEndpointRequestTimedOutFrame() {
        functions.hang("echoFn");
        GatewaySettings base = settings(ECHO);
        start(withTimeouts(base, base.idleTimeout(), base.maxLifetime(), Duration.ofMillis(300)));
        JdkClient client = connect();

        client.send("{\"action\":\"echo\"}");

        FakeFunctions.Call call = functions.awaitCall("echoFn", 1);
        assertEquals("{\"message\": \"Endpoint request timed out\", \"connectionId\":\""
                        + call.requestContext().get("connectionId").getAsString() + "\", \"requestId\":\""
                        + call.requestContext().get("requestId").getAsString() + "\"}",
                client.nextMessage());
    }

    @Test
    void functionPastTheIntegrationTimeout_isCancelled_soAQueuedInvocationNeverAnswersLate() {
        CompletableFuture<String> invocation = new CompletableFuture<>();
        functions.on("echoFn", event -> invocation);
        GatewaySettings base = settings(ECHO);
        start(withTimeouts(base, base.idleTimeout(), base.maxLifetime(), Duration.ofMillis(300)));
        JdkClient client = connect();

        client.send("{\"action\":\"echo\"}");

        assertTrue(client.nextMessage().startsWith("{\"message\": \"Endpoint request timed out\""));
        for (int i = 0; i < 100 && !invocation.isCancelled(); i++) {
            FakeFunctions.sleep(20); // the cancel follows the frame on the event loop
        }
        assertTrue(invocation.isCancelled(), "the invoker is told the gateway gave up");
        assertNull(client.pollMessage(300), "nothing follows the timeout frame");
    }

    @Test
    void twoWayRoute_answeringSomethingOtherThanAProxyResponse_sendsInternalServerError() {
        functions.answer("echoFn", "\"just a string\"");
        start(settings(ECHO));
        JdkClient client = connect();

        client.send("{\"action\":\"echo\"}");

        assertTrue(client.nextMessage().startsWith("{\"message\": \"Internal server error\""));
    }

    @Test
    void messagesOfOneConnection_areInvokedConcurrently_notOneAfterAnother() {
        CompletableFuture<String> slowAnswer = new CompletableFuture<>();
        functions.on("echoFn", event -> event.get("body").getAsString().contains("slow") ? slowAnswer
                : CompletableFuture.completedFuture("{\"statusCode\":200,\"body\":\"fast\"}"));
        start(settings(ECHO));
        JdkClient client = connect();

        client.send("{\"action\":\"echo\",\"speed\":\"slow\"}");
        client.send("{\"action\":\"echo\",\"speed\":\"quick\"}");

        assertEquals("fast", client.nextMessage(), "the second message waited for the first one's function");
        slowAnswer.complete("{\"statusCode\":200,\"body\":\"slow\"}");
        assertEquals("slow", client.nextMessage());
    }
}
