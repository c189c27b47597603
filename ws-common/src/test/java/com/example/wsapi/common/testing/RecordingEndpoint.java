package com.example.wsapi.common.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiClient;

/**
 * A real HTTP endpoint on loopback that answers like the @connections API and records every request.
 * Connections marked gone answer 410 GoneException, as API Gateway does.
 */
public final class RecordingEndpoint implements AutoCloseable {

    /** One request as received. */
    public record Request(String method, String path, String connectionId, String body, String authorization) {}

    private final HttpServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Map<String, Integer> statusByConnection = new ConcurrentHashMap<>();

    private RecordingEndpoint(HttpServer server) {
        this.server = server;
    }

    public static RecordingEndpoint start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        RecordingEndpoint endpoint = new RecordingEndpoint(server);
        server.createContext("/", endpoint::handle);
        server.start();
        return endpoint;
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

    public void markGone(String connectionId) {
        statusByConnection.put(connectionId, 410);
    }

    public void answer(String connectionId, int status) {
        statusByConnection.put(connectionId, status);
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String rawPath = exchange.getRequestURI().getRawPath();
        String rawId = rawPath.substring(rawPath.lastIndexOf('/') + 1);
        String connectionId = URLDecoder.decode(rawId, StandardCharsets.UTF_8);
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        requests.add(new Request(exchange.getRequestMethod(), rawPath, connectionId, body,
                exchange.getRequestHeaders().getFirst("Authorization")));
        int status = statusByConnection.getOrDefault(connectionId, 200);
        if (status == 200) {
            exchange.sendResponseHeaders(200, -1);
        } else {
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
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
