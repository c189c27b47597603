package com.example.wsapi.local.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.example.wsapi.local.lambda.testfunctions.EnvironmentHandler;
import com.example.wsapi.local.lambda.testfunctions.GatedHandler;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A function's code replaced while it runs (a rebuild): what its instances and events do. */
class LambdaRuntimeReplaceCodeTest {

    private static Path testClasses() throws Exception {
        return Path.of(EnvironmentHandler.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    private static FunctionSettings function(String name, Class<?> handler, Path code) {
        return new FunctionSettings(name, handler.getName() + "::handleRequest", List.of(code), Map.of(),
                Duration.ofSeconds(30), 256, 1);
    }

    private static JsonObject invoke(LambdaRuntime runtime, String function, String event) throws Exception {
        return JsonParser.parseString(runtime.invoke(function, event).get(30, TimeUnit.SECONDS)).getAsJsonObject();
    }

    private static boolean gone(long pid) {
        return !ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    @Test
    void withClasspath_changesTheCode_andKeepsEveryOtherSetting() {
        FunctionSettings settings = new FunctionSettings("Fn", "app.Handler::handleRequest", List.of(Path.of("old")),
                Map.of("K", "V"), Duration.ofSeconds(7), 512, 3, Scaling.AUTO, true, "java21", "fn-name", "/logs/fn");

        assertEquals(new FunctionSettings("Fn", "app.Handler::handleRequest", List.of(Path.of("new")),
                Map.of("K", "V"), Duration.ofSeconds(7), 512, 3, Scaling.AUTO, true, "java21", "fn-name", "/logs/fn"),
                settings.withClasspath(List.of(Path.of("new"))));
    }

    @Test
    void replaceCode_stopsAnIdleInstanceNow_andTheNextEventStartsOneOfTheNewCode(@TempDir Path dir) throws Exception {
        try (LambdaRuntime runtime = new LambdaRuntime(RuntimeOptions.defaults()
                .withLogSink(new LambdaRuntimeTest.RecordingSink()))) {
            runtime.register(function("Environment", EnvironmentHandler.class, testClasses()));
            long pid = invoke(runtime, "Environment", "{}").get("pid").getAsLong();
            // The new code: a folder first on the classpath (the function's task root), the handler after it.
            Path rebuilt = Files.createDirectory(dir.resolve("rebuilt"));

            int busy = runtime.replaceCode("Environment", List.of(rebuilt, testClasses()));

            assertEquals(0, busy);
            LambdaRuntimeTest.awaitCondition(() -> gone(pid), "the idle instance stopped");
            assertEquals(0, runtime.instanceCount("Environment"), "no instance until an event needs one");
            JsonObject seen = invoke(runtime, "Environment", "{}");
            assertNotEquals(pid, seen.get("pid").getAsLong());
            assertEquals(rebuilt.toString(), seen.get("workingDirectory").getAsString(), "runs the new code");
        }
    }

    @Test
    void replaceCode_letsABusyInstanceAnswer_thenStopsIt_whileTheNextEventGetsANewOne(@TempDir Path dir)
            throws Exception {
        try (LambdaRuntime runtime = new LambdaRuntime(RuntimeOptions.defaults()
                .withLogSink(new LambdaRuntimeTest.RecordingSink()))) {
            runtime.register(function("Gated", GatedHandler.class, testClasses()));
            Path started = Files.createDirectory(dir.resolve("started"));
            Path gate = dir.resolve("gate");
            Path open = Files.createFile(dir.resolve("open"));
            CompletableFuture<String> held = runtime.invoke("Gated",
                    "{\"startedDir\":\"" + started + "\",\"gate\":\"" + gate + "\"}");
            LambdaRuntimeTest.awaitCondition(() -> started.toFile().list().length == 1, "the held event runs");

            assertEquals(1, runtime.replaceCode("Gated", List.of(testClasses(), dir)));
            // One instance at most (maxConcurrency 1), yet the next event does not wait for the replaced one.
            long next = invoke(runtime, "Gated", "{\"startedDir\":\"" + started + "\",\"gate\":\"" + open + "\"}")
                    .get("pid").getAsLong();
            assertFalse(held.isDone(), "the held event still runs");
            Files.createFile(gate);
            long old = JsonParser.parseString(held.get(30, TimeUnit.SECONDS)).getAsJsonObject().get("pid").getAsLong();

            assertNotEquals(old, next);
            LambdaRuntimeTest.awaitCondition(() -> gone(old), "the replaced instance stopped once it answered");
            assertEquals(1, runtime.instanceCount("Gated"));
        }
    }
}
