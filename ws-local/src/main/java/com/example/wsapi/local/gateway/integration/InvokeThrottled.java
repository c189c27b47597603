package com.example.wsapi.local.gateway.integration;

import java.util.Objects;

/**
 * Lambda throttled the invoke (429 {@code TooManyRequestsException}): the function never ran. For API Gateway an
 * integration failure, not a function error: no integration response pattern sees it, and nothing retries it.
 */
public final class InvokeThrottled extends RuntimeException {

    private final String reason;
    private final String advice;

    /**
     * @param message what happened, for the log: the function, why it was throttled and what Lambda answered
     * @param reason  the few words the gateway's log line shows, e.g. {@code ReservedConcurrentExecutions 1 reached}
     * @param advice  what the person can do
     */
    public InvokeThrottled(String message, String reason, String advice, Throwable cause) {
        super(Objects.requireNonNull(message, "message"), cause, false, false);
        this.reason = Objects.requireNonNull(reason, "reason");
        this.advice = Objects.requireNonNull(advice, "advice");
    }

    public String reason() {
        return reason;
    }

    public String advice() {
        return advice;
    }

    /** An integration's answer to a failed invoke: a throttle said as one, anything else as the function's failure. */
    static IntegrationAnswer.Failed failed(Throwable failure) {
        if (failure instanceof InvokeThrottled throttled) {
            // Unconfirmed for WebSocket APIs: a throttle fails as any integration (REST APIs answer 500 for it).
            return new IntegrationAnswer.Failed("throttled: " + throttled.reason(), throttled.getMessage() + "; "
                    + throttled.advice());
        }
        return new IntegrationAnswer.Failed("function failed: " + Deadline.rootMessage(failure));
    }
}
