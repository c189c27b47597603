package com.example.wsapi.local.testing;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * A real HTTP backend on a free loopback port (the JDK's server) for integration tests: it records every request
 * byte for byte and answers as each test scripts, per path; unscripted paths answer 200 with an empty body.
 * Requests are served concurrently, so one that never answers holds up no other.
 */
public final class TestBackend implements AutoCloseable {

    /**
     * One request as received; header names are matched without regard to case.
     *
     * @param clientPort the port the request came from: requests over one kept-alive connection share it
     */
    public record Request(String method, String path, String query, Headers headers, byte[] body, int clientPort) {
        public String header(String name) {
            return headers.getFirst(name);
        }

        public String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** What the backend answers. */
    public record Answer(int status, Map<String, String> headers, byte[] body) {
        public static Answer of(int status, String body) {
            return new Answer(status, Map.of(), body.getBytes(StandardCharsets.UTF_8));
        }
    }

    private final HttpServer server;
    private final ExecutorService workers;
    private final Map<String, Function<Request, Answer>> behaviours = new ConcurrentHashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    /** Released on close: what the requests that never answer wait for. */
    private final CountDownLatch closing = new CountDownLatch(1);

    private TestBackend(HttpServer server, ExecutorService workers) {
        this.server = server;
        this.workers = workers;
    }

    public static TestBackend start() {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("could not listen on a loopback port", e);
        }
        ExecutorService workers = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "test-backend");
            thread.setDaemon(true);
            return thread;
        });
        TestBackend backend = new TestBackend(server, workers);
        server.createContext("/", backend::handle);
        server.setExecutor(workers);
        server.start();
        return backend;
    }

    /** {@code http://127.0.0.1:<port><path>}. */
    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    public TestBackend on(String path, Function<Request, Answer> behaviour) {
        behaviours.put(path, behaviour);
        return this;
    }

    public TestBackend answer(String path, int status, String body) {
        return on(path, request -> Answer.of(status, body));
    }

    /** Requests to this path are read and recorded, then never answered (until the backend closes). */
    public TestBackend hang(String path) {
        return on(path, request -> {
            try {
                closing.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return null;
        });
    }

    public List<Request> requests(String path) {
        List<Request> matching = new ArrayList<>();
        for (Request request : requests) {
            if (request.path().equals(path)) {
                matching.add(request);
            }
        }
        return matching;
    }

    /** The {@code n}-th request (1-based) to this path, waiting at most 5 s for it. */
    public Request awaitRequest(String path, int n) {
        Await.until(n + " requests to " + path, Duration.ofSeconds(5), () -> requests(path).size() >= n);
        return requests(path).get(n - 1);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try {
            byte[] body = exchange.getRequestBody().readAllBytes();
            Request request = new Request(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                    exchange.getRequestURI().getRawQuery(), exchange.getRequestHeaders(), body,
                    exchange.getRemoteAddress().getPort());
            requests.add(request);
            Answer answer = behaviours.getOrDefault(request.path(), r -> Answer.of(200, "")).apply(request);
            if (answer == null) {
                return; // the backend closed while the request waited: no answer
            }
            answer.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
            exchange.sendResponseHeaders(answer.status(), answer.body().length == 0 ? -1 : answer.body().length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer.body());
            }
        } catch (RuntimeException e) {
            // A broken script answers 500 naming the failure, so the test sees it.
            byte[] message = ("test backend failed: " + e).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(500, message.length);
            exchange.getResponseBody().write(message);
        } finally {
            exchange.close();
        }
    }

    /** Stops listening; the requests that never answered end without an answer. */
    @Override
    public void close() {
        closing.countDown();
        server.stop(0);
        workers.shutdownNow();
    }
}
