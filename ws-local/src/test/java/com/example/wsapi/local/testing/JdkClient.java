package com.example.wsapi.local.testing;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.fail;

/** A real WebSocket client (the JDK's) that queues what it receives. */
public final class JdkClient implements WebSocket.Listener {

    public static final Duration WAIT = Duration.ofSeconds(5);
    public static final Duration HANDSHAKE_WAIT = Duration.ofSeconds(30);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** A close frame received from the server. */
    public record Close(int code, String reason) {}

    private final BlockingQueue<String> messages = new LinkedBlockingQueue<>();
    private final BlockingQueue<ByteBuffer> pongs = new LinkedBlockingQueue<>();
    private final CompletableFuture<Close> closed = new CompletableFuture<>();
    private final StringBuilder partial = new StringBuilder();
    private WebSocket socket;

    /** Connects and completes the handshake; fails the test if the gateway refuses it. */
    public static JdkClient connect(URI uri) {
        return connect(uri, builder -> {});
    }

    public static JdkClient connect(URI uri, Consumer<WebSocket.Builder> customizer) {
        JdkClient client = new JdkClient();
        // The JDK's connect timeout covers the whole opening handshake, so it must be as generous as the wait.
        WebSocket.Builder builder = HTTP.newWebSocketBuilder().connectTimeout(HANDSHAKE_WAIT);
        customizer.accept(builder);
        try {
            // Generous: behind a real $connect the handshake waits for a function JVM's cold start.
            client.socket = builder.buildAsync(uri, client).get(HANDSHAKE_WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            return fail("the handshake with " + uri + " failed", e);
        }
        return client;
    }

    /** The HTTP status with which the gateway refuses a handshake; fails the test if it is accepted. */
    public static int refusedStatus(URI uri, Consumer<WebSocket.Builder> customizer) {
        return refusedStatus(uri, customizer, WAIT.multipliedBy(2));
    }

    /** As above, waiting at most {@code wait} for the answer (a real $connect may retry its calls first). */
    public static int refusedStatus(URI uri, Consumer<WebSocket.Builder> customizer, Duration wait) {
        WebSocket.Builder builder = HTTP.newWebSocketBuilder().connectTimeout(wait);
        customizer.accept(builder);
        try {
            WebSocket accepted = builder.buildAsync(uri, new JdkClient()).get(wait.toMillis(), TimeUnit.MILLISECONDS);
            accepted.abort();
            return fail("the handshake was accepted");
        } catch (ExecutionException e) {
            WebSocketHandshakeException refused = assertInstanceOf(WebSocketHandshakeException.class, e.getCause());
            return refused.getResponse().statusCode();
        } catch (InterruptedException | TimeoutException e) {
            return fail("no answer to the handshake", e);
        }
    }

    public static int refusedStatus(URI uri) {
        return refusedStatus(uri, builder -> {});
    }

    public WebSocket socket() {
        return socket;
    }

    public void send(String text) {
        join(socket.sendText(text, true));
    }

    /** The next whole text message, failing the test after 5 s. */
    public String nextMessage() {
        return nextMessage(WAIT);
    }

    /** The next whole text message, failing the test after {@code wait}. */
    public String nextMessage(Duration wait) {
        try {
            String message = messages.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
            return message != null ? message : fail("no message within " + wait);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A message received within {@code millis}, or null. */
    public String pollMessage(long millis) {
        try {
            return messages.poll(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    public ByteBuffer nextPong() {
        try {
            ByteBuffer pong = pongs.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            return pong != null ? pong : fail("no pong within " + WAIT);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The server's close frame, failing the test if none comes within {@code wait}. */
    public Close awaitClose(Duration wait) {
        try {
            return closed.get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            return fail("the server did not close the connection within " + wait, e);
        }
    }

    public Close awaitClose() {
        return awaitClose(WAIT);
    }

    public boolean isClosed() {
        return closed.isDone();
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            messages.add(partial.toString());
            partial.setLength(0);
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onPong(WebSocket webSocket, ByteBuffer message) {
        pongs.add(message);
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closed.complete(new Close(statusCode, reason));
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closed.completeExceptionally(error);
    }

    public static <T> T join(CompletableFuture<T> future) {
        try {
            return future.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            return fail(e);
        }
    }
}
