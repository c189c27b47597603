package com.example.wsapi.local.gateway.integration;

import com.example.wsapi.local.json.StrictJson;
import com.example.wsapi.local.log.LogQuote;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

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
                InvokeThrottled::failed);
    }

    private IntegrationAnswer answer(IntegrationRequest request, String response) {
        switch (request.eventType()) {
            case CONNECT: {
                try {
                    JsonObject answer = connectResponse(response);
                    return new IntegrationAnswer.Answered(statusCode(answer), subprotocol(answer), null, "ok");
                } catch (IllegalArgumentException malformed) {
                    // Like API Gateway, a proxy response without a statusCode is an integration failure.
                    return malformed(malformed.getMessage(), response);
                }
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
                    return malformed(malformed.getMessage(), response);
                }
            default:
                return new IntegrationAnswer.Answered(200, null, null, "ok");
        }
    }

    /**
     * The function ran and answered something a proxy integration cannot use: the advice quotes the start of it (the
     * function may have written no line at all, so its lines need not say why).
     */
    private IntegrationAnswer.Failed malformed(String what, String response) {
        return new IntegrationAnswer.Failed("malformed response: " + what, function + " returned " + LogQuote.of(response)
                + ": a Lambda proxy integration's function returns a JSON object such as {\"statusCode\": 200, "
                + "\"body\": \"...\"}");
    }

    /** A $connect response: a JSON object with a statusCode; throws saying what is wrong with it otherwise. */
    private static JsonObject connectResponse(String response) {
        JsonElement parsed = response == null ? null : StrictJson.parse(response);
        if (response != null && parsed == null) {
            throw new IllegalArgumentException("the response is not JSON");
        }
        if (parsed == null || !parsed.isJsonObject()) {
            throw new IllegalArgumentException("the response is not a JSON object with a statusCode");
        }
        JsonObject answer = parsed.getAsJsonObject();
        if (answer.get("statusCode") == null || answer.get("statusCode").isJsonNull()) {
            throw new IllegalArgumentException("the response has no statusCode");
        }
        statusCode(answer);
        return answer;
    }

    /** The {@code body} of a proxy response, null when there is none; throws when the response is not an object. */
    private static String responseBody(String response) {
        JsonElement parsed = response == null ? null : StrictJson.parse(response);
        if (response != null && parsed == null) {
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

    /** A proxy response's statusCode, a number or a numeric string; throws when it is not a valid status. */
    private static int statusCode(JsonObject answer) {
        JsonElement element = answer.get("statusCode");
        try {
            int status = element.isJsonPrimitive() ? Integer.parseInt(element.getAsString().trim()) : -1;
            if (status >= 200 && status <= 599) {
                return status;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new IllegalArgumentException("the response's statusCode is not a number from 200 to 599");
    }

    /**
     * {@code Sec-WebSocket-Protocol} from the $connect response's {@code headers}, matched without regard to case;
     * {@code multiValueHeaders} are not read (unconfirmed: whether API Gateway reads them there).
     */
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
