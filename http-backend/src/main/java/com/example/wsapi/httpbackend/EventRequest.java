package com.example.wsapi.httpbackend;

import com.example.wsapi.common.Json;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;

/**
 * The JSON an HTTP integration's request template renders (http-backend/template.yaml), e.g.
 * {@code {"connection_id":"L0SM9cOFvHcCIhw=","request_time_epoch":1795250537112,"body":"hello"}}.
 *
 * @param connectionId     connection_id (required)
 * @param connectedAt      connected_at, epoch millis of the handshake, or 0 when not sent
 * @param requestTimeEpoch request_time_epoch, epoch millis when API Gateway received the frame, or 0 when not sent
 * @param sourceIp         source_ip, or null when not sent or empty
 * @param userAgent        user_agent, or null when not sent or empty
 * @param frame            body: the client's frame, or null when not sent. A JSON string is the frame's text (the
 *                         template escapes the frame into one, so any frame fits); any other JSON value stands for
 *                         itself, so templates that splice {@code $input.body} in raw work too.
 */
record EventRequest(String connectionId, long connectedAt, long requestTimeEpoch, String sourceIp, String userAgent,
                    String frame) {

    static final String CONNECTION_ID = "connection_id";
    static final String CONNECTED_AT = "connected_at";
    static final String REQUEST_TIME_EPOCH = "request_time_epoch";
    static final String SOURCE_IP = "source_ip";
    static final String USER_AGENT = "user_agent";
    static final String BODY = "body";

    static EventRequest parse(String text) {
        JsonObject json = Json.parseObject(text).orElseThrow(() -> BadRequestException.badRequest(
                Json.nestsTooDeep(text) ? "the body nests more than " + Json.MAX_NESTING + " levels deep"
                        : "the body is not a JSON object: expected what the integration's request template renders, "
                        + "e.g. {\"connection_id\":\"$context.connectionId\"}"));
        return new EventRequest(
                ConnectionIds.require(text(json, CONNECTION_ID), '"' + CONNECTION_ID + '"',
                        "the request template must send {\"connection_id\":\"$context.connectionId\", ...}"),
                epochMillis(json, CONNECTED_AT),
                epochMillis(json, REQUEST_TIME_EPOCH),
                emptyToNull(text(json, SOURCE_IP)),
                emptyToNull(text(json, USER_AGENT)),
                frame(json.get(BODY)));
    }

    /** The frame, for the endpoints that handle one. */
    String requireFrame() {
        if (frame == null) {
            throw BadRequestException.badRequest("\"" + BODY + "\" is missing: the request template must send the "
                    + "frame as a string, as http-backend/template.yaml does");
        }
        return frame;
    }

    private static String frame(JsonElement body) {
        if (body == null || body.isJsonNull()) {
            return null;
        }
        return isString(body) ? body.getAsString() : Json.toJson(body);
    }

    private static String text(JsonObject json, String field) {
        JsonElement value = json.get(field);
        if (value == null || value.isJsonNull()) {
            return null;
        }
        if (!isString(value)) {
            throw BadRequestException.badRequest("\"" + field + "\" must be a string");
        }
        return value.getAsString();
    }

    /** A number, or a string of digits (a template may quote it); absent is 0. */
    private static long epochMillis(JsonObject json, String field) {
        JsonElement value = json.get(field);
        if (value == null || value.isJsonNull()) {
            return 0;
        }
        try {
            if (value.isJsonPrimitive() && (value.getAsJsonPrimitive().isNumber() || isString(value))) {
                long millis = Long.parseLong(value.getAsString().trim());
                if (millis >= 0) {
                    return millis;
                }
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw BadRequestException.badRequest("\"" + field + "\" must be epoch milliseconds (a whole number)");
    }

    private static boolean isString(JsonElement value) {
        return value.isJsonPrimitive() && ((JsonPrimitive) value).isString();
    }

    private static String emptyToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }
}
