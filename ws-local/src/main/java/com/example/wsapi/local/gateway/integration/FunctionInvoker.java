package com.example.wsapi.local.gateway.integration;

import java.util.concurrent.CompletableFuture;

/** How the gateway reaches the functions behind integrations and authorizers; the Lambda runtime implements it. */
@FunctionalInterface
public interface FunctionInvoker {

    /**
     * Invokes a function with an event and completes with its response payload (JSON text).
     * Completes exceptionally when the function throws, crashes or times out: with a {@link FunctionError} carrying
     * Lambda's error document when the function reported one. The gateway calls this on its event loop: return
     * without blocking. For an authorizer that rejects with {@code Unauthorized}, the failure's message (or a
     * cause's) is {@code Unauthorized} or the Lambda error JSON with {@code "errorMessage":"Unauthorized"}.
     */
    CompletableFuture<String> invoke(String functionName, String eventJson);
}
