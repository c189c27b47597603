package com.example.wsapi.local.gateway.integration;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.wsapi.local.testing.TestBackend;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/** The gateway's HTTP client against a real HTTP server, on an event loop of its own. */
class BackendHttpClientTest {

    @AutoClose
    final TestBackend backend = TestBackend.start();
    final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    final EventLoop loop = group.next();
    final BackendHttpClient client = new BackendHttpClient();

    @AfterEach
    void stop() {
        client.close();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private BackendRequest post(String path, String body) {
        return new BackendRequest("POST", URI.create(backend.url(path)), Map.of("X-Test", "1"),
                body == null ? null : body.getBytes(StandardCharsets.UTF_8));
    }

    private static <T> T await(CompletableFuture<T> future) throws Exception {
        return future.get(5, TimeUnit.SECONDS);
    }

    @Test
    void send_deliversMethodHeadersAndBody_andReturnsStatusHeadersAndBody() throws Exception {
        backend.on("/echo", request -> new TestBackend.Answer(201, Map.of("X-Answer", "yes"), request.body()));

        BackendResponse response = await(client.send(post("/echo", "héllo ✓"), loop));

        TestBackend.Request received = backend.awaitRequest("/echo", 1);
        assertEquals("POST", received.method());
        assertEquals("1", received.header("X-Test"));
        assertEquals("127.0.0.1:" + URI.create(backend.url("/")).getPort(), received.header("Host"));
        assertEquals(201, response.status());
        assertEquals("yes", response.header("x-answer"));
        assertArrayEquals("héllo ✓".getBytes(StandardCharsets.UTF_8), response.body());
    }

    @Test
    void aPostWithoutBody_saysContentLengthZero() throws Exception {
        await(client.send(post("/empty", null), loop));

        assertEquals("0", backend.awaitRequest("/empty", 1).header("Content-Length"));
    }

    @Test
    void requestsOneAfterAnother_reuseOneKeptAliveConnection() throws Exception {
        for (int i = 0; i < 3; i++) {
            await(client.send(post("/again", "n" + i), loop));
        }

        assertEquals(1, backend.requests("/again").stream().mapToInt(TestBackend.Request::clientPort).distinct().count());
    }

    @Test
    void aCancelledRequest_closesItsConnection_andTheNextOneGoesOverANewConnection() throws Exception {
        backend.hang("/stuck");
        CompletableFuture<BackendResponse> stuck = client.send(post("/stuck", "x"), loop);
        int stuckPort = backend.awaitRequest("/stuck", 1).clientPort();

        stuck.cancel(false);
        await(client.send(post("/after", "y"), loop));

        assertNotEquals(stuckPort, backend.awaitRequest("/after", 1).clientPort());
    }

    @Test
    void aBackendThatIsDown_failsNamingHostAndPort() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        BackendRequest request = new BackendRequest("POST", URI.create("http://127.0.0.1:" + port + "/x"), Map.of(),
                null);

        ExecutionException e = assertThrows(ExecutionException.class, () -> await(client.send(request, loop)));

        assertInstanceOf(BackendHttpClient.BackendException.class, e.getCause());
        assertTrue(e.getCause().getMessage().contains("cannot connect to 127.0.0.1:" + port), e.getCause().getMessage());
    }

    @Test
    void anAnswerLargerThanTheCap_fails() {
        byte[] huge = new byte[BackendHttpClient.MAX_RESPONSE_BYTES + 1];
        Arrays.fill(huge, (byte) 'x');
        backend.on("/huge", request -> new TestBackend.Answer(200, Map.of(), huge));

        ExecutionException e = assertThrows(ExecutionException.class, () -> await(client.send(post("/huge", ""), loop)));

        assertInstanceOf(BackendHttpClient.BackendException.class, e.getCause());
    }

    @Test
    void aHeaderValueWithALineBreak_isRefusedWithoutSendingAnything() {
        BackendRequest injected = new BackendRequest("POST", URI.create(backend.url("/inject")),
                Map.of("X-Room", "lobby\r\nX-Admin: true"), null);

        ExecutionException e = assertThrows(ExecutionException.class, () -> await(client.send(injected, loop)));

        assertTrue(e.getCause().getMessage().startsWith("cannot send the request"), e.getCause().getMessage());
        assertTrue(backend.requests("/inject").isEmpty());
    }

    @Test
    void aBackendByHostName_isResolvedAndReached() throws Exception {
        BackendRequest byName = new BackendRequest("GET",
                URI.create(backend.url("/named").replace("127.0.0.1", "localhost")), Map.of(), null);

        assertEquals(200, await(client.send(byName, loop)).status());
    }
}
