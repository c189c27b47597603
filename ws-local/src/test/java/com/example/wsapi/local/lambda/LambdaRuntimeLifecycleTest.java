package com.example.wsapi.local.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.wsapi.local.lambda.FunctionFailure.Kind;
import com.example.wsapi.local.lambda.testfunctions.EnvironmentHandler;
import com.example.wsapi.local.lambda.testfunctions.GatedHandler;
import com.example.wsapi.local.lambda.testfunctions.SlowInitHandler;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runtimes of their own: closing, and options that make functions fail to start. */
class LambdaRuntimeLifecycleTest {

    private static Path testClasses() throws Exception {
        return Path.of(EnvironmentHandler.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    private static FunctionSettings function(String name, Class<?> handler, Path code) {
        return new FunctionSettings(name, handler.getName() + "::handleRequest", List.of(code), Map.of(),
                Duration.ofSeconds(30), 256, 1);
    }

    @Test
    void close_killsEveryProcess_freesTheirPorts_andFailsWhatIsPending(@TempDir Path dir) throws Exception {
        LambdaRuntimeTest.RecordingSink logs = new LambdaRuntimeTest.RecordingSink();
        LambdaRuntime runtime = new LambdaRuntime(RuntimeOptions.defaults().withLogSink(logs));
        CompletableFuture<String> held;
        CompletableFuture<String> queued;
        long pid;
        int port;
        try {
            runtime.register(function("Environment", EnvironmentHandler.class, testClasses()));
            runtime.register(function("Gated", GatedHandler.class, testClasses()));
            JsonObject seen = JsonParser.parseString(runtime.invoke("Environment", "{}").get(30, TimeUnit.SECONDS))
                    .getAsJsonObject();
            pid = seen.get("pid").getAsLong();
            port = Integer.parseInt(seen.getAsJsonObject("env").get("AWS_LAMBDA_RUNTIME_API").getAsString()
                    .split(":")[1]);
            Path started = Files.createDirectory(dir.resolve("started"));
            String event = "{\"startedDir\":\"" + started + "\",\"gate\":\"" + dir.resolve("never") + "\"}";
            held = runtime.invoke("Gated", event);
            queued = runtime.invoke("Gated", event);
            LambdaRuntimeTest.awaitCondition(() -> started.toFile().list().length == 1, "the gated invocation runs");
        } finally {
            runtime.close();
        }

        assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "process " + pid + " alive");
        assertThrows(IOException.class, () -> {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            }
        }, "the Runtime API port " + port + " is still open");
        for (CompletableFuture<String> pending : List.of(held, queued)) {
            ExecutionException failed = assertThrows(ExecutionException.class,
                    () -> pending.get(5, TimeUnit.SECONDS));
            assertEquals(Kind.CRASH, assertInstanceOf(FunctionFailure.class, failed.getCause()).kind());
        }
        ExecutionException afterClose = assertThrows(ExecutionException.class,
                () -> runtime.invoke("Environment", "{}").get(5, TimeUnit.SECONDS));
        assertInstanceOf(IllegalStateException.class, afterClose.getCause());
    }

    @Test
    void close_duringAnInstancesInit_keepsNoClassDataArchiveOfIt(@TempDir Path dir) throws Exception {
        LambdaRuntimeTest.RecordingSink logs = new LambdaRuntimeTest.RecordingSink();
        Path cache = dir.resolve("cache");
        try (LambdaRuntime runtime = new LambdaRuntime(RuntimeOptions.defaults().withClassDataCache(cache)
                .withLogSink(logs))) {
            runtime.register(function("SlowInit", SlowInitHandler.class, testClasses()));
            runtime.invoke("SlowInit", "{}");
            // Its JVM is in the handler's static initializer: stopped now, it would write the classes loaded so far.
            logs.await(line -> line.contains("SlowInit: initialising"));
        }

        try (Stream<Path> files = Files.walk(cache)) {
            List<Path> archives = files.filter(file -> file.toString().endsWith(".jsa")).toList();
            assertEquals(List.of(), archives, "a JVM stopped in its init records a partial archive: not kept");
        }
    }

    @Test
    void invoke_whenJavaCannotBeStarted_failsWithInitErrorNamingTheExecutable(@TempDir Path dir) throws Exception {
        Path missingJava = dir.resolve("no-such-java");
        try (LambdaRuntime runtime = new LambdaRuntime(RuntimeOptions.defaults()
                .withJavaExecutable(missingJava).withLogSink(new LambdaRuntimeTest.RecordingSink()))) {
            runtime.register(function("Environment", EnvironmentHandler.class, testClasses()));

            ExecutionException thrown = assertThrows(ExecutionException.class,
                    () -> runtime.invoke("Environment", "{}").get(30, TimeUnit.SECONDS));

            FunctionFailure failure = assertInstanceOf(FunctionFailure.class, thrown.getCause());
            assertEquals(Kind.INIT_ERROR, failure.kind());
            assertEquals("Runtime.InvalidEntrypoint", failure.errorType());
            assertTrue(failure.errorMessage().contains(missingJava.toString()), failure.errorMessage());
            assertEquals(0, runtime.instanceCount("Environment"));
        }
    }

    @Test
    void invoke_whenTheRuntimeNeverAsksForAnEvent_failsWithInitErrorAfterTheInitTimeout() throws Exception {
        LambdaRuntimeTest.RecordingSink logs = new LambdaRuntimeTest.RecordingSink();
        try (LambdaRuntime runtime = new LambdaRuntime(RuntimeOptions.defaults()
                .withInitTimeout(Duration.ofMillis(200)).withLogSink(logs))) {
            runtime.register(new FunctionSettings("SlowInit", SlowInitHandler.class.getName(),
                    List.of(testClasses()), Map.of(), Duration.ofSeconds(1), 256, 1));

            ExecutionException thrown = assertThrows(ExecutionException.class,
                    () -> runtime.invoke("SlowInit", "{}").get(30, TimeUnit.SECONDS));

            FunctionFailure failure = assertInstanceOf(FunctionFailure.class, thrown.getCause());
            assertEquals(Kind.INIT_ERROR, failure.kind());
            assertEquals("Sandbox.Timedout", failure.errorType());
            assertTrue(failure.errorMessage().contains("1.20 seconds"), failure.errorMessage());
            assertEquals(0, runtime.instanceCount("SlowInit"));
            logs.await(line -> line.startsWith("[SlowInit] INIT_REPORT") && line.contains("Status: timeout"));
        }
    }
}
