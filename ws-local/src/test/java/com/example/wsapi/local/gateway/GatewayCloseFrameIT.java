package com.example.wsapi.local.gateway;

import com.example.wsapi.local.testing.NettyClient;

import com.google.gson.JsonObject;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Close frames a client may not send (RFC 6455 section 7.4): the gateway fails the connection with a close frame of
 * its own, 1002 or 1007, as RFC 6455 section 7.1.7 asks, instead of dropping the socket, and {@code $disconnect}
 * runs once with that code.
 */
class GatewayCloseFrameIT extends GatewayTestBase {

    /** A close frame built byte by byte: Netty's own constructors refuse these codes. */
    private static CloseWebSocketFrame closeFrame(int code, byte... reason) {
        ByteBuf payload = Unpooled.buffer(2 + reason.length).writeShort(code).writeBytes(reason);
        return new CloseWebSocketFrame(true, 0, payload);
    }

    /** Closes the gateway (which waits for every $disconnect) and returns the only DISCONNECT's requestContext. */
    private JsonObject onlyDisconnect() {
        functions.awaitCall("disconnectFn", 1);
        gateway.close();
        assertEquals(1, functions.callsTo("disconnectFn").size(), "$disconnect must run exactly once");
        return functions.callsTo("disconnectFn").get(0).requestContext();
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 999, 1004, 1005, 1006, 1015, 1016, 2999, 5000, 65535})
    void closeFrameWithAStatusNotAllowedOnTheWire_isAnsweredWith1002_andDisconnectGets1002(int code) {
        start(settings(CONNECT, DISCONNECT));
        NettyClient client = NettyClient.connect(ws());

        client.send(closeFrame(code));

        NettyClient.Received answer = client.awaitCloseFrame();
        assertEquals(1002, answer.closeCode(), "the answer to a close frame with status " + code);
        // The same words for every such status (Netty's own for 1005 and the like name its method getStatus).
        assertEquals("Invalid close frame status code: " + code, answer.closeReason());
        assertTrue(client.awaitSocketClosed());
        JsonObject disconnect = onlyDisconnect();
        assertEquals(1002, disconnect.get("disconnectStatusCode").getAsInt());
        assertEquals(answer.closeReason(), disconnect.get("disconnectReason").getAsString());
    }

    @ParameterizedTest
    @ValueSource(ints = {1000, 1003, 1014, 3000, 4999})
    void closeFrameWithAStatusAllowedOnTheWire_isEchoed_andDisconnectGetsIt(int code) {
        start(settings(CONNECT, DISCONNECT));
        NettyClient client = NettyClient.connect(ws());

        client.send(closeFrame(code, "bye".getBytes(StandardCharsets.UTF_8)));

        assertEquals(code, client.awaitCloseFrame().closeCode());
        assertTrue(client.awaitSocketClosed());
        JsonObject disconnect = onlyDisconnect();
        assertEquals(code, disconnect.get("disconnectStatusCode").getAsInt());
        assertEquals("bye", disconnect.get("disconnectReason").getAsString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"C328", "E28228", "FF", "EDA080"}) // bad continuation, truncated, never UTF-8, a surrogate
    void closeFrameWhoseReasonIsNotUtf8_isAnsweredWith1007_andDisconnectGets1007(String reasonHex) {
        start(settings(CONNECT, DISCONNECT));
        NettyClient client = NettyClient.connect(ws());

        client.send(closeFrame(1000, HexFormat.of().parseHex(reasonHex)));

        assertEquals(1007, client.awaitCloseFrame().closeCode());
        assertTrue(client.awaitSocketClosed());
        assertEquals(1007, onlyDisconnect().get("disconnectStatusCode").getAsInt());
    }
}
