package com.example.wsapi.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.wsapi.local.gateway.integration.FunctionError;
import com.example.wsapi.local.gateway.integration.FunctionInvoker;
import com.example.wsapi.local.gateway.integration.InvokeThrottled;
import com.example.wsapi.local.lambda.FunctionFailure;
import com.example.wsapi.local.lambda.FunctionThrottled;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

/** How the gateway sees the Lambda runtime: failures as Lambda's error document, and cancellation passed on. */
class GatewayInvokerTest {

    static final String ERROR = "{\"errorMessage\":\"Unauthorized\",\"errorType\":\"example.Unauthorized\"}";

    @Test
    void functionError_reachesTheGatewayAsLambdasErrorDocument_withTheRuntimesFailureAsCause() {
        FunctionFailure failure = new FunctionFailure("AuthorizerFunction", FunctionFailure.Kind.HANDLED_ERROR,
                "example.Unauthorized", "Unauthorized", ERROR);
        FunctionInvoker gateway = LocalApi.invoker((function, event) -> CompletableFuture.failedFuture(failure));

        ExecutionException thrown = assertThrows(ExecutionException.class, () -> gateway.invoke("f", "{}").get());

        FunctionError error = (FunctionError) thrown.getCause();
        assertEquals("Unauthorized", error.errorMessage(), "what AuthorizerDecision reads for a 401");
        assertEquals(ERROR, error.errorJson());
        assertEquals("example.Unauthorized", error.errorType());
        assertSame(failure, error.getCause());
    }

    @Test
    void throttledInvoke_reachesTheGatewayAsAThrottle_notAFunctionError() {
        FunctionThrottled throttle = new FunctionThrottled("EchoFunction", 1);
        FunctionInvoker gateway = LocalApi.invoker((function, event) -> CompletableFuture.failedFuture(throttle));

        ExecutionException thrown = assertThrows(ExecutionException.class, () -> gateway.invoke("f", "{}").get());

        InvokeThrottled throttled = assertInstanceOf(InvokeThrottled.class, thrown.getCause());
        assertEquals("ReservedConcurrentExecutions 1 reached", throttled.reason());
        assertEquals(throttle.getMessage(), throttled.getMessage());
        assertSame(throttle, throttled.getCause());
    }

    @Test
    void responsesAndOtherFailures_passUnchanged() throws Exception {
        assertEquals("{\"statusCode\":200}", LocalApi.invoker((function, event) ->
                CompletableFuture.completedFuture("{\"statusCode\":200}")).invoke("f", "{}").get());
        IllegalStateException closed = new IllegalStateException("closed");
        ExecutionException thrown = assertThrows(ExecutionException.class, () -> LocalApi.invoker(
                (function, event) -> CompletableFuture.failedFuture(closed)).invoke("f", "{}").get());
        assertSame(closed, thrown.getCause());
    }

    @Test
    void cancelledByTheGateway_isCancelledInTheRuntime_soAQueuedInvocationNeverRuns() {
        CompletableFuture<String> runtimeCall = new CompletableFuture<>();

        CompletableFuture<String> gatewayCall = LocalApi.invoker((function, event) -> runtimeCall)
                .invoke("f", "{}");
        gatewayCall.cancel(false);

        assertTrue(runtimeCall.isCancelled());
    }
}
