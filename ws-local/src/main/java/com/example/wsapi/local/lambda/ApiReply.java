package com.example.wsapi.local.lambda;

import com.google.gson.JsonObject;
import io.netty.handler.codec.http.HttpResponseStatus;

/** The Runtime API's answer to a runtime's POST. */
record ApiReply(HttpResponseStatus status, String json) {

    static ApiReply ok() {
        return new ApiReply(HttpResponseStatus.OK, "{}");
    }

    static ApiReply accepted() {
        return new ApiReply(HttpResponseStatus.ACCEPTED, "{\"status\":\"OK\"}");
    }

    static ApiReply error(HttpResponseStatus status, String errorType, String errorMessage) {
        JsonObject body = new JsonObject();
        body.addProperty("errorMessage", errorMessage);
        body.addProperty("errorType", errorType);
        return new ApiReply(status, body.toString());
    }

    static ApiReply invalidRequestId(String requestId) {
        return error(HttpResponseStatus.BAD_REQUEST, "InvalidRequestID",
                "Invalid request ID: " + requestId + " is not an invocation awaiting this runtime's answer");
    }
}
