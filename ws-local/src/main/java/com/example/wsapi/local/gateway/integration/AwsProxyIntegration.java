package com.example.wsapi.local.gateway.integration;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * {@code AWS_PROXY}: the function receives API Gateway's Lambda proxy event and answers {@code {statusCode, headers,
 * body}}: the statusCode decides {@code $connect} (with {@code Sec-WebSocket-Protocol} from its headers), the body
 * string is a two-way route's reply, whatever the statusCode.
 */
final class AwsProxyIntegration implements Integration {

    private final FunctionInvoker invoker;
    private final String function;
    private final Duration timeout;

    AwsProxyIntegration(FunctionInvoker invoker, String function, Duration timeout) {
        this.invoker = invoker;
        this.function = function;
        this.timeout = timeout;
    }

    @Override
    public CompletableFuture<IntegrationAnswer> call(IntegrationRequest request) {
        return Deadline.answer(() -> invoker.invoke(function, request.lambdaProxyEvent().get()), timeout,
                request.loop(), function,
                response -> answer(request, response),
                failure -> new IntegrationAnswer.Failed("function failed: " + Deadline.rootMessage(failure)));
    }

    private static IntegrationAnswer answer(IntegrationRequest request, String response) {
        switch (request.eventType()) {
            case CONNECT: {
                JsonObject answer = asObject(response);
                Integer status = answer == null ? null : statusCode(answer.get("statusCode"));
                if (status == null) {
                    // Like API Gateway, a proxy response without a statusCode is an integration failure.
                    return new IntegrationAnswer.Failed("answered without a numeric statusCode");
                }
                return new IntegrationAnswer.Answered(status, subprotocol(answer), null, "ok");
            }
            case MESSAGE:
                if (!request.twoWay()) {
                    return new IntegrationAnswer.Answered(200, null, null, "ok");
                }
                try {
                    String body = responseBody(response);
                    return new IntegrationAnswer.Answered(200, null, body, body != null ? "ok" : "ok, no body to send");
                } catch (IllegalArgumentException malformed) {
                    // Our choice: a response that is not {statusCode, body} is an integration failure.
                    return new IntegrationAnswer.Failed("malformed response: " + malformed.getMessage());
                }
            default:
                return new IntegrationAnswer.Answered(200, null, null, "ok");
        }
    }

    /** The {@code body} of a proxy response, null when there is none; throws when the response is not an object. */
    private static String responseBody(String response) {
        JsonElement parsed;
        try {
            parsed = response == null ? null : JsonParser.parseString(response);
        } catch (JsonParseException e) {
            throw new IllegalArgumentException("the response is not JSON");
        }
        if (parsed == null || parsed.isJsonNull()) {
            return null;
        }
        if (!parsed.isJsonObject()) {
            throw new IllegalArgumentException("the response is not a JSON object with statusCode and body");
        }
        JsonElement body = ((JsonObject) parsed).get("body");
        if (body == null || body.isJsonNull()) {
            return null;
        }
        if (!body.isJsonPrimitive() || !body.getAsJsonPrimitive().isString()) {
            throw new IllegalArgumentException("the response's body is not a string");
        }
        return body.getAsString();
    }

    private static JsonObject asObject(String json) {
        try {
            JsonElement parsed = json == null ? null : JsonParser.parseString(json);
            return parsed != null && parsed.isJsonObject() ? parsed.getAsJsonObject() : null;
        } catch (JsonParseException e) {
            return null;
        }
    }

    /** A proxy response's statusCode, a number or a numeric string; null when absent or not a valid status. */
    private static Integer statusCode(JsonElement element) {
        if (element == null || !element.isJsonPrimitive()) {
            return null;
        }
        try {
            int status = Integer.parseInt(element.getAsString().trim());
            return status >= 200 && status <= 599 ? status : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** {@code Sec-WebSocket-Protocol} from the $connect response's {@code headers}, matched without regard to case. */
    private static String subprotocol(JsonObject answer) {
        JsonElement headers = answer.get("headers");
        if (headers == null || !headers.isJsonObject()) {
            return null;
        }
        for (Map.Entry<String, JsonElement> header : headers.getAsJsonObject().entrySet()) {
            if (header.getKey().equalsIgnoreCase("Sec-WebSocket-Protocol") && header.getValue().isJsonPrimitive()) {
                return header.getValue().getAsString();
            }
        }
        return null;
    }
}
