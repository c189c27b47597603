package com.example.wsapi.local.gateway.integration;

import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;

import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Supplier;

/** Runs a backend call under a timeout, completing on a connection's event loop. */
public final class Deadline {

    private Deadline() {}

    /**
     * Starts {@code work}; the returned future completes on {@code loop} with its result, or exceptionally with its
     * failure or an {@link IntegrationTimeoutException} after {@code timeout}, when {@code work}'s future is cancelled
     * (so that the backend call stops: a queued invocation never runs, an HTTP request's connection is closed).
     *
     * @param what names the call in the timeout's message, e.g. the function's name
     */
    public static <T> CompletableFuture<T> within(Supplier<CompletableFuture<T>> work, Duration timeout, EventLoop loop,
                                                  String what) {
        CompletableFuture<T> result = new CompletableFuture<>();
        CompletableFuture<T> started;
        try {
            started = work.get();
            if (started == null) {
                started = CompletableFuture.failedFuture(new IllegalStateException(what + " returned no future"));
            }
        } catch (RuntimeException e) {
            started = CompletableFuture.failedFuture(e);
        }
        CompletableFuture<T> call = started;
        ScheduledFuture<?> timer = loop.schedule(() -> {
            result.completeExceptionally(new IntegrationTimeoutException(
                    what + " did not answer within " + timeout.toMillis() + " ms"));
            // The gateway has given up: the call must not run (or answer) later.
            call.cancel(false);
        }, timeout.toNanos(), TimeUnit.NANOSECONDS);
        call.whenComplete((value, failure) -> {
            Runnable complete = () -> {
                timer.cancel(false);
                if (failure != null) {
                    result.completeExceptionally(failure);
                } else {
                    result.complete(value);
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

    /**
     * An integration's backend call under its timeout, as an answer: the result through {@code onResult}, a failure
     * through {@code onFailure}, the timeout as {@link IntegrationAnswer.TimedOut}; an exception of either function
     * as {@link IntegrationAnswer.Failed}. Completes on {@code loop}, never exceptionally.
     */
    static <T> CompletableFuture<IntegrationAnswer> answer(Supplier<CompletableFuture<T>> backend, Duration timeout,
                                                           EventLoop loop, String what,
                                                           Function<T, IntegrationAnswer> onResult,
                                                           Function<Throwable, IntegrationAnswer> onFailure) {
        return within(backend, timeout, loop, what).handle((value, failure) -> {
            try {
                if (failure != null && isTimeout(failure)) {
                    return new IntegrationAnswer.TimedOut(rootMessage(failure));
                }
                return failure != null ? onFailure.apply(unwrap(failure)) : onResult.apply(value);
            } catch (RuntimeException e) {
                return new IntegrationAnswer.Failed(rootMessage(e));
            }
        });
    }

    /** Whether a failure is the integration timeout rather than the backend's own error. */
    public static boolean isTimeout(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof IntegrationTimeoutException) {
                return true;
            }
        }
        return false;
    }

    /** The innermost cause's message (or its class when it has none). */
    public static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
    }

    /** The failure without the wrappers futures add. */
    static Throwable unwrap(Throwable failure) {
        Throwable t = failure;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t instanceof CancellationException ? new IllegalStateException("the call was cancelled", t) : t;
    }

    /** The integration did not answer within its timeout. */
    public static final class IntegrationTimeoutException extends TimeoutException {
        IntegrationTimeoutException(String message) {
            super(message);
        }
    }
}
