package com.example.wsapi.local.lambda;

import com.google.gson.JsonObject;
import java.util.Objects;

/**
 * Lambda refused to run an invocation: the function's ReservedConcurrentExecutions were all taken (events running or
 * waiting for an instance), or are 0. Lambda's Invoke answers 429 {@code TooManyRequestsException} and the function
 * never sees the event. Not a {@link FunctionFailure}: there is no function error, nothing ran.
 */
public final class FunctionThrottled extends RuntimeException {

    /** Lambda's error type for a throttled Invoke (HTTP 429). */
    public static final String ERROR_TYPE = "TooManyRequestsException";
    /** The message of Lambda's 429 answer. */
    public static final String LAMBDA_MESSAGE = "Rate Exceeded.";

    private final String functionName;
    private final int reservedConcurrency;

    public FunctionThrottled(String functionName, int reservedConcurrency) {
        super(message(functionName, reservedConcurrency), null, false, false);
        this.functionName = Objects.requireNonNull(functionName, "functionName");
        this.reservedConcurrency = reservedConcurrency;
    }

    private static String message(String functionName, int reserved) {
        return functionName + " throttled: " + reason(reserved) + (reserved == 0 ? "" : " (" + reserved
                + (reserved == 1 ? " event" : " events") + " of it running or waiting for an instance)")
                + "; Lambda answers the Invoke with 429 " + ERROR_TYPE + " \"" + LAMBDA_MESSAGE
                + "\" and does not run the function";
    }

    private static String reason(int reserved) {
        return "ReservedConcurrentExecutions " + reserved + (reserved == 0 ? " (no event may run)" : " reached");
    }

    public String functionName() {
        return functionName;
    }

    public int reservedConcurrency() {
        return reservedConcurrency;
    }

    /**
     * Why, in a few words: {@code ReservedConcurrentExecutions 1 reached}, or for 0
     * {@code ReservedConcurrentExecutions 0 (no event may run)}.
     */
    public String reason() {
        return reason(reservedConcurrency);
    }

    /** The body of Lambda's 429 answer to Invoke. */
    public String lambdaAnswer() {
        JsonObject body = new JsonObject();
        body.addProperty("Reason", "ReservedFunctionConcurrentInvocationLimitExceeded");
        body.addProperty("Type", "User");
        body.addProperty("message", LAMBDA_MESSAGE);
        return body.toString();
    }

    /** What to do about it, for a log line's advice. */
    public String advice() {
        return "raise " + functionName + "'s ReservedConcurrentExecutions in the template, or remove it"
                + (reservedConcurrency == 0 ? "" : ", or send fewer events at once");
    }
}
