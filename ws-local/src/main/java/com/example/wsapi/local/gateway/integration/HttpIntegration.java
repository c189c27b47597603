package com.example.wsapi.local.gateway.integration;

import com.example.wsapi.local.vtl.MappingInput;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;

/**
 * {@code HTTP}: the backend receives the request template picked for the request, rendered (or the frame passed
 * through), with API Gateway's headers and the mapped parameters. Its status decides {@code $connect}; on a two-way
 * route the integration response that its status selects renders the reply.
 */
final class HttpIntegration implements Integration {

    private final HttpBackend backend;
    private final RequestMapping requestMapping;
    private final ResponseMapping responseMapping;
    private final ApiStage api;

    HttpIntegration(HttpBackend backend, RequestMapping requestMapping, ResponseMapping responseMapping, ApiStage api) {
        this.backend = backend;
        this.requestMapping = requestMapping;
        this.responseMapping = responseMapping;
        this.api = api;
    }

    @Override
    public CompletableFuture<IntegrationAnswer> call(IntegrationRequest request) {
        String body;
        try {
            body = requestMapping.body(request, MappingContext.input(request, api, request.body(), ""));
        } catch (IntegrationFailure e) {
            return CompletableFuture.completedFuture(new IntegrationAnswer.Failed(e.getMessage()));
        }
        byte[] bytes = body == null ? null : body.getBytes(StandardCharsets.UTF_8);
        return backend.send(request, BackendHeaders.base(request, api), bytes, response -> {
            String detail = HttpBackend.answered(response);
            if (request.eventType() == IntegrationRequest.EventType.CONNECT) {
                // Unconfirmed: a non-2xx refuses the handshake with that status, and the subprotocol is the
                // backend's Sec-WebSocket-Protocol header, as with HTTP_PROXY.
                return new IntegrationAnswer.Answered(response.status(), response.header("Sec-WebSocket-Protocol"),
                        null, detail);
            }
            if (!request.twoWay()) {
                // Unconfirmed: a 4xx/5xx on a one-way route sends nothing, as a 2xx; on a two-way one it selects a response.
                return new IntegrationAnswer.Answered(response.status(), null, null, detail);
            }
            String status = String.valueOf(response.status());
            MappingInput input = MappingContext.input(request, api, response.bodyText(), status);
            String reply = responseMapping.reply(status, input, response, response.status(), request.body());
            return new IntegrationAnswer.Answered(response.status(), null, reply, detail);
        });
    }
}
