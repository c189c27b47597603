package com.example.wsapi.local.gateway;

import com.google.gson.JsonParser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A client that sends frames right after its upgrade request, without waiting for the 101 (RFC 6455 asks it to wait;
 * hand-written clients and some embedded ones do not): the bytes must not be read as HTTP and dropped. They are kept
 * while the authorizer and {@code $connect} run and read as frames once the connection is open. No client library
 * tried sends early by default, so these write the bytes themselves on a socket.
 */
class GatewayEarlyFramesTest extends GatewayTestBase {

    private static final String UPGRADE = "GET /dev HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
            + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n";

    private Socket socket;

    @AfterEach
    void closeSocket() throws IOException {
        if (socket != null) {
            socket.close();
        }
    }

    /** The echo route answers with the message it got. */
    private void echoTheBody() {
        functions.on("echoFn", event -> CompletableFuture.completedFuture("{\"statusCode\":200,\"body\":"
                + JsonParser.parseString(event.get("body").getAsString()).getAsJsonObject()
                        .get("n").toString() + "}"));
    }

    @Test
    void messageWrittenWithTheUpgradeRequest_isRoutedOnceTheConnectionIsOpen() {
        echoTheBody();
        start(settings(CONNECT, ECHO));
        open();

        write(concat(UPGRADE.getBytes(StandardCharsets.ISO_8859_1), maskedText(echoMessage("first"))));

        assertTrue(readHead().startsWith("HTTP/1.1 101 "));
        assertEquals("first", readTextFrame());
        assertEquals(List.of(echoMessage("first")), bodiesOf("echoFn", 1));
    }

    @Test
    void messagesWrittenWhileConnectRuns_areRoutedInOrderOnceTheConnectionIsOpen() {
        echoTheBody();
        CompletableFuture<String> connectAnswer = new CompletableFuture<>();
        functions.on("connectFn", event -> connectAnswer);
        start(settings(CONNECT, ECHO));
        open();

        write(UPGRADE.getBytes(StandardCharsets.ISO_8859_1));
        functions.awaitCall("connectFn", 1);
        write(concat(maskedText(echoMessage("one")), maskedText(echoMessage("two"))));
        connectAnswer.complete("{\"statusCode\":200}");

        assertTrue(readHead().startsWith("HTTP/1.1 101 "));
        assertEquals(List.of(echoMessage("one"), echoMessage("two")), bodiesOf("echoFn", 2));
    }

    @Test
    void moreThanAMessageLimitWrittenWhileConnectRuns_isAllRoutedOnceTheConnectionIsOpen() {
        CompletableFuture<String> connectAnswer = new CompletableFuture<>();
        functions.on("connectFn", event -> connectAnswer);
        start(settings(CONNECT, ECHO));
        open();
        write(UPGRADE.getBytes(StandardCharsets.ISO_8859_1));
        functions.awaitCall("connectFn", 1);

        // 320 KB in messages of 32 KB: the first four pass the 128 KB the gateway holds before it stops reading the
        // socket; the rest are written on another thread, since the socket's buffers may fill until it reads again.
        List<String> sent = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            sent.add(echoMessage(i + "x".repeat(32 * 1024 - 40)));
        }
        sent.subList(0, 4).forEach(message -> write(maskedText(message)));
        CompletableFuture<Void> written = CompletableFuture.runAsync(
                () -> sent.subList(4, sent.size()).forEach(message -> write(maskedText(message))));
        connectAnswer.complete("{\"statusCode\":200}");

        assertTrue(readHead().startsWith("HTTP/1.1 101 "));
        assertEquals(sent, bodiesOf("echoFn", 10));
        written.join();
    }

    @Test
    void messageWrittenBeforeARefusal_isNeverRouted() {
        functions.answer("connectFn", "{\"statusCode\":403}");
        start(settings(CONNECT, ECHO, DEFAULT));
        open();

        write(concat(UPGRADE.getBytes(StandardCharsets.ISO_8859_1), maskedText(echoMessage("refused"))));

        assertTrue(readHead().startsWith("HTTP/1.1 403 "));
        assertEquals(-1, read(socket), "the gateway closes the refused connection");
        assertTrue(functions.callsTo("echoFn").isEmpty());
        assertTrue(functions.callsTo("defaultFn").isEmpty());
    }

    private static String echoMessage(String n) {
        return "{\"action\":\"echo\",\"n\":\"" + n + "\"}";
    }

    private List<String> bodiesOf(String functionName, int count) {
        return functions.awaitCalls(functionName, count).stream()
                .map(call -> call.event().get("body").getAsString()).toList();
    }

    private void open() {
        try {
            socket = new Socket(InetAddress.getLoopbackAddress(), gateway.port());
            socket.setSoTimeout(5000);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void write(byte[] bytes) {
        try {
            OutputStream out = socket.getOutputStream();
            out.write(bytes);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The response's status line and headers, up to the empty line. */
    private String readHead() {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = read(socket);
            if (b < 0) {
                break;
            }
            head.write(b);
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    /** One unmasked, unfragmented text frame from the gateway. */
    private String readTextFrame() {
        try {
            DataInputStream in = new DataInputStream(socket.getInputStream());
            int first = in.readUnsignedByte();
            assertEquals(0x81, first, "a final text frame");
            int length = in.readUnsignedByte();
            if (length == 126) {
                length = in.readUnsignedShort();
            }
            return new String(in.readNBytes(length), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int read(Socket socket) {
        try {
            InputStream in = socket.getInputStream();
            return in.read();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A final text frame as a client sends it: masked (RFC 6455 section 5.3), with a fixed key. */
    private static byte[] maskedText(String text) {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        byte[] mask = {0x1a, 0x2b, 0x3c, 0x4d};
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        frame.write(0x81);
        if (payload.length < 126) {
            frame.write(0x80 | payload.length);
        } else {
            frame.write(0x80 | 126);
            frame.write(payload.length >>> 8);
            frame.write(payload.length & 0xff);
        }
        frame.writeBytes(mask);
        for (int i = 0; i < payload.length; i++) {
            frame.write(payload[i] ^ mask[i % 4]);
        }
        return frame.toByteArray();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = new byte[a.length + b.length];
        System.arraycopy(a, 0, both, 0, a.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }
}
