package com.example.wsapi.local.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.wsapi.local.lambda.testfunctions.EchoHandler;
import com.example.wsapi.local.lambda.testfunctions.GatedHandler;
import com.example.wsapi.local.testing.Await;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ReservedConcurrentExecutions: a cap on events under way, throttling the rest at once; real function JVMs. */
class ReservedConcurrencyTest {

    private static final Duration BOUND = Duration.ofSeconds(30);
    private static LambdaRuntime runtime;
    private static Path testClasses;

    @BeforeAll
    static void startRuntime() throws Exception {
        testClasses = Path.of(EchoHandler.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        runtime = new LambdaRuntime(RuntimeOptions.defaults().withLogSink(new LambdaRuntimeTest.RecordingSink()));
        runtime.register(settings("ReservedOne", GatedHandler.class).withReservedConcurrency(1));
        runtime.register(settings("ReservedNone", EchoHandler.class).withReservedConcurrency(0));
    }

    @AfterAll
    static void stopRuntime() {
        runtime.close();
    }

    /** Lambda's scaling, up to 10 instances: only the reservation holds a function below that. */
    private static FunctionSettings settings(String name, Class<?> handler) {
        return new FunctionSettings(name, handler.getName() + "::handleRequest", List.of(testClasses), Map.of(),
                Duration.ofSeconds(30), 256, 10);
    }

    @Test
    void reservationOfOne_throttlesAnEventWhileAnotherWaitsForAColdStartOrRuns_andFreesOnceItIsAnswered(
            @TempDir Path dir) throws Exception {
        Path started = Files.createDirectories(dir.resolve("started"));
        Path gate = dir.resolve("gate");
        String event = "{\"startedDir\":\"" + started + "\",\"gate\":\"" + gate + "\"}";

        CompletableFuture<String> first = runtime.invoke("ReservedOne", event);
        FunctionThrottled duringColdStart = throttled(runtime.invoke("ReservedOne", event));
        Await.until("the first event running", BOUND, () -> countFiles(started) == 1);
        FunctionThrottled whileRunning = throttled(runtime.invoke("ReservedOne", event));

        for (FunctionThrottled throttle : List.of(duringColdStart, whileRunning)) {
            assertEquals("ReservedOne throttled: ReservedConcurrentExecutions 1 reached (1 event of it running or "
                    + "waiting for an instance); Lambda answers the Invoke with 429 TooManyRequestsException \"Rate "
                    + "Exceeded.\" and does not run the function", throttle.getMessage());
            assertEquals("ReservedConcurrentExecutions 1 reached", throttle.reason());
        }
        assertEquals(1, runtime.instanceCount("ReservedOne"));
        Files.createFile(gate);
        first.get(30, TimeUnit.SECONDS);

        runtime.invoke("ReservedOne", event).get(30, TimeUnit.SECONDS); // answered: the reservation is free again
        assertEquals(2, countFiles(started), "the throttled events never reached the function");
        assertEquals(1, runtime.instanceCount("ReservedOne"), "never more instances than the reservation");
    }

    @Test
    void reservationOfZero_throttlesEveryInvoke_andStartsNoWarmInstance() throws Exception {
        FunctionThrottled throttle = throttled(runtime.invoke("ReservedNone", "{}"));

        assertEquals("ReservedConcurrentExecutions 0 (no event may run)", throttle.reason());
        assertTrue(throttle.getMessage().startsWith("ReservedNone throttled: ReservedConcurrentExecutions 0"),
                throttle.getMessage());
        assertEquals("{\"Reason\":\"ReservedFunctionConcurrentInvocationLimitExceeded\",\"Type\":\"User\","
                + "\"message\":\"Rate Exceeded.\"}", throttle.lambdaAnswer());
        assertFalse(runtime.prewarm("ReservedNone").get(30, TimeUnit.SECONDS), "Lambda would never run it");
        assertEquals(0, runtime.instanceCount("ReservedNone"));
    }

    @Test
    void instanceLimit_isTheLowerOfMaxConcurrencyAndTheReservation() {
        FunctionSettings function = settings("Limits", EchoHandler.class);

        assertEquals(10, function.instanceLimit(), "no reservation: --max-concurrency");
        assertEquals(3, function.withReservedConcurrency(3).instanceLimit());
        assertEquals(10, function.withReservedConcurrency(50).instanceLimit());
    }

    @Test
    void register_refusesANegativeReservation() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> runtime.register(
                settings("Negative", EchoHandler.class).withReservedConcurrency(-1)));

        assertTrue(refused.getMessage().contains("Negative: ReservedConcurrentExecutions must be 0 or more"),
                refused.getMessage());
    }

    /** The invocation's failure, which must be a throttle and there at once (nothing queued, nothing ran). */
    private static FunctionThrottled throttled(CompletableFuture<String> invocation) {
        assertTrue(invocation.isCompletedExceptionally(), "throttled at once, not queued");
        ExecutionException failed = assertThrows(ExecutionException.class, invocation::get);
        return assertInstanceOf(FunctionThrottled.class, failed.getCause());
    }

    private static long countFiles(Path dir) {
        try (var files = Files.list(dir)) {
            return files.count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
