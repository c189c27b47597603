package com.example.wsapi.local.gateway;

import java.util.concurrent.CompletableFuture;

/** How the gateway reaches a route's integration; the Lambda runtime implements it. */
@FunctionalInterface
public interface FunctionInvoker {

    /**
     * Invokes a function with an event and completes with its response payload (JSON text).
     * Completes exceptionally when the function throws, crashes or times out.
     */
    CompletableFuture<String> invoke(String functionName, String eventJson);
}
