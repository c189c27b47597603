package com.example.wsapi.local.gateway;

import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Calls a function through the {@link FunctionInvoker} and completes on a channel's event loop. */
final class Invocation {

    private Invocation() {}

    /**
     * Invokes {@code functionName}; the returned future completes on {@code loop} with the response, or
     * exceptionally with the invoker's failure or an {@link IntegrationTimeoutException} after {@code timeout}, when
     * the invoker's future is cancelled (an invocation already running runs on, as a Lambda does).
     */
    static CompletableFuture<String> invoke(FunctionInvoker invoker, String functionName, String eventJson,
                                            Duration timeout, EventLoop loop) {
        CompletableFuture<String> result = new CompletableFuture<>();
        CompletableFuture<String> invoked;
        try {
            invoked = invoker.invoke(functionName, eventJson);
            if (invoked == null) {
                invoked = CompletableFuture.failedFuture(new IllegalStateException("the invoker returned no future"));
            }
        } catch (RuntimeException e) {
            invoked = CompletableFuture.failedFuture(e);
        }
        CompletableFuture<String> call = invoked;
        ScheduledFuture<?> timer = loop.schedule(() -> {
            result.completeExceptionally(new IntegrationTimeoutException(
                    functionName + " did not answer within " + timeout.toMillis() + " ms"));
            // The gateway has given up: an invocation still waiting for an instance must not run (and answer) later.
            call.cancel(false);
        }, timeout.toNanos(), TimeUnit.NANOSECONDS);
        call.whenComplete((response, failure) -> {
            Runnable complete = () -> {
                timer.cancel(false);
                if (failure != null) {
                    result.completeExceptionally(failure);
                } else {
                    result.complete(response);
                }
            };
            if (loop.inEventLoop()) {
                complete.run();
            } else {
                try {
                    loop.execute(complete);
                } catch (RejectedExecutionException shutDown) {
                    complete.run();
                }
            }
        });
        return result;
    }

    /** Whether a failure is the gateway's integration timeout rather than the function's own error. */
    static boolean isTimeout(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof IntegrationTimeoutException) {
                return true;
            }
        }
        return false;
    }

    /** The integration did not answer within the integration timeout. */
    static final class IntegrationTimeoutException extends TimeoutException {
        IntegrationTimeoutException(String message) {
            super(message);
        }
    }
}
