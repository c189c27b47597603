package com.example.wsapi.local.gateway;

import com.example.wsapi.local.testing.Await;
import com.example.wsapi.local.testing.JdkClient;
import com.example.wsapi.local.testing.ManualClock;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Connections that never complete a WebSocket handshake (or any request) are closed after
 * {@link HttpRequestTimeout#TIMEOUT}; HTTP clients that keep a connection alive between requests, and handshakes
 * waiting for {@code $connect}, are not. Raw sockets, so that the test sees exactly which TCP connection the gateway
 * closes; the gateway's clock is a manual one and each check runs when the test calls it.
 */
class GatewayHttpTimeoutIT extends GatewayTestBase {

    private static final Pattern CONTENT_LENGTH = Pattern.compile("(?im)^content-length:\\s*(\\d+)\\s*$");

    private final ManualClock clock = new ManualClock(Instant.parse("2024-02-09T18:11:43Z"));
    private Socket socket;

    @AfterEach
    void closeSocket() throws IOException {
        if (socket != null) {
            socket.close();
        }
    }

    private void startWithManualClock(RouteBinding... routes) {
        GatewaySettings base = settings(routes);
        // The integration timeout runs on real time: long enough that a handshake held by the test never times out.
        start(withTimeouts(base, base.idleTimeout(), base.maxLifetime(), Duration.ofSeconds(29)), clock);
    }

    private Socket open() {
        try {
            int before = gateway.httpConnectionCount();
            socket = new Socket(InetAddress.getLoopbackAddress(), gateway.port());
            socket.setSoTimeout(5000);
            // Connected is not yet accepted: the deadline starts when the gateway has the connection.
            Await.until("the gateway's accept", Duration.ofSeconds(5), () -> gateway.httpConnectionCount() > before);
            return socket;
        } catch (IOException e) {
            return fail(e);
        }
    }

    private void passTime(Duration duration) {
        clock.advance(duration);
        gateway.closeExpiredConnectionsNow();
    }

    private static void write(Socket socket, String text) {
        try {
            socket.getOutputStream().write(text.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One response: its head and, after it, as many bytes as its Content-Length says. */
    private static String readResponse(Socket socket) {
        try {
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
                int b = in.read();
                if (b < 0) {
                    return fail("the gateway closed the connection instead of answering; got: " + head);
                }
                head.write(b);
            }
            String text = head.toString(StandardCharsets.ISO_8859_1);
            Matcher length = CONTENT_LENGTH.matcher(text);
            return text + (length.find() ? new String(in.readNBytes(Integer.parseInt(length.group(1))),
                    StandardCharsets.UTF_8) : "");
        } catch (IOException e) {
            return fail(e);
        }
    }

    private static void assertClosedByGateway(Socket socket) {
        try {
            assertEquals(-1, socket.getInputStream().read(), "the gateway sent bytes instead of closing");
        } catch (SocketTimeoutException e) {
            fail("the gateway kept the connection open");
        } catch (IOException e) {
            // A reset is a close too.
        }
    }

    private static String upgradeRequest() {
        return "GET /" + STAGE + " HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n";
    }

    @Test
    void connectionThatSendsNothing_isClosedAfterTenSeconds() {
        startWithManualClock(CONNECT);
        Socket silent = open();

        passTime(HttpRequestTimeout.TIMEOUT);

        assertClosedByGateway(silent);
    }

    @Test
    void connectionThatSendsNothing_isStillServedJustBeforeTenSeconds() {
        startWithManualClock(CONNECT);
        Socket late = open();

        passTime(HttpRequestTimeout.TIMEOUT.minusMillis(1));
        write(late, "GET /" + STAGE + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");

        assertTrue(readResponse(late).startsWith("HTTP/1.1 426 "));
    }

    @Test
    void handshakeTrickledInPieces_isClosedTenSecondsAfterTheConnectionOpened() {
        startWithManualClock(CONNECT);
        Socket slow = open();
        String handshake = upgradeRequest();

        // Bytes keep coming, but the request is never whole: they do not put the deadline off.
        write(slow, handshake.substring(0, 40));
        passTime(Duration.ofSeconds(6));
        write(slow, handshake.substring(40, 80));
        passTime(Duration.ofSeconds(4));

        assertClosedByGateway(slow);
        assertTrue(functions.callsTo("connectFn").isEmpty());
    }

    @Test
    void keepAliveConnectionsClient_withARequestEveryFewSeconds_keepsItsConnection_untilIdleForTenSeconds() {
        startWithManualClock(CONNECT);
        JdkClient client = connect();
        String request = "GET " + connectionPath(connectionIdOfConnect(1)) + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
        Socket keepAlive = open();

        // A minute of a client polling GetConnection every 5 s, on one TCP connection.
        for (int i = 0; i < 12; i++) {
            write(keepAlive, request);
            String response = readResponse(keepAlive);
            assertTrue(response.startsWith("HTTP/1.1 200 "), "request " + i + ": " + response);
            passTime(Duration.ofSeconds(5));
        }
        passTime(HttpRequestTimeout.TIMEOUT.minusSeconds(5));

        assertClosedByGateway(keepAlive);
        assertFalse(client.isClosed(), "the WebSocket connection has its own idle timeout");
    }

    @Test
    void handshakeWaitingForConnect_isNotCut_andTheUpgradedConnectionIsNotCutEither() throws IOException {
        CompletableFuture<String> connectAnswer = new CompletableFuture<>();
        functions.on("connectFn", event -> connectAnswer);
        startWithManualClock(CONNECT);
        Socket waiting = open();

        write(waiting, upgradeRequest());
        functions.awaitCall("connectFn", 1);
        passTime(Duration.ofMinutes(1));
        connectAnswer.complete("{\"statusCode\":200}");

        assertTrue(readResponse(waiting).startsWith("HTTP/1.1 101 "));
        passTime(Duration.ofMinutes(1));
        // A masked ping without payload: the gateway's pong proves the WebSocket connection is still there.
        waiting.getOutputStream().write(new byte[] {(byte) 0x89, (byte) 0x80, 1, 2, 3, 4});
        assertArrayEquals(new byte[] {(byte) 0x8A, 0}, waiting.getInputStream().readNBytes(2));
    }
}
