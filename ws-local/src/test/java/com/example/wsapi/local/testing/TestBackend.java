package com.example.wsapi.local.testing;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * A real HTTP backend on a free loopback port (the JDK's server) for integration tests: it records every request
 * byte for byte and answers as each test scripts, per path; unscripted paths answer 200 with an empty body, or, after
 * {@link #forwardTo}, are passed on to a real backend (a recording tap in front of it).
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

    private static final HttpClient FORWARDER = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    /** Headers the JDK's client sets itself and refuses to be given. */
    private static final Set<String> NOT_FORWARDED = Set.of("connection", "content-length", "expect", "host", "upgrade");

    private final HttpServer server;
    private final ExecutorService workers;
    private final Map<String, Function<Request, Answer>> behaviours = new ConcurrentHashMap<>();
    private volatile Function<Request, Answer> unscripted = request -> Answer.of(200, "");
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

    /**
     * Passes every unscripted request on to {@code baseUrl} (same method, path, query, headers and body) and answers
     * with the backend's status, Content-Type and body; a backend that cannot be reached answers 500.
     */
    public TestBackend forwardTo(String baseUrl) {
        unscripted = request -> forward(request, baseUrl);
        return this;
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
            Answer answer = behaviours.getOrDefault(request.path(), unscripted).apply(request);
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

    private static Answer forward(Request request, String baseUrl) {
        String query = request.query() == null ? "" : "?" + request.query();
        HttpRequest.Builder forwarded = HttpRequest.newBuilder(URI.create(baseUrl + request.path() + query))
                .method(request.method(), HttpRequest.BodyPublishers.ofByteArray(request.body()));
        request.headers().forEach((name, values) -> {
            if (!NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT))) {
                values.forEach(value -> forwarded.header(name, value));
            }
        });
        try {
            HttpResponse<byte[]> response = FORWARDER.send(forwarded.build(), HttpResponse.BodyHandlers.ofByteArray());
            Map<String, String> headers = response.headers().firstValue("Content-Type")
                    .map(type -> Map.of("Content-Type", type)).orElse(Map.of());
            return new Answer(response.statusCode(), headers, response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("could not forward to " + baseUrl, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
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
