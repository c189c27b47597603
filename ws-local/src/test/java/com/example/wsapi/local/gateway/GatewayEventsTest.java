package com.example.wsapi.local.gateway;

import com.example.wsapi.local.testing.JdkClient;
import com.example.wsapi.local.testing.NettyClient;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GatewayEventsTest extends GatewayTestBase {

    private static final DateTimeFormatter REQUEST_TIME =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    @Test
    void connectEvent_carriesHandshakeHeadersQueryAndRequestContext() {
        start(settings(CONNECT, DEFAULT));

        connectWith("/dev?name=a&name=b&other=1", "X-Custom", "custom-value", "User-Agent", "test-agent/1.0");

        JsonObject event = functions.awaitCall("connectFn", 1).event();
        JsonObject headers = event.getAsJsonObject("headers");
        assertEquals("127.0.0.1:" + gateway.port(), headers.get("Host").getAsString());
        assertTrue(headers.has("Sec-WebSocket-Key"), headers.toString());
        assertEquals("13", headers.get("Sec-WebSocket-Version").getAsString());
        assertEquals("custom-value", headers.get("X-Custom").getAsString());
        assertEquals("test-agent/1.0", headers.get("User-Agent").getAsString());
        assertEquals("127.0.0.1", headers.get("X-Forwarded-For").getAsString());
        assertEquals(String.valueOf(gateway.port()), headers.get("X-Forwarded-Port").getAsString());
        assertEquals("http", headers.get("X-Forwarded-Proto").getAsString());
        for (String name : headers.keySet()) {
            assertFalse(name.equalsIgnoreCase("Connection") || name.equalsIgnoreCase("Upgrade"), name);
        }
        JsonObject multiValueHeaders = event.getAsJsonObject("multiValueHeaders");
        assertEquals(headers.keySet(), multiValueHeaders.keySet());
        assertEquals(List.of("custom-value"), strings(multiValueHeaders.getAsJsonArray("X-Custom")));
        assertEquals("b", event.getAsJsonObject("queryStringParameters").get("name").getAsString());
        assertEquals("1", event.getAsJsonObject("queryStringParameters").get("other").getAsString());
        assertEquals(List.of("a", "b"),
                strings(event.getAsJsonObject("multiValueQueryStringParameters").getAsJsonArray("name")));
        assertFalse(event.has("body"));
        assertFalse(event.get("isBase64Encoded").getAsBoolean());

        JsonObject context = event.getAsJsonObject("requestContext");
        assertEquals("$connect", context.get("routeKey").getAsString());
        assertEquals("CONNECT", context.get("eventType").getAsString());
        assertEquals("IN", context.get("messageDirection").getAsString());
        assertFalse(context.has("messageId"));
        assertFalse(context.has("disconnectStatusCode"));
        assertEquals("127.0.0.1", context.getAsJsonObject("identity").get("sourceIp").getAsString());
        assertEquals("test-agent/1.0", context.getAsJsonObject("identity").get("userAgent").getAsString());
        assertCommonContext(context);
    }

    @Test
    void connectEvent_withoutQueryStringOrUserAgent_leavesThemOut() {
        start(settings(CONNECT, DEFAULT));

        DefaultHttpHeaders headers = new DefaultHttpHeaders();
        headers.set("Sec-WebSocket-Extensions", "permessage-deflate; client_max_window_bits");
        NettyClient client = NettyClient.connect(ws(), headers);

        JsonObject event = functions.awaitCall("connectFn", 1).event();
        assertFalse(event.has("queryStringParameters"), event.toString());
        assertFalse(event.has("multiValueQueryStringParameters"));
        assertEquals("permessage-deflate; client_max_window_bits",
                event.getAsJsonObject("headers").get("Sec-WebSocket-Extensions").getAsString());
        assertFalse(event.getAsJsonObject("requestContext").getAsJsonObject("identity").has("userAgent"));
        client.close();
    }

    @Test
    void connectEvent_hasNoContentLength_whenTheClientSentNone() {
        start(settings(CONNECT, DEFAULT));

        // Netty's client, like browsers and wscat, sends its handshake without Content-Length (the JDK's sends one).
        NettyClient client = NettyClient.connect(ws(), new DefaultHttpHeaders());

        JsonObject event = functions.awaitCall("connectFn", 1).event();
        for (String name : event.getAsJsonObject("multiValueHeaders").keySet()) {
            assertFalse(name.equalsIgnoreCase("Content-Length"), event.getAsJsonObject("headers").toString());
        }
        client.close();
    }

    @Test
    void messageEvent_carriesBodyAndMessageId_withoutHeaders() {
        start(settings(CONNECT, DEFAULT));
        JdkClient client = connect();

        client.send("{\"action\":\"nothing-matches\",\"text\":\"héllo\"}");

        JsonObject connectContext = functions.awaitCall("connectFn", 1).requestContext();
        JsonObject event = functions.awaitCall("defaultFn", 1).event();
        assertEquals("{\"action\":\"nothing-matches\",\"text\":\"héllo\"}", event.get("body").getAsString());
        assertFalse(event.has("headers"));
        assertFalse(event.has("multiValueHeaders"));
        assertFalse(event.get("isBase64Encoded").getAsBoolean());
        JsonObject context = event.getAsJsonObject("requestContext");
        assertEquals("$default", context.get("routeKey").getAsString());
        assertEquals("MESSAGE", context.get("eventType").getAsString());
        assertTrue(ID.matcher(context.get("messageId").getAsString()).matches(), context.toString());
        assertEquals(connectContext.get("connectionId"), context.get("connectionId"));
        assertEquals(connectContext.get("connectedAt"), context.get("connectedAt"));
        assertCommonContext(context);
    }

    @Test
    void messageEvent_requestContext_hasApiGatewaysFieldOrder() {
        start(settings(DEFAULT));

        connect().send("hi");

        assertEquals(List.of("routeKey", "messageId", "eventType", "extendedRequestId", "requestTime",
                        "messageDirection", "stage", "connectedAt", "requestTimeEpoch", "identity", "requestId",
                        "domainName", "connectionId", "apiId"),
                List.copyOf(functions.awaitCall("defaultFn", 1).requestContext().keySet()));
        assertEquals(List.of("requestContext", "body", "isBase64Encoded"),
                List.copyOf(functions.awaitCall("defaultFn", 1).event().keySet()));
    }

    @Test
    void disconnectEvent_carriesFixedHeadersAndTheClientsCloseCodeAndReason() {
        start(settings(CONNECT, DISCONNECT));
        JdkClient client = connect();

        JdkClient.join(client.socket().sendClose(4000, "bye now"));

        JsonObject event = functions.awaitCall("disconnectFn", 1).event();
        JsonObject expectedHeaders = json("{\"Host\":\"" + DOMAIN_NAME
                + "\",\"x-api-key\":\"\",\"X-Forwarded-For\":\"\",\"x-restapi\":\"\"}");
        assertEquals(expectedHeaders, event.getAsJsonObject("headers"));
        assertEquals(json("{\"Host\":[\"" + DOMAIN_NAME
                        + "\"],\"x-api-key\":[\"\"],\"X-Forwarded-For\":[\"\"],\"x-restapi\":[\"\"]}"),
                event.getAsJsonObject("multiValueHeaders"));
        assertFalse(event.has("body"));
        assertFalse(event.get("isBase64Encoded").getAsBoolean());
        JsonObject context = event.getAsJsonObject("requestContext");
        assertEquals("$disconnect", context.get("routeKey").getAsString());
        assertEquals("DISCONNECT", context.get("eventType").getAsString());
        assertEquals(4000, context.get("disconnectStatusCode").getAsInt());
        assertEquals("bye now", context.get("disconnectReason").getAsString());
        assertEquals(functions.awaitCall("connectFn", 1).requestContext().get("connectedAt"), context.get("connectedAt"));
        assertCommonContext(context);
    }

    @Test
    void requestIds_areNewForEveryEvent() {
        start(settings(CONNECT, DISCONNECT, DEFAULT));
        JdkClient client = connect();
        client.send("one");
        client.send("two");
        functions.awaitCalls("defaultFn", 2);
        JdkClient.join(client.socket().sendClose(1000, ""));
        functions.awaitCall("disconnectFn", 1);

        Set<String> requestIds = new HashSet<>();
        Set<String> messageIds = new HashSet<>();
        for (String function : List.of("connectFn", "defaultFn", "disconnectFn")) {
            for (FakeFunctions.Call call : functions.callsTo(function)) {
                requestIds.add(call.requestContext().get("requestId").getAsString());
                if (call.requestContext().has("messageId")) {
                    messageIds.add(call.requestContext().get("messageId").getAsString());
                }
            }
        }
        assertEquals(4, requestIds.size(), requestIds.toString());
        assertEquals(2, messageIds.size());
    }

    @Test
    void messageEvent_forNettyClientText_keepsUnicodeBodyAsReceived() {
        start(settings(DEFAULT));
        NettyClient client = NettyClient.connect(ws());

        client.send(new TextWebSocketFrame("emoji \uD83D\uDE00 and \u00e9"));

        assertEquals("emoji \uD83D\uDE00 and \u00e9", functions.awaitCall("defaultFn", 1).event().get("body").getAsString());
        client.close();
    }

    /** What every event's requestContext must hold, whatever its type. */
    private void assertCommonContext(JsonObject context) {
        String requestId = context.get("requestId").getAsString();
        assertTrue(ID.matcher(requestId).matches(), requestId);
        assertEquals(requestId, context.get("extendedRequestId").getAsString());
        assertTrue(ID.matcher(context.get("connectionId").getAsString()).matches(), context.toString());
        assertEquals(STAGE, context.get("stage").getAsString());
        assertEquals(API_ID, context.get("apiId").getAsString());
        assertEquals(DOMAIN_NAME, context.get("domainName").getAsString());
        long epoch = context.get("requestTimeEpoch").getAsLong();
        String requestTime = context.get("requestTime").getAsString();
        assertTrue(requestTime.matches("\\d{2}/[A-Z][a-z]{2}/\\d{4}:\\d{2}:\\d{2}:\\d{2} \\+0000"), requestTime);
        assertEquals(REQUEST_TIME.format(Instant.ofEpochMilli(epoch)), requestTime);
        long connectedAt = context.get("connectedAt").getAsLong();
        assertTrue(connectedAt <= epoch && epoch - connectedAt < 60_000, context.toString());
    }

    private static List<String> strings(JsonArray array) {
        return array.asList().stream().map(element -> element.getAsString()).toList();
    }

    private JdkClient connectWith(String pathAndQuery, String... headerNamesAndValues) {
        return JdkClient.connect(ws(pathAndQuery), builder -> {
            for (int i = 0; i < headerNamesAndValues.length; i += 2) {
                builder.header(headerNamesAndValues[i], headerNamesAndValues[i + 1]);
            }
        });
    }
}
