package com.example.wsapi.local.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.wsapi.local.lambda.FunctionFailure.Kind;
import com.example.wsapi.local.lambda.testfunctions.BrokenInitHandler;
import com.example.wsapi.local.lambda.testfunctions.EchoHandler;
import com.example.wsapi.local.lambda.testfunctions.EnvironmentHandler;
import com.example.wsapi.local.lambda.testfunctions.FailingHandler;
import com.example.wsapi.local.lambda.testfunctions.GatedHandler;
import com.example.wsapi.local.lambda.testfunctions.HaltingHandler;
import com.example.wsapi.local.lambda.testfunctions.RogueHandler;
import com.example.wsapi.local.lambda.testfunctions.SleepingHandler;
import com.example.wsapi.local.log.LogLine;
import com.example.wsapi.local.log.LogSink;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real function JVMs running the official runtime interface client against the local Runtime API. */
class LambdaRuntimeTest {

    private static final String REGION = "eu-west-3";
    /** The Environment function's FunctionName: what Lambda knows it by, unlike its local (logical) name. */
    private static final String ENVIRONMENT_FUNCTION_NAME = "test-stack-environment";
    private static final RecordingSink LOGS = new RecordingSink();
    private static RuntimeOptions options;
    private static LambdaRuntime runtime;
    private static Path testClasses;

    @BeforeAll
    static void startRuntime() throws Exception {
        testClasses = Path.of(EchoHandler.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        options = RuntimeOptions.defaults().withRegion(REGION).withLogSink(LOGS)
                .withCredentials("AKIATESTKEY", "test-secret", "test-token");
        runtime = new LambdaRuntime(options);
        register("Echo", EchoHandler.class, Map.of(), Duration.ofSeconds(5), 1);
        register("Report", EchoHandler.class, Map.of(), Duration.ofSeconds(5), 1);
        register("Environment", EnvironmentHandler.class,
                Map.of("GREETING", "hello", "AWS_ENDPOINT_URL_DYNAMODB", "http://127.0.0.1:8000"),
                Duration.ofSeconds(5), 1);
        register("OwnCompileThresholds", EnvironmentHandler.class,
                Map.of("JAVA_TOOL_OPTIONS", "-XX:CompileThresholdScaling=1.5"), Duration.ofSeconds(5), 1);
        register("Failing", FailingHandler.class, Map.of(), Duration.ofSeconds(5), 1);
        register("Sleeper", SleepingHandler.class, Map.of(), Duration.ofSeconds(1), 1);
        register("Halting", HaltingHandler.class, Map.of(), Duration.ofSeconds(5), 1);
        register("HaltingQueue", HaltingHandler.class, Map.of(), Duration.ofSeconds(5), 1);
        register("BrokenInit", BrokenInitHandler.class, Map.of(), Duration.ofSeconds(5), 1);
        register("BadJvm", EchoHandler.class, Map.of("JAVA_TOOL_OPTIONS", "-XX:+NoSuchOptionAnywhere"),
                Duration.ofSeconds(5), 1);
        register("Gated", GatedHandler.class, Map.of(), Duration.ofSeconds(30), 2);
        register("GatedSingle", GatedHandler.class, Map.of(), Duration.ofSeconds(30), 1);
        register("Rogue", RogueHandler.class, Map.of(), Duration.ofSeconds(5), 1);
    }

    @AfterAll
    static void stopRuntime() {
        runtime.close();
    }

    private static void register(String name, Class<?> handler, Map<String, String> environment, Duration timeout,
                                 int maxConcurrency) {
        boolean environmentFunction = name.equals("Environment");
        runtime.register(new FunctionSettings(name, handler.getName() + "::handleRequest", List.of(testClasses),
                environment, timeout, environmentFunction ? 512 : 256, maxConcurrency, Scaling.LAMBDA, false,
                FunctionSettings.DEFAULT_RUNTIME, environmentFunction ? ENVIRONMENT_FUNCTION_NAME : name));
    }

    @Test
    void invoke_returnsTheHandlersResponse() throws Exception {
        String event = "{\"message\":\"héllo\",\"numbers\":[1,2,3]}";

        assertEquals(event, invoke("Echo", event));
        LOGS.await(line -> line.startsWith("[Echo] echo handler got " + event.getBytes(StandardCharsets.UTF_8).length + " bytes"));
    }

    @Test
    void invoke_givesTheFunctionLambdasEnvironmentAndContext_andNothingOfOurs() throws Exception {
        JsonObject seen = JsonParser.parseString(invoke("Environment", "{\"ping\":1}")).getAsJsonObject();
        JsonObject env = seen.getAsJsonObject("env");

        assertEquals(ENVIRONMENT_FUNCTION_NAME, env.get("AWS_LAMBDA_FUNCTION_NAME").getAsString());
        assertEquals(EnvironmentHandler.class.getName() + "::handleRequest", env.get("_HANDLER").getAsString());
        assertEquals("$LATEST", env.get("AWS_LAMBDA_FUNCTION_VERSION").getAsString());
        assertEquals("512", env.get("AWS_LAMBDA_FUNCTION_MEMORY_SIZE").getAsString());
        assertEquals("/aws/lambda/" + ENVIRONMENT_FUNCTION_NAME, env.get("AWS_LAMBDA_LOG_GROUP_NAME").getAsString());
        assertEquals(REGION, env.get("AWS_REGION").getAsString());
        assertEquals(REGION, env.get("AWS_DEFAULT_REGION").getAsString());
        assertEquals("AWS_Lambda_java25", env.get("AWS_EXECUTION_ENV").getAsString());
        assertEquals(":UTC", env.get("TZ").getAsString());
        assertEquals(testClasses.toString(), env.get("LAMBDA_TASK_ROOT").getAsString());
        assertEquals("AKIATESTKEY", env.get("AWS_ACCESS_KEY_ID").getAsString());
        assertEquals("test-secret", env.get("AWS_SECRET_ACCESS_KEY").getAsString());
        assertEquals("test-token", env.get("AWS_SESSION_TOKEN").getAsString());
        assertEquals("hello", env.get("GREETING").getAsString());
        assertEquals("http://127.0.0.1:8000", env.get("AWS_ENDPOINT_URL_DYNAMODB").getAsString());
        assertTrue(env.get("AWS_LAMBDA_RUNTIME_API").getAsString().matches("127\\.0\\.0\\.1:\\d+"));
        assertNotEquals(System.getenv("HOME"), env.get("HOME").getAsString());
        Set<String> allowed = Set.of("PATH", "LANG", "TZ", "HOME", "GREETING", "AWS_ENDPOINT_URL_DYNAMODB",
                "AWS_LAMBDA_RUNTIME_API", "_HANDLER", "AWS_LAMBDA_FUNCTION_NAME", "AWS_LAMBDA_FUNCTION_VERSION",
                "AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "AWS_LAMBDA_LOG_GROUP_NAME", "AWS_LAMBDA_LOG_STREAM_NAME",
                "AWS_LAMBDA_INITIALIZATION_TYPE", "AWS_REGION", "AWS_DEFAULT_REGION", "AWS_EXECUTION_ENV",
                "LAMBDA_TASK_ROOT", "LAMBDA_RUNTIME_DIR", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY",
                "AWS_SESSION_TOKEN");
        Set<String> leaked = new HashSet<>(env.keySet());
        leaked.removeAll(allowed);
        assertEquals(Set.of(), leaked, "variables the function must not see");

        // Invoked by its local name (the logical id), it knows itself by its name on Lambda (FunctionName).
        assertEquals(ENVIRONMENT_FUNCTION_NAME, seen.get("functionName").getAsString());
        assertEquals("$LATEST", seen.get("functionVersion").getAsString());
        assertTrue(seen.get("awsRequestId").getAsString().matches("[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}"));
        assertEquals("arn:aws:lambda:" + REGION + ":123456789012:function:" + ENVIRONMENT_FUNCTION_NAME,
                seen.get("invokedFunctionArn").getAsString());
        long remaining = seen.get("remainingTimeInMillis").getAsLong();
        assertTrue(remaining > 0 && remaining <= 5000, "remaining time " + remaining);
        assertEquals(512, seen.get("memoryLimitInMB").getAsInt());
        assertEquals("/aws/lambda/" + ENVIRONMENT_FUNCTION_NAME, seen.get("logGroupName").getAsString());
        assertEquals(env.get("AWS_LAMBDA_LOG_STREAM_NAME").getAsString(), seen.get("logStreamName").getAsString());
        assertTrue(seen.get("xrayTraceId").getAsString().startsWith("Root=1-"));
        assertEquals(testClasses.toString(), seen.get("workingDirectory").getAsString());
        long maxHeap = seen.get("maxHeapBytes").getAsLong();
        assertTrue(maxHeap <= 512L * 1024 * 1024 * 85 / 100, "heap " + maxHeap + " must be sized from MemorySize");
        // The JVM sizes itself (initial heap, young generation) for the function's memory, as in Lambda's sandbox,
        // not for this machine's.
        assertEquals(512L * 1024 * 1024, seen.get("maxRam").getAsLong());
        // Compiles sooner than a plain JVM: each local instance warms from nothing, without a snapshot's code.
        assertEquals(0.05, seen.get("compileThresholdScaling").getAsDouble(), 1e-9);
        assertEquals(1, seen.getAsJsonObject("event").get("ping").getAsInt());
        Path nativeLibrary = Path.of(seen.get("nativeLibrary").getAsString());
        assertTrue(Files.isRegularFile(nativeLibrary) && !nativeLibrary.startsWith(Path.of("/tmp/.libaws-lambda-jni.so")),
                "the RIC loads the runtime's own copy of its JNI library: " + nativeLibrary);
    }

    @Test
    void invoke_whereTheTemplateSetsCompileThresholds_theFunctionKeepsItsOwn() throws Exception {
        JsonObject seen = JsonParser.parseString(invoke("OwnCompileThresholds", "{}")).getAsJsonObject();

        assertEquals(1.5, seen.get("compileThresholdScaling").getAsDouble(), 1e-9);
    }

    @Test
    void invoke_whenTheHandlerThrows_failsWithHandledError_andTheInstanceStays() throws Exception {
        FunctionFailure failure = failure("Failing", "{\"reason\":\"bad input\"}");

        assertEquals(Kind.HANDLED_ERROR, failure.kind());
        assertEquals("java.lang.IllegalStateException", failure.errorType());
        assertEquals("boom: bad input", failure.errorMessage());
        assertTrue(failure.errorJson().contains("\"stackTrace\""), failure.errorJson());
        assertEquals("boom: again", failure("Failing", "{\"reason\":\"again\"}").errorMessage());
        assertEquals(1, runtime.instanceCount("Failing"));
        // The RIC logs the stack trace after posting the error: it still belongs to the invocation.
        LOGS.await(line -> line.startsWith("[Failing] END RequestId: "));
        assertBetweenStartAndEnd("[Failing] ", "[Failing] java.lang.IllegalStateException: boom: bad input");
    }

    @Test
    void invoke_pastTheTimeout_failsWithTimeoutAndKillsTheProcess_thenTheNextInvokeGetsANewOne() throws Exception {
        long firstPid = pid(invoke("Sleeper", "{\"sleepMs\":0}"));

        FunctionFailure failure = failure("Sleeper", "{\"sleepMs\":20000}");

        assertEquals(Kind.TIMEOUT, failure.kind());
        assertEquals("Sandbox.Timedout", failure.errorType());
        assertTrue(failure.errorMessage().endsWith("Task timed out after 1.00 seconds"), failure.errorMessage());
        assertProcessEnds(firstPid);
        long secondPid = pid(invoke("Sleeper", "{\"sleepMs\":0}"));
        assertNotEquals(firstPid, secondPid);
        LOGS.await(line -> line.startsWith("[Sleeper] ") && line.endsWith(" Task timed out after 1.00 seconds"));
        LOGS.await(line -> line.startsWith("[Sleeper] REPORT RequestId: ") && line.endsWith("\tStatus: timeout"));
    }

    @Test
    void invoke_whenTheProcessExitsMidInvocation_failsWithCrash_thenTheNextInvokeWorks() throws Exception {
        long firstPid = pid(invoke("Halting", "{\"halt\":false}"));

        FunctionFailure failure = failure("Halting", "{\"halt\":true}");

        assertEquals(Kind.CRASH, failure.kind());
        assertEquals("Runtime.ExitError", failure.errorType());
        assertTrue(failure.errorMessage().endsWith("Error: Runtime exited with error: exit status 3"),
                failure.errorMessage());
        assertProcessEnds(firstPid);
        assertNotEquals(firstPid, pid(invoke("Halting", "{\"halt\":false}")));
        LOGS.await(line -> line.equals("[Halting] halting now"));
    }

    @Test
    void invoke_queuedBehindAnInvocationThatCrashes_runsOnAnotherInstance() throws Exception {
        CompletableFuture<String> crashing = runtime.invoke("HaltingQueue", "{\"halt\":true}");
        CompletableFuture<String> queued = runtime.invoke("HaltingQueue", "{\"halt\":false}");

        ExecutionException crashed = assertThrows(ExecutionException.class, () -> crashing.get(30, TimeUnit.SECONDS));
        assertEquals(Kind.CRASH, assertInstanceOf(FunctionFailure.class, crashed.getCause()).kind());
        assertTrue(pid(queued.get(30, TimeUnit.SECONDS)) > 0);
    }

    @Test
    void invoke_whenStaticInitFails_failsWithInitError_onEveryInvocation() throws Exception {
        FunctionFailure first = failure("BrokenInit", "{}");
        FunctionFailure second = failure("BrokenInit", "{}");

        // What the RIC posts to /init/error (and Lambda returns): the cause is only in the logs.
        assertEquals(Kind.INIT_ERROR, first.kind());
        assertEquals("java.lang.ExceptionInInitializerError", first.errorType());
        assertEquals("Error loading class " + BrokenInitHandler.class.getName(), first.errorMessage());
        assertEquals(Kind.INIT_ERROR, second.kind());
        assertEquals(first.errorMessage(), second.errorMessage());
        assertEquals(0, runtime.instanceCount("BrokenInit"));
        LOGS.await(line -> line.startsWith("[BrokenInit] INIT_REPORT Init Duration: ")
                && line.endsWith("\tStatus: error\tError Type: java.lang.ExceptionInInitializerError"));
        List<String> lines = LOGS.linesStartingWith("[BrokenInit] ");
        int cause = lines.indexOf("[BrokenInit] Caused by: java.lang.IllegalStateException: cannot load configuration");
        int report = lines.indexOf(lines.stream().filter(l -> l.contains("INIT_REPORT")).findFirst().orElseThrow());
        assertTrue(cause >= 0 && cause < report, "the function's stack trace comes before INIT_REPORT:\n"
                + String.join("\n", lines));
    }

    @Test
    void invoke_whenTheJvmExitsBeforeAskingForAnEvent_failsWithInitError() throws Exception {
        FunctionFailure failure = failure("BadJvm", "{}");

        assertEquals(Kind.INIT_ERROR, failure.kind());
        assertEquals("Runtime.ExitError", failure.errorType());
        assertTrue(failure.errorMessage().endsWith("Error: Runtime exited with error: exit status 1"),
                failure.errorMessage());
        LOGS.await(line -> line.startsWith("[BadJvm] ") && line.contains("NoSuchOptionAnywhere"));
    }

    @Test
    void concurrentInvocations_startAtMostMaxConcurrencyInstances_andAllComplete(@TempDir Path dir)
            throws Exception {
        Path started = Files.createDirectory(dir.resolve("started"));
        Path gate = dir.resolve("gate");
        String event = "{\"startedDir\":\"" + started + "\",\"gate\":\"" + gate + "\"}";
        List<CompletableFuture<String>> results = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            results.add(runtime.invoke("Gated", event));
        }

        awaitCondition(() -> countFiles(started) == 2, "two invocations running");
        assertEquals(2, runtime.instanceCount("Gated"));
        assertEquals(2, countFiles(started), "the third invocation must wait for a free instance");
        Files.createFile(gate);

        Set<Long> pids = new HashSet<>();
        for (CompletableFuture<String> result : results) {
            pids.add(pid(result.get(30, TimeUnit.SECONDS)));
        }
        assertEquals(2, pids.size(), "three invocations on two processes");
        assertEquals(3, countFiles(started));
        assertEquals(2, runtime.instanceCount("Gated"));
    }

    @Test
    void invoke_cancelledWhileWaitingForAnInstance_neverRuns(@TempDir Path dir) throws Exception {
        Path started = Files.createDirectories(dir.resolve("started-cancel"));
        Path gate = dir.resolve("gate-cancel");
        String event = "{\"startedDir\":\"" + started + "\",\"gate\":\"" + gate + "\"}";
        CompletableFuture<String> running = runtime.invoke("GatedSingle", event);
        awaitCondition(() -> countFiles(started) == 1, "the first invocation running");

        CompletableFuture<String> queued = runtime.invoke("GatedSingle", event);
        queued.cancel(false); // as the gateway does past its integration timeout
        Files.createFile(gate);

        running.get(30, TimeUnit.SECONDS);
        invoke("GatedSingle", event); // the instance is free again: the next invocation gets it
        assertEquals(2, countFiles(started), "the cancelled invocation never reached the function");
    }

    @Test
    void logs_frameEachInvocation_andReportInitDurationOnAnInstancesFirstInvocationOnly() throws Exception {
        invoke("Report", "{\"n\":1}");
        invoke("Report", "{\"n\":2}");

        Pattern report = Pattern.compile("\\[Report] REPORT RequestId: ([0-9a-f-]{36})\tDuration: \\d+\\.\\d{2} ms"
                + "\tBilled Duration: \\d+ ms\tMemory Size: 256 MB\tMax Memory Used: \\d+ MB"
                + "(\tInit Duration: \\d+\\.\\d{2} ms)?");
        LOGS.await(line -> line.startsWith("[Report] REPORT") && !line.contains("Init Duration"));
        List<String> lines = LOGS.linesStartingWith("[Report] ");
        List<Matcher> reports = lines.stream().map(report::matcher).filter(Matcher::matches).toList();
        assertEquals(2, reports.size(), String.join("\n", lines));
        assertTrue(reports.get(0).group(2) != null, "first REPORT has Init Duration: " + reports.get(0).group());
        assertTrue(reports.get(1).group(2) == null, "second REPORT has none: " + reports.get(1).group());
        for (Matcher matcher : reports) {
            String id = matcher.group(1);
            int start = lines.indexOf("[Report] START RequestId: " + id + " Version: $LATEST");
            int end = lines.indexOf("[Report] END RequestId: " + id);
            int reportLine = lines.indexOf(matcher.group());
            assertTrue(start >= 0 && start < end && end < reportLine, String.join("\n", lines));
            assertTrue(lines.subList(start, end).stream().anyMatch(l -> l.startsWith("[Report] echo handler got")),
                    "the function's output is between START and END:\n" + String.join("\n", lines));
            assertEquals("[Report] echo done", lines.get(end - 1), "an unterminated last line comes before END");
        }
    }

    @Test
    void runtimeApi_rejectsAResponseForAnUnknownRequestId_andKeepsServing() throws Exception {
        JsonObject answer = JsonParser.parseString(invoke("Rogue", "{\"requestId\":\"not-a-real-id\"}"))
                .getAsJsonObject();

        assertEquals(400, answer.get("status").getAsInt());
        JsonObject error = JsonParser.parseString(answer.get("body").getAsString()).getAsJsonObject();
        assertEquals("InvalidRequestID", error.get("errorType").getAsString());
        assertEquals(400, JsonParser.parseString(invoke("Rogue", "{\"requestId\":\"another\"}"))
                .getAsJsonObject().get("status").getAsInt());
    }

    @Test
    void invoke_anUnknownFunction_failsNamingTheRegisteredOnes() {
        ExecutionException thrown = assertThrows(ExecutionException.class,
                () -> runtime.invoke("Nope", "{}").get(5, TimeUnit.SECONDS));

        IllegalArgumentException cause = assertInstanceOf(IllegalArgumentException.class, thrown.getCause());
        assertTrue(cause.getMessage().contains("Nope") && cause.getMessage().contains("Echo"), cause.getMessage());
    }

    @Test
    void register_rejectsSettingsLambdaWouldRefuse() {
        String handler = EchoHandler.class.getName();
        Path missing = testClasses.resolve("no-such-folder");
        IllegalArgumentException missingCode = assertThrows(IllegalArgumentException.class,
                () -> runtime.register(new FunctionSettings("Missing", handler, List.of(missing), Map.of(),
                        Duration.ofSeconds(3), 256, 1)));
        assertTrue(missingCode.getMessage().contains(missing.toString()), missingCode.getMessage());

        IllegalArgumentException reserved = assertThrows(IllegalArgumentException.class,
                () -> runtime.register(new FunctionSettings("Reserved", handler, List.of(testClasses),
                        Map.of("AWS_REGION", "us-west-2"), Duration.ofSeconds(3), 256, 1)));
        assertTrue(reserved.getMessage().contains("AWS_REGION"), reserved.getMessage());

        IllegalArgumentException duplicate = assertThrows(IllegalArgumentException.class,
                () -> runtime.register(new FunctionSettings("Echo", handler, List.of(testClasses), Map.of(),
                        Duration.ofSeconds(3), 256, 1)));
        assertTrue(duplicate.getMessage().contains("Echo"), duplicate.getMessage());

        assertThrows(IllegalArgumentException.class,
                () -> runtime.register(new FunctionSettings("TinyMemory", handler, List.of(testClasses), Map.of(),
                        Duration.ofSeconds(3), 64, 1)));

        IllegalArgumentException badName = assertThrows(IllegalArgumentException.class,
                () -> runtime.register(new FunctionSettings("BadName", handler, List.of(testClasses), Map.of(),
                        Duration.ofSeconds(3), 256, 1, Scaling.LAMBDA, false, "java25", "stack/bad name")));
        assertTrue(badName.getMessage().contains("stack/bad name"), badName.getMessage());
    }

    // ---- helpers ----

    private static String invoke(String function, String event) throws Exception {
        try {
            return runtime.invoke(function, event).get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError(function + " failed: " + e.getCause() + "\nlogs:\n" + LOGS.dump(), e);
        }
    }

    private static FunctionFailure failure(String function, String event) {
        ExecutionException thrown = assertThrows(ExecutionException.class,
                () -> runtime.invoke(function, event).get(30, TimeUnit.SECONDS));
        return assertInstanceOf(FunctionFailure.class, thrown.getCause());
    }

    /** The line is logged inside one invocation's START ... END. */
    private static void assertBetweenStartAndEnd(String prefix, String expectedLine) throws InterruptedException {
        LOGS.await(expectedLine::equals);
        List<String> lines = LOGS.linesStartingWith(prefix);
        int at = lines.indexOf(expectedLine);
        int start = at;
        while (start >= 0 && !lines.get(start).startsWith(prefix + "START RequestId: ")) {
            start--;
        }
        assertTrue(start >= 0, "no START before " + expectedLine + ":\n" + String.join("\n", lines));
        String requestId = lines.get(start).substring((prefix + "START RequestId: ").length()).split(" ")[0];
        LOGS.await((prefix + "END RequestId: " + requestId)::equals);
        int end = LOGS.linesStartingWith(prefix).indexOf(prefix + "END RequestId: " + requestId);
        assertTrue(at < end, expectedLine + " must come before END:\n" + LOGS.dump());
    }

    private static long pid(String response) {
        return JsonParser.parseString(response).getAsJsonObject().get("pid").getAsLong();
    }

    private static void assertProcessEnds(long pid) throws Exception {
        ProcessHandle.of(pid).ifPresent(handle -> handle.onExit().orTimeout(10, TimeUnit.SECONDS).join());
        assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "process " + pid + " alive");
    }

    private static long countFiles(Path dir) {
        try (var files = Files.list(dir)) {
            return files.count();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static void awaitCondition(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for: " + what);
            }
            Thread.sleep(10);
        }
    }

    /** Keeps every log line for assertions. */
    static final class RecordingSink implements LogSink {
        private final List<String> lines = new ArrayList<>();

        @Override
        public synchronized void line(LogLine line) {
            lines.add(line.toString());
        }

        synchronized List<String> linesStartingWith(String prefix) {
            return lines.stream().filter(line -> line.startsWith(prefix)).toList();
        }

        synchronized String dump() {
            return String.join("\n", lines);
        }

        void await(Predicate<String> wanted) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (true) {
                synchronized (this) {
                    if (lines.stream().anyMatch(wanted)) {
                        return;
                    }
                }
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("no such log line; logs:\n" + dump());
                }
                Thread.sleep(10);
            }
        }
    }
}
