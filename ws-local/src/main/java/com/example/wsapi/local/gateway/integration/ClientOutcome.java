package com.example.wsapi.local.gateway.integration;

import com.google.gson.JsonObject;

/**
 * What the client gets from an integration's answer (the same for every integration type): for {@code $connect} the
 * handshake's fate, for a message the frame to send, if any.
 */
public final class ClientOutcome {

    static final String INTERNAL_SERVER_ERROR = "Internal server error";
    static final String TIMED_OUT = "Endpoint request timed out";

    private ClientOutcome() {}

    /** What {@code $connect}'s answer does to the handshake. */
    public sealed interface Handshake {}

    /** @param subprotocol the {@code Sec-WebSocket-Protocol} to answer with, or null */
    public record Accept(String subprotocol, String detail) implements Handshake {}

    /** @param jsonBody the response's body, or null for none (nothing of the backend's answer reaches the client) */
    public record Refuse(int status, String jsonBody, String detail) implements Handshake {}

    /** @param frame the text frame to send, or null for none; {@code outcome} is for the log */
    public record Reply(String frame, String outcome) {}

    /**
     * A 2xx accepts the handshake, with the subprotocol the backend chose (never one echoed by itself); any other
     * status refuses it with that status; a failure or a timeout refuses it with 502 (unconfirmed for timeouts).
     */
    public static Handshake handshake(IntegrationAnswer answer) {
        if (answer instanceof IntegrationAnswer.Answered answered) {
            if (answered.status() >= 200 && answered.status() < 300) {
                return new Accept(answered.subprotocol(), answered.detail());
            }
            return new Refuse(answered.status(), null, "$connect answered " + answered.status());
        }
        String what = answer instanceof IntegrationAnswer.TimedOut ? "$connect timed out: " : "$connect failed: ";
        return new Refuse(502, message(INTERNAL_SERVER_ERROR), what + answer.detail());
    }

    /**
     * A message's answer: the reply of a two-way route, nothing for a one-way route, and whatever the route, API
     * Gateway's error frame when the integration failed or timed out.
     */
    public static Reply reply(IntegrationAnswer answer, String connectionId, String requestId) {
        if (answer instanceof IntegrationAnswer.TimedOut timedOut) {
            return new Reply(errorFrame(TIMED_OUT, connectionId, requestId), "timed out: " + timedOut.detail());
        }
        if (answer instanceof IntegrationAnswer.Failed failed) {
            return new Reply(errorFrame(INTERNAL_SERVER_ERROR, connectionId, requestId), failed.detail());
        }
        IntegrationAnswer.Answered answered = (IntegrationAnswer.Answered) answer;
        return new Reply(answered.reply(), answered.reply() != null ? answered.detail() + ", reply sent"
                : answered.detail());
    }

    /** API Gateway's error frame, spacing included. */
    public static String errorFrame(String message, String connectionId, String requestId) {
        return "{\"message\": \"" + message + "\", \"connectionId\":\"" + connectionId + "\", \"requestId\":\""
                + requestId + "\"}";
    }

    /** {@code {"message":"..."}}, API Gateway's error body. */
    static String message(String message) {
        JsonObject body = new JsonObject();
        body.addProperty("message", message);
        return body.toString();
    }
}
