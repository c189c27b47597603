package com.example.wsapi.local.lambda;

import java.util.Objects;

/** Why an invocation produced no response payload, in the terms Lambda reports it. */
public final class FunctionFailure extends RuntimeException {

    /** How the invocation failed. */
    public enum Kind {
        /** The handler threw: the runtime posted {@code /invocation/{id}/error}. */
        HANDLED_ERROR,
        /** The function ran past its timeout; its process was killed. */
        TIMEOUT,
        /** The function's process exited while handling the invocation. */
        CRASH,
        /** The function could not start: {@code /init/error}, or its process exited (or hung) before asking for work. */
        INIT_ERROR
    }

    private final String functionName;
    private final Kind kind;
    private final String errorType;
    private final String errorMessage;
    private final String errorJson;

    /**
     * @param errorJson the error document as Lambda's Invoke API returns it (what the runtime posted, or Lambda's own
     *                  {@code {"errorType":...,"errorMessage":...}} for timeouts and crashes)
     */
    public FunctionFailure(String functionName, Kind kind, String errorType, String errorMessage, String errorJson) {
        super(functionName + " failed (" + kind + "): " + errorType + ": " + errorMessage, null, false, false);
        this.functionName = Objects.requireNonNull(functionName, "functionName");
        this.kind = Objects.requireNonNull(kind, "kind");
        this.errorType = Objects.requireNonNull(errorType, "errorType");
        this.errorMessage = Objects.requireNonNull(errorMessage, "errorMessage");
        this.errorJson = Objects.requireNonNull(errorJson, "errorJson");
    }

    public String functionName() {
        return functionName;
    }

    public Kind kind() {
        return kind;
    }

    /** e.g. {@code java.lang.IllegalStateException}, {@code Sandbox.Timedout}, {@code Runtime.ExitError}. */
    public String errorType() {
        return errorType;
    }

    public String errorMessage() {
        return errorMessage;
    }

    public String errorJson() {
        return errorJson;
    }
}
