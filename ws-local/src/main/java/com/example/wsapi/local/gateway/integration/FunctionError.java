package com.example.wsapi.local.gateway.integration;

import com.google.gson.JsonObject;

import java.util.Objects;

/**
 * A function's error as Lambda reports it: the failure of a {@link FunctionInvoker} call when the function threw,
 * crashed or timed out. Its message is the {@code errorMessage}.
 */
public final class FunctionError extends RuntimeException {

    private final String errorType;
    private final String errorJson;

    /** @param errorJson the error document, {@code {"errorMessage":...,"errorType":...,...}} */
    public FunctionError(String errorType, String errorMessage, String errorJson, Throwable cause) {
        super(Objects.requireNonNull(errorMessage, "errorMessage"), cause, false, false);
        this.errorType = Objects.requireNonNull(errorType, "errorType");
        this.errorJson = Objects.requireNonNull(errorJson, "errorJson");
    }

    /** An error document of just {@code errorMessage} and {@code errorType}, as Lambda writes its own errors. */
    public static FunctionError of(String errorType, String errorMessage) {
        JsonObject document = new JsonObject();
        document.addProperty("errorMessage", errorMessage);
        document.addProperty("errorType", errorType);
        return new FunctionError(errorType, errorMessage, document.toString(), null);
    }

    public String errorMessage() {
        return getMessage();
    }

    public String errorType() {
        return errorType;
    }

    public String errorJson() {
        return errorJson;
    }
}
