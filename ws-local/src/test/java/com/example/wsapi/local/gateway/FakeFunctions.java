package com.example.wsapi.local.gateway;

import com.example.wsapi.local.gateway.integration.FunctionInvoker;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * An in-process fake of the functions behind the routes: it records every event and answers as each test scripts.
 * The real Lambda runtime is tested in its own package and end to end later; here only the gateway is under test.
 */
final class FakeFunctions implements FunctionInvoker {

    /** One call the gateway made. */
    record Call(String functionName, JsonObject event) {
        JsonObject requestContext() {
            return event.getAsJsonObject("requestContext");
        }
    }

    private final Map<String, Function<JsonObject, CompletableFuture<String>>> behaviours = new ConcurrentHashMap<>();
    private final List<Call> calls = new CopyOnWriteArrayList<>();

    /** Scripts a function; unscripted functions answer {@code {"statusCode":200}}. */
    FakeFunctions on(String functionName, Function<JsonObject, CompletableFuture<String>> behaviour) {
        behaviours.put(functionName, behaviour);
        return this;
    }

    FakeFunctions answer(String functionName, String responseJson) {
        return on(functionName, event -> CompletableFuture.completedFuture(responseJson));
    }

    FakeFunctions failWith(String functionName, String message) {
        return on(functionName, event -> CompletableFuture.failedFuture(new RuntimeException(message)));
    }

    /** The function never answers (the gateway's integration timeout must). */
    FakeFunctions hang(String functionName) {
        return on(functionName, event -> new CompletableFuture<>());
    }

    @Override
    public CompletableFuture<String> invoke(String functionName, String eventJson) {
        JsonObject event = JsonParser.parseString(eventJson).getAsJsonObject();
        calls.add(new Call(functionName, event));
        return behaviours.getOrDefault(functionName, e -> CompletableFuture.completedFuture("{\"statusCode\":200}"))
                .apply(event);
    }

    /** Every call to this function so far. */
    List<Call> callsTo(String functionName) {
        List<Call> matching = new ArrayList<>();
        for (Call call : calls) {
            if (call.functionName().equals(functionName)) {
                matching.add(call);
            }
        }
        return matching;
    }

    /** Waits (at most 5 s) until this function has been called {@code count} times; returns its calls. */
    List<Call> awaitCalls(String functionName, int count) {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (System.nanoTime() < deadline) {
            List<Call> matching = callsTo(functionName);
            if (matching.size() >= count) {
                return matching;
            }
            sleep(10);
        }
        return fail(functionName + " was called " + callsTo(functionName).size() + " times, expected " + count);
    }

    /** The {@code count}-th call (1-based) to this function, waiting for it. */
    Call awaitCall(String functionName, int count) {
        return awaitCalls(functionName, count).get(count - 1);
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
