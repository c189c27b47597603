package com.example.wsapi.local.gateway.integration;

import com.example.wsapi.local.json.StrictJson;
import com.example.wsapi.local.vtl.MappingInput;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import java.util.concurrent.CompletableFuture;

/**
 * {@code MOCK}: no backend. The request template renders {@code {"statusCode": N}}; N decides {@code $connect} and, on
 * a two-way route, selects the integration response {@code /N/} whose template, rendered exactly as written, is the
 * reply.
 */
final class MockIntegration implements Integration {

    private final String logicalId;
    private final RequestMapping requestMapping;
    private final ResponseMapping responseMapping;
    private final ApiStage api;

    MockIntegration(String logicalId, RequestMapping requestMapping, ResponseMapping responseMapping, ApiStage api) {
        this.logicalId = logicalId;
        this.requestMapping = requestMapping;
        this.responseMapping = responseMapping;
        this.api = api;
    }

    @Override
    public CompletableFuture<IntegrationAnswer> call(IntegrationRequest request) {
        IntegrationAnswer answer;
        try {
            int status = status(requestMapping.body(request, MappingContext.input(request, api, request.body(), "")));
            String reply = null;
            if (request.eventType() == IntegrationRequest.EventType.MESSAGE && request.twoWay()) {
                MappingInput input = MappingContext.input(request, api, "", String.valueOf(status));
                reply = responseMapping.reply(String.valueOf(status), input, null, status, request.body());
            }
            // Unconfirmed for $connect: a non-2xx statusCode refuses the handshake with it, as a proxy's status does.
            answer = new IntegrationAnswer.Answered(status, null, reply, "MOCK " + logicalId + " answered " + status);
        } catch (IntegrationFailure e) {
            answer = new IntegrationAnswer.Failed(e.getMessage());
        }
        return CompletableFuture.completedFuture(answer);
    }

    /** The {@code statusCode} the request template rendered; 200 when it rendered none (unconfirmed). */
    private static int status(String rendered) {
        JsonElement parsed = rendered == null ? null : StrictJson.parse(rendered.strip());
        JsonElement statusCode = parsed != null && parsed.isJsonObject() ? ((JsonObject) parsed).get("statusCode") : null;
        if (statusCode == null || statusCode.isJsonNull()) {
            return 200;
        }
        int status;
        try {
            status = statusCode.getAsInt();
        } catch (RuntimeException e) {
            throw new IntegrationFailure("the MOCK request template's statusCode is not a number");
        }
        if (status < 200 || status > 599) {
            throw new IntegrationFailure("the MOCK request template's statusCode " + status + " is not an HTTP status "
                    + "from 200 to 599");
        }
        return status;
    }
}
