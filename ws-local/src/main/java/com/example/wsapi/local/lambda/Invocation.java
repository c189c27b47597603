package com.example.wsapi.local.lambda;

import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/** One call of a function, from {@link LambdaRuntime#invoke} to its result. Mutable fields are guarded by the pool. */
final class Invocation {

    final String requestId = UUID.randomUUID().toString();
    final String eventJson;
    final CompletableFuture<String> result = new CompletableFuture<>();
    /** When the instance received the event: the timeout and Duration count from here. */
    long deliveredNanos;
    /** The instance's init duration when this is its first invocation, else -1. */
    long initNanos = -1;
    /** The runtime posted its response or error; the invocation lasts until it asks for the next event. */
    boolean answered;

    Invocation(String eventJson) {
        this.eventJson = eventJson;
    }
}
