package com.example.wsapi.local.gateway.integration;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;

/**
 * {@code HTTP_PROXY}: the backend receives the frame as the body, byte for byte ({@code $connect} and
 * {@code $disconnect}: no body), with API Gateway's headers, the client's WebSocket headers on {@code $connect}, and
 * the mapped parameters (the connection id only when mapped). Its status decides {@code $connect} (its
 * {@code Sec-WebSocket-Protocol} header the subprotocol); its body, as it is, is a two-way route's reply.
 */
final class HttpProxyIntegration implements Integration {

    private final HttpBackend backend;
    private final ApiStage api;

    HttpProxyIntegration(HttpBackend backend, ApiStage api) {
        this.backend = backend;
        this.api = api;
    }

    @Override
    public CompletableFuture<IntegrationAnswer> call(IntegrationRequest request) {
        // Unconfirmed for $disconnect: no body, as on $connect (only messages have one).
        byte[] body = request.body() == null ? null : request.body().getBytes(StandardCharsets.UTF_8);
        return backend.send(request, BackendHeaders.proxy(request, api), body, response -> {
            boolean connect = request.eventType() == IntegrationRequest.EventType.CONNECT;
            // Unconfirmed: a 4xx/5xx is an answer like any other (as a proxy function's statusCode); an empty body no frame.
            String reply = request.twoWay() && response.body().length > 0 ? response.bodyText() : null;
            // Unconfirmed: the subprotocol is the backend's Sec-WebSocket-Protocol header (a function's is its header).
            return new IntegrationAnswer.Answered(response.status(),
                    connect ? response.header("Sec-WebSocket-Protocol") : null, reply, HttpBackend.answered(response));
        });
    }
}
