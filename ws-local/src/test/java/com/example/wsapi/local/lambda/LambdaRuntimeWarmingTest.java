package com.example.wsapi.local.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.wsapi.local.lambda.FunctionFailure.Kind;
import com.example.wsapi.local.lambda.testfunctions.BrokenInitHandler;
import com.example.wsapi.local.lambda.testfunctions.CheckpointHandler;
import com.example.wsapi.local.lambda.testfunctions.EchoHandler;
import com.example.wsapi.local.lambda.testfunctions.GatedHandler;
import com.example.wsapi.local.testing.Await;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.crac.Core;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Instances started ahead of events, SnapStart's checkpoint and restore hooks, and {@link Scaling#AUTO}. */
class LambdaRuntimeWarmingTest {

    private static final Duration BOUND = Duration.ofSeconds(30);
    private static final LambdaRuntimeTest.RecordingSink LOGS = new LambdaRuntimeTest.RecordingSink();
    private static LambdaRuntime runtime;
    private static List<Path> code;

    @BeforeAll
    static void startRuntime() throws Exception {
        Path testClasses = Path.of(EchoHandler.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path crac = Path.of(Core.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        code = List.of(testClasses, crac);
        runtime = new LambdaRuntime(RuntimeOptions.defaults().withLogSink(LOGS));
        register("Warm", EchoHandler.class, Map.of(), 1, Scaling.LAMBDA, false);
        register("WarmBroken", BrokenInitHandler.class, Map.of(), 1, Scaling.LAMBDA, false);
        register("WarmFirst", EchoHandler.class, Map.of(), 1, Scaling.LAMBDA, false);
        register("WarmBrokenToo", BrokenInitHandler.class, Map.of(), 1, Scaling.LAMBDA, false);
        register("WarmLast", EchoHandler.class, Map.of(), 1, Scaling.LAMBDA, false);
        register("Snap", CheckpointHandler.class, Map.of(), 1, Scaling.LAMBDA, true);
        register("NoSnap", CheckpointHandler.class, Map.of(), 1, Scaling.LAMBDA, false);
        register("SnapCheckpointFails", CheckpointHandler.class, Map.of("HOOK_FAILS", "beforeCheckpoint"), 1,
                Scaling.LAMBDA, true);
        register("SnapRestoreFails", CheckpointHandler.class, Map.of("HOOK_FAILS", "afterRestore"), 1,
                Scaling.LAMBDA, true);
        int cores = Runtime.getRuntime().availableProcessors();
        register("AutoGated", GatedHandler.class, Map.of(), cores + 1, Scaling.AUTO, false);
    }

    @AfterAll
    static void stopRuntime() {
        runtime.close();
    }

    private static void register(String name, Class<?> handler, Map<String, String> environment, int maxConcurrency,
                                 Scaling scaling, boolean snapStart) {
        runtime.register(new FunctionSettings(name, handler.getName() + "::handleRequest", code, environment,
                Duration.ofSeconds(30), 256, maxConcurrency, scaling, snapStart));
    }

    @Test
    void prewarm_startsAnInstanceBeforeAnyEvent_whoseFirstReportHasNoInitDuration() throws Exception {
        assertEquals(0, runtime.instanceCount("Warm"));

        assertTrue(runtime.prewarm("Warm").get(BOUND.toSeconds(), TimeUnit.SECONDS), "the warm instance is ready");
        assertEquals(1, runtime.instanceCount("Warm"));
        assertTrue(runtime.prewarm("Warm").get(BOUND.toSeconds(), TimeUnit.SECONDS), "a second call adds none");
        assertEquals(1, runtime.instanceCount("Warm"));
        assertEquals("{\"n\":1}", invoke("Warm", "{\"n\":1}"));

        LOGS.await(line -> line.startsWith("[Warm] REPORT RequestId: "));
        List<String> reports = LOGS.linesStartingWith("[Warm] REPORT RequestId: ");
        assertEquals(1, reports.size());
        assertFalse(reports.get(0).contains("Init Duration"), "the init delayed no event: " + reports.get(0));
        assertEquals(1, runtime.instanceCount("Warm"));
    }

    @Test
    void prewarm_whenTheInitFails_completesFalse_andTheFirstEventTriesAgain() throws Exception {
        assertFalse(runtime.prewarm("WarmBroken").get(BOUND.toSeconds(), TimeUnit.SECONDS));

        assertEquals(0, runtime.instanceCount("WarmBroken"));
        LOGS.await(line -> line.startsWith("[WarmBroken] INIT_REPORT Init Duration: ")
                && line.contains("Status: error"));
        FunctionFailure failure = failure("WarmBroken", "{}");
        assertEquals(Kind.INIT_ERROR, failure.kind());
        assertEquals("java.lang.ExceptionInInitializerError", failure.errorType());
    }

    @Test
    void prewarmAll_startsEveryFunction_andCompletesWhenEachIsReadyOrFailed() throws Exception {
        runtime.prewarm(List.of("WarmFirst", "WarmBrokenToo", "WarmLast")).get(BOUND.toSeconds(), TimeUnit.SECONDS);

        assertEquals(1, runtime.instanceCount("WarmFirst"));
        assertEquals(0, runtime.instanceCount("WarmBrokenToo"));
        assertEquals(1, runtime.instanceCount("WarmLast"));
        assertTrue(runtime.prewarm("WarmLast").isDone(), "ready: its future is complete");
        assertThrows(IllegalArgumentException.class, () -> runtime.prewarm(List.of("WarmFirst", "NoSuchFunction")));
    }

    @Test
    void snapStart_runsTheCheckpointHooksThenTheRestoreHooks_beforeTheFirstEvent() throws Exception {
        assertTrue(runtime.prewarm("Snap").get(BOUND.toSeconds(), TimeUnit.SECONDS));

        JsonObject seen = JsonParser.parseString(invoke("Snap", "{}")).getAsJsonObject();

        assertEquals("snap-start", seen.get("initializationType").getAsString());
        assertEquals(List.of("beforeCheckpoint", "afterRestore"), strings(seen.getAsJsonArray("hooksBeforeEvent")));
        LOGS.await(line -> line.startsWith("[Snap] END RequestId: "));
        List<String> lines = LOGS.linesStartingWith("[Snap] ");
        int init = indexOfPrefix(lines, "[Snap] INIT_START ");
        int checkpoint = lines.indexOf("[Snap] hook beforeCheckpoint");
        int restoreStart = indexOfPrefix(lines, "[Snap] RESTORE_START ");
        int restored = lines.indexOf("[Snap] hook afterRestore");
        int restoreReport = indexOfPrefix(lines, "[Snap] RESTORE_REPORT Restore Duration: ");
        int start = indexOfPrefix(lines, "[Snap] START RequestId: ");
        assertTrue(0 <= init && init < checkpoint && checkpoint < restoreStart && restoreStart < restored
                && restored < restoreReport && restoreReport < start, String.join("\n", lines));
    }

    @Test
    void withoutSnapStart_theHooksNeverRun_andTheInitIsOnDemand() throws Exception {
        JsonObject seen = JsonParser.parseString(invoke("NoSnap", "{}")).getAsJsonObject();

        assertEquals("on-demand", seen.get("initializationType").getAsString());
        assertEquals(List.of(), strings(seen.getAsJsonArray("hooksBeforeEvent")));
        assertFalse(LOGS.linesStartingWith("[NoSnap] ").stream().anyMatch(line -> line.contains("RESTORE_")));
    }

    @Test
    void snapStart_whenACheckpointHookFails_theEventFailsWithAnInitError() throws Exception {
        FunctionFailure failure = failure("SnapCheckpointFails", "{}");

        assertEquals(Kind.INIT_ERROR, failure.kind());
        LOGS.await(line -> line.startsWith("[SnapCheckpointFails] INIT_REPORT Init Duration: ")
                && line.contains("Status: error"));
        List<String> lines = LOGS.linesStartingWith("[SnapCheckpointFails] ");
        assertTrue(lines.stream().anyMatch(line -> line.contains("beforeCheckpoint failed on purpose")),
                "the hook's failure is in the logs:\n" + String.join("\n", lines));
        assertTrue(lines.stream().noneMatch(line -> line.contains("RESTORE_START")), String.join("\n", lines));
        assertEquals(0, runtime.instanceCount("SnapCheckpointFails"));
    }

    @Test
    void snapStart_whenARestoreHookFails_theEventFailsWithTheRestoreError() throws Exception {
        FunctionFailure failure = failure("SnapRestoreFails", "{}");

        assertEquals(Kind.INIT_ERROR, failure.kind());
        LOGS.await(line -> line.startsWith("[SnapRestoreFails] INIT_REPORT Init Duration: ")
                && line.contains("Status: error"));
        List<String> lines = LOGS.linesStartingWith("[SnapRestoreFails] ");
        assertTrue(lines.stream().anyMatch(line -> line.startsWith("[SnapRestoreFails] RESTORE_START ")),
                String.join("\n", lines));
        assertTrue(lines.stream().anyMatch(line -> line.contains("afterRestore failed on purpose")),
                "the hook's failure is in the logs:\n" + String.join("\n", lines));
        assertEquals(0, runtime.instanceCount("SnapRestoreFails"));
    }

    @Test
    void autoScaling_givesEveryHeldEventAnInstance_onceTheyWaitLongerThanAStart_evenPastTheCores(
            @TempDir Path dir) throws Exception {
        int cores = Runtime.getRuntime().availableProcessors();
        Path started = Files.createDirectory(dir.resolve("started"));
        Path gate = dir.resolve("gate");
        String event = "{\"startedDir\":\"" + started + "\",\"gate\":\"" + gate + "\"}";
        List<CompletableFuture<String>> results = new ArrayList<>();
        for (int i = 0; i < cores + 1; i++) {
            results.add(runtime.invoke("AutoGated", event));
        }

        // The held events outlast an instance's start: the event left waiting gets an instance of its own.
        Await.until("every event running on its own instance", BOUND, () -> countFiles(started) == cores + 1);
        assertEquals(cores + 1, runtime.instanceCount("AutoGated"));
        Files.createFile(gate);
        for (CompletableFuture<String> result : results) {
            result.get(BOUND.toSeconds(), TimeUnit.SECONDS);
        }
    }

    // ---- helpers ----

    private static String invoke(String function, String event) throws Exception {
        try {
            return runtime.invoke(function, event).get(BOUND.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError(function + " failed: " + e.getCause() + "\nlogs:\n" + LOGS.dump(), e);
        }
    }

    private static FunctionFailure failure(String function, String event) {
        ExecutionException thrown = assertThrows(ExecutionException.class,
                () -> runtime.invoke(function, event).get(BOUND.toSeconds(), TimeUnit.SECONDS));
        return assertInstanceOf(FunctionFailure.class, thrown.getCause());
    }

    private static List<String> strings(JsonArray array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.getAsString()));
        return values;
    }

    private static int indexOfPrefix(List<String> lines, String prefix) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(prefix)) {
                return i;
            }
        }
        return -1;
    }

    private static long countFiles(Path dir) {
        try (var files = Files.list(dir)) {
            return files.count();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
