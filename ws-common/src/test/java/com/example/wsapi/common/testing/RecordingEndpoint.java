package com.example.wsapi.common.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiClient;

/**
 * A real HTTP endpoint on loopback that answers like the @connections API and records every request.
 * Connections marked gone answer 410 GoneException, as API Gateway does. Requests are served concurrently, so
 * it can tell how many posts were in flight at once. It owns an SDK client for its {@value #STAGE} stage and closes
 * it with itself, so a test can hold it in one field: {@code @AutoClose final RecordingEndpoint endpoint = start();}.
 */
public final class RecordingEndpoint implements AutoCloseable {

    /** One request as received. */
    public record Request(String method, String path, String connectionId, String body, String authorization) {}

    /** An error status answered a number of times (then the connection's normal answer again). */
    private static final class Countdown {
        final int status;
        final AtomicInteger remaining;

        Countdown(int status, int times) {
            this.status = status;
            this.remaining = new AtomicInteger(times);
        }
    }

    /** The stage of the URL the owned client posts to. */
    public static final String STAGE = "dev";

    private final HttpServer server;
    private final ExecutorService workers;
    private final ApiGatewayManagementApiClient client;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Map<String, Integer> statusByConnection = new ConcurrentHashMap<>();
    private final Map<String, Countdown> countdownByConnection = new ConcurrentHashMap<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();
    private volatile Duration responseDelay = Duration.ZERO;

    private RecordingEndpoint(HttpServer server, ExecutorService workers,
            Function<URI, ApiGatewayManagementApiClient> clients) {
        this.server = server;
        this.workers = workers;
        this.client = clients.apply(stageUrl(STAGE));
    }

    /** Started, with a client that keeps the SDK's default retries. */
    public static RecordingEndpoint start() {
        return start(RecordingEndpoint::clientFor);
    }

    /** Started, with a client making {@code sdkAttempts} attempts per call (see {@link #clientFor(URI, int)}). */
    public static RecordingEndpoint start(int sdkAttempts) {
        return start(url -> clientFor(url, sdkAttempts));
    }

    private static RecordingEndpoint start(Function<URI, ApiGatewayManagementApiClient> clients) {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("could not listen on a loopback port", e);
        }
        ExecutorService workers = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "recording-endpoint");
            thread.setDaemon(true);
            return thread;
        });
        RecordingEndpoint endpoint = new RecordingEndpoint(server, workers, clients);
        server.createContext("/", endpoint::handle);
        server.setExecutor(workers);
        server.start();
        return endpoint;
    }

    /** The SDK client this endpoint owns, posting to {@code stageUrl(STAGE)}; closed by {@link #close()}. */
    public ApiGatewayManagementApiClient client() {
        return client;
    }

    /** The base URL with a stage, as CONNECTIONS_ENDPOINT is configured. */
    public URI stageUrl(String stage) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/" + stage);
    }

    /** An SDK client for an endpoint, built like a function's but with dummy credentials. */
    public static ApiGatewayManagementApiClient clientFor(URI endpoint) {
        return ApiGatewayManagementApiClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    /**
     * A client whose SDK retries are known: {@code maxAttempts} attempts per call (throttling included), a few
     * milliseconds apart, no retry quota. For tests that count requests across the SDK's retries and their own.
     */
    public static ApiGatewayManagementApiClient clientFor(URI endpoint, int maxAttempts) {
        BackoffStrategy fast = BackoffStrategy.fixedDelayWithoutJitter(Duration.ofMillis(5));
        return ApiGatewayManagementApiClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder()
                        .maxAttempts(maxAttempts)
                        .backoffStrategy(fast)
                        .throttlingBackoffStrategy(fast)
                        .circuitBreakerEnabled(false)
                        .build()))
                .build();
    }

    public void markGone(String connectionId) {
        statusByConnection.put(connectionId, 410);
    }

    public void answer(String connectionId, int status) {
        statusByConnection.put(connectionId, status);
    }

    /** Answers {@code status} to the next {@code times} requests for the connection, then as before. */
    public void answer(String connectionId, int status, int times) {
        countdownByConnection.put(connectionId, new Countdown(status, times));
    }

    /** Holds every answer this long, so concurrent posts overlap. */
    public void delayResponses(Duration delay) {
        responseDelay = delay;
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    /** The bodies posted to one connection, in the order they arrived. */
    public List<String> bodiesFor(String connectionId) {
        return requests.stream().filter(r -> r.connectionId().equals(connectionId)).map(Request::body).toList();
    }

    /** The most requests that were being answered at the same time. */
    public int maxConcurrentRequests() {
        return maxInFlight.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
        try {
            String rawPath = exchange.getRequestURI().getRawPath();
            String rawId = rawPath.substring(rawPath.lastIndexOf('/') + 1);
            String connectionId = URLDecoder.decode(rawId, StandardCharsets.UTF_8);
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            requests.add(new Request(exchange.getRequestMethod(), rawPath, connectionId, body,
                    exchange.getRequestHeaders().getFirst("Authorization")));
            pause();
            respond(exchange, statusFor(connectionId));
        } finally {
            inFlight.decrementAndGet();
            exchange.close();
        }
    }

    private int statusFor(String connectionId) {
        Countdown countdown = countdownByConnection.get(connectionId);
        if (countdown != null && countdown.remaining.getAndDecrement() > 0) {
            return countdown.status;
        }
        return statusByConnection.getOrDefault(connectionId, 200);
    }

    private void pause() {
        if (!responseDelay.isZero()) {
            try {
                Thread.sleep(responseDelay.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void respond(HttpExchange exchange, int status) throws IOException {
        if (status == 200) {
            exchange.sendResponseHeaders(200, -1);
            return;
        }
        String type = switch (status) {
            case 410 -> "GoneException";
            case 413 -> "PayloadTooLargeException";
            case 429 -> "LimitExceededException";
            default -> "ForbiddenException";
        };
        byte[] error = ("{\"message\":\"" + type + "\"}").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("x-amzn-ErrorType", type);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, error.length);
        exchange.getResponseBody().write(error);
    }

    @Override
    public void close() {
        client.close();
        server.stop(0);
        workers.shutdownNow();
    }
}
