package com.example.wsapi.local.gateway;

import com.example.wsapi.local.testing.JdkClient;
import com.example.wsapi.local.testing.NettyClient;

import com.google.gson.JsonObject;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GatewayLimitsTest extends GatewayTestBase {

    private static final int KB = 1024;

    private static String repeat(char c, int count) {
        return String.valueOf(c).repeat(count);
    }

    /** Closes the gateway (which waits for every $disconnect) and returns the only DISCONNECT's requestContext. */
    private JsonObject onlyDisconnect() {
        functions.awaitCall("disconnectFn", 1);
        gateway.close();
        assertEquals(1, functions.callsTo("disconnectFn").size(), "$disconnect must run exactly once");
        return functions.callsTo("disconnectFn").get(0).requestContext();
    }

    @Test
    void frameLargerThanMaxFrameBytes_closesWith1009() {
        start(settings(CONNECT, DISCONNECT, DEFAULT));
        NettyClient client = NettyClient.connect(ws());

        client.send(new TextWebSocketFrame(repeat('a', 32 * KB + 1)));

        assertEquals(1009, client.awaitCloseFrame().closeCode());
        assertTrue(client.awaitSocketClosed());
        assertEquals(1009, onlyDisconnect().get("disconnectStatusCode").getAsInt());
        assertTrue(functions.callsTo("defaultFn").isEmpty());
    }

    @Test
    void frameOfExactlyMaxFrameBytes_isAccepted() {
        start(settings(DEFAULT));
        JdkClient client = connect();

        client.send(repeat('a', 32 * KB));

        assertEquals(32 * KB, functions.awaitCall("defaultFn", 1).event().get("body").getAsString().length());
        assertFalse(client.isClosed());
    }

    @Test
    void messageOverMaxMessageBytes_acrossContinuationFrames_closesWith1009() {
        start(settings(CONNECT, DISCONNECT, DEFAULT));
        NettyClient client = NettyClient.connect(ws());

        client.send(new TextWebSocketFrame(false, 0, repeat('a', 30 * KB)));
        for (int i = 0; i < 3; i++) {
            client.send(new ContinuationWebSocketFrame(false, 0, repeat('b', 30 * KB)));
        }
        client.send(new ContinuationWebSocketFrame(true, 0, repeat('c', 30 * KB)));

        assertEquals(1009, client.awaitCloseFrame().closeCode());
        assertEquals(1009, onlyDisconnect().get("disconnectStatusCode").getAsInt());
        assertTrue(functions.callsTo("defaultFn").isEmpty());
    }

    @Test
    void messageUnderMaxMessageBytes_acrossContinuationFrames_isDeliveredWhole() {
        start(settings(DEFAULT));
        NettyClient client = NettyClient.connect(ws());

        client.send(new TextWebSocketFrame(false, 0, repeat('a', 30 * KB)));
        client.send(new ContinuationWebSocketFrame(false, 0, repeat('b', 30 * KB)));
        client.send(new ContinuationWebSocketFrame(true, 0, repeat('c', 30 * KB)));

        String body = functions.awaitCall("defaultFn", 1).event().get("body").getAsString();
        assertEquals(repeat('a', 30 * KB) + repeat('b', 30 * KB) + repeat('c', 30 * KB), body);
        client.close();
    }

    @Test
    void binaryFrame_closesWith1003() {
        start(settings(CONNECT, DISCONNECT, DEFAULT));
        JdkClient client = connect();

        JdkClient.join(client.socket().sendBinary(ByteBuffer.wrap(new byte[] {1, 2, 3}), true));

        assertEquals(1003, client.awaitClose().code());
        assertEquals(1003, onlyDisconnect().get("disconnectStatusCode").getAsInt());
        assertTrue(functions.callsTo("defaultFn").isEmpty());
    }

    @Test
    void firstFrameOfAFragmentedBinaryMessage_closesWith1003() {
        start(settings(CONNECT, DISCONNECT, DEFAULT));
        NettyClient client = NettyClient.connect(ws());

        client.send(new BinaryWebSocketFrame(false, 0, Unpooled.wrappedBuffer(new byte[] {1, 2, 3})));

        assertEquals(1003, client.awaitCloseFrame().closeCode());
        assertEquals(1003, onlyDisconnect().get("disconnectStatusCode").getAsInt());
        assertTrue(functions.callsTo("defaultFn").isEmpty());
    }

    @Test
    void invalidUtf8_closesWith1007() {
        start(settings(CONNECT, DISCONNECT, DEFAULT));
        NettyClient client = NettyClient.connect(ws());

        client.send(new TextWebSocketFrame(Unpooled.wrappedBuffer(new byte[] {'o', 'k', (byte) 0xC3, 0x28})));

        assertEquals(1007, client.awaitCloseFrame().closeCode());
        assertEquals(1007, onlyDisconnect().get("disconnectStatusCode").getAsInt());
        assertTrue(functions.callsTo("defaultFn").isEmpty());
    }

    @Test
    void idleConnection_isClosedWith1001_thenDisconnectRuns() {
        GatewaySettings base = settings(CONNECT, DISCONNECT);
        start(withTimeouts(base, Duration.ofMillis(300), base.maxLifetime(), base.integrationTimeout()));
        JdkClient client = connect();

        assertEquals(1001, client.awaitClose().code());
        JsonObject disconnect = onlyDisconnect();
        assertEquals(1001, disconnect.get("disconnectStatusCode").getAsInt());
        assertEquals("Going away", disconnect.get("disconnectReason").getAsString());
    }

    @Test
    void postsToTheClient_countAsTraffic_forTheIdleTimeout() {
        GatewaySettings base = settings(CONNECT);
        start(withTimeouts(base, Duration.ofMillis(1000), base.maxLifetime(), base.integrationTimeout()));
        JdkClient client = connect();
        String path = connectionPath(connectionIdOfConnect(1));

        for (int i = 0; i < 12; i++) {
            assertEquals(200, send(request(http(path)).POST(HttpRequest.BodyPublishers.ofString("tick " + i)).build())
                    .statusCode(), "closed after " + i + " posts");
            FakeFunctions.sleep(200);
        }

        assertFalse(client.isClosed(), "posts every 200 ms did not keep a 1 s idle timeout away");
        assertEquals(1001, client.awaitClose().code());
    }

    @Test
    void pings_areAnsweredWithPongs_andCountAsTraffic() {
        GatewaySettings base = settings(CONNECT);
        start(withTimeouts(base, Duration.ofMillis(1000), base.maxLifetime(), base.integrationTimeout()));
        JdkClient client = connect();

        for (int i = 0; i < 12; i++) {
            JdkClient.join(client.socket().sendPing(ByteBuffer.wrap(("ping " + i).getBytes(StandardCharsets.UTF_8))));
            assertEquals("ping " + i, StandardCharsets.UTF_8.decode(client.nextPong()).toString());
            FakeFunctions.sleep(200);
        }

        assertFalse(client.isClosed(), "pings every 200 ms did not keep a 1 s idle timeout away");
    }

    @Test
    void messagesFromTheClient_countAsTraffic_forTheIdleTimeout() {
        GatewaySettings base = settings(CONNECT, DEFAULT);
        start(withTimeouts(base, Duration.ofMillis(1000), base.maxLifetime(), base.integrationTimeout()));
        JdkClient client = connect();

        for (int i = 0; i < 12; i++) {
            client.send("tick " + i);
            FakeFunctions.sleep(200);
        }

        assertFalse(client.isClosed(), "messages every 200 ms did not keep a 1 s idle timeout away");
        assertEquals(12, functions.awaitCalls("defaultFn", 12).size());
        assertEquals(1001, client.awaitClose().code());
    }

    @Test
    void fragmentsOfOneMessage_countAsTraffic_forTheIdleTimeout() {
        GatewaySettings base = settings(DEFAULT);
        start(withTimeouts(base, Duration.ofMillis(1000), base.maxLifetime(), base.integrationTimeout()));
        NettyClient client = NettyClient.connect(ws());

        client.send(new TextWebSocketFrame(false, 0, "a"));
        for (int i = 0; i < 12; i++) {
            FakeFunctions.sleep(200);
            client.send(new ContinuationWebSocketFrame(false, 0, "b"));
        }
        client.send(new ContinuationWebSocketFrame(true, 0, "c"));

        assertEquals("a" + repeat('b', 12) + "c", functions.awaitCall("defaultFn", 1).event().get("body").getAsString(),
                "fragments every 200 ms did not keep a 1 s idle timeout away");
        assertEquals(1001, client.awaitCloseFrame().closeCode());
    }

    @Test
    void idleTimeout_closesOnlyTheConnectionWithoutTraffic() {
        GatewaySettings base = settings(CONNECT, DISCONNECT);
        start(withTimeouts(base, Duration.ofMillis(1000), base.maxLifetime(), base.integrationTimeout()));
        JdkClient active = connect();
        JdkClient idle = connect();

        for (int i = 0; i < 12; i++) {
            JdkClient.join(active.socket().sendPing(ByteBuffer.wrap(new byte[] {(byte) i})));
            active.nextPong();
            FakeFunctions.sleep(200);
        }

        assertEquals(1001, idle.awaitClose().code());
        assertFalse(active.isClosed(), "pings every 200 ms did not keep a 1 s idle timeout away");
        JsonObject disconnect = functions.awaitCall("disconnectFn", 1).requestContext();
        assertEquals(connectionIdOfConnect(2), disconnect.get("connectionId").getAsString());
        assertEquals(1001, disconnect.get("disconnectStatusCode").getAsInt());
    }

    @Test
    void timeoutsTooLongForNanoseconds_areAccepted_andNeverClose() {
        GatewaySettings base = settings(DEFAULT);
        Duration forever = Duration.ofSeconds(Long.MAX_VALUE);
        start(withTimeouts(base, forever, forever, base.integrationTimeout()));
        JdkClient client = connect();

        client.send("hello");

        assertEquals("hello", functions.awaitCall("defaultFn", 1).event().get("body").getAsString());
        assertFalse(client.isClosed());
    }

    @Test
    void connectionPastMaxLifetime_isClosedWith1001_evenWhenActive() {
        GatewaySettings base = settings(CONNECT, DISCONNECT, DEFAULT);
        start(withTimeouts(base, base.idleTimeout(), Duration.ofMillis(800), base.integrationTimeout()));
        JdkClient client = connect();

        for (int i = 0; i < 20 && !client.isClosed(); i++) {
            client.socket().sendText("keep busy", true);
            FakeFunctions.sleep(100);
        }

        assertEquals(1001, client.awaitClose().code());
        assertEquals(1001, onlyDisconnect().get("disconnectStatusCode").getAsInt());
    }

    @Test
    void closeFrameWithoutStatus_isEchoed_andDisconnectGets1005() {
        start(settings(CONNECT, DISCONNECT));
        NettyClient client = NettyClient.connect(ws());

        client.send(new CloseWebSocketFrame());

        assertEquals(-1, client.awaitCloseFrame().closeCode(), "the echo of a close frame without status has none");
        JsonObject disconnect = onlyDisconnect();
        assertEquals(1005, disconnect.get("disconnectStatusCode").getAsInt());
        assertEquals("Client-side close frame status not set", disconnect.get("disconnectReason").getAsString());
    }

    @Test
    void clientCloseWithStatus_isEchoed_andDisconnectGetsCodeAndReason() {
        start(settings(CONNECT, DISCONNECT));
        JdkClient client = connect();

        JdkClient.join(client.socket().sendClose(1001, ""));

        assertEquals(1001, client.awaitClose().code());
        JsonObject disconnect = onlyDisconnect();
        assertEquals(1001, disconnect.get("disconnectStatusCode").getAsInt());
        assertEquals("", disconnect.get("disconnectReason").getAsString());
    }

    @Test
    void abruptDropWithoutCloseFrame_runsDisconnectOnceWith1006() {
        start(settings(CONNECT, DISCONNECT));
        JdkClient client = connect();

        client.socket().abort();

        assertEquals(1006, onlyDisconnect().get("disconnectStatusCode").getAsInt());
    }
}
