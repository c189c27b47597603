package com.example.wsapi.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.wsapi.local.lambda.RuntimeOptions;
import com.example.wsapi.local.lambda.testfunctions.WebSocketProbeHandler;
import com.example.wsapi.local.log.ConsoleLog;
import com.example.wsapi.local.testing.Await;
import com.example.wsapi.local.testing.JdkClient;
import com.example.wsapi.local.testing.LogLines;
import com.example.wsapi.local.testing.TestTemplates;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A function that dies or overruns while handling a message: the client gets API Gateway's "Internal server error"
 * frame, keeps its connection, and its next message is handled by a new process. The template routes to ws-local's
 * test handler (its classes laid out as a function module: {@code <CodeUri>/target/classes}).
 */
class FunctionFaultsIT {

    static final Duration REPLY = Duration.ofSeconds(30);
    static final String HANDLER = WebSocketProbeHandler.class.getName();
    static final LogLines LOGS = new LogLines(true);
    /** What a person running ws-local sees of the same lines: its console without --verbose. */
    static final StringWriter CONSOLE = new StringWriter();
    static final ConsoleLog DEFAULT_CONSOLE = ConsoleLog.forApi(new PrintWriter(CONSOLE, true), false,
            Clock.systemDefaultZone());

    @TempDir
    static Path dir;
    static LocalApi api;

    @BeforeAll
    static void start() throws Exception {
        Path template = TestTemplates.probeProject(dir, WebSocketProbeHandler.class, "",
                TestTemplates.lambdaRoute("Probe", "$default", true) + """
                  ProbeFunction:
                    Type: AWS::Serverless::Function
                    Properties:
                      Timeout: 60
                """ + TestTemplates.lambdaRoute("Short", "short", true) + """
                  ShortFunction:
                    Type: AWS::Serverless::Function
                    Properties:
                      Timeout: 1
                """);
        api = LocalApi.start(new LocalOptions(template, "127.0.0.1", 0, null, "us-east-1", Duration.ofMinutes(10),
                null, 0, Map.of(), Map.of(), 2), RuntimeOptions.defaults().withLogSink(line -> {
                    LOGS.line(line);
                    DEFAULT_CONSOLE.line(line);
                }));
    }

    @AfterAll
    static void stop() {
        if (api != null) {
            api.close();
        }
    }

    static JdkClient connect() {
        return JdkClient.connect(api.gateway().webSocketUrl());
    }

    /** The process id the handler printed before sleeping. */
    static long sleepingPid(String function) {
        String prefix = "[" + function + "] sleeping in ";
        String line = LOGS.await(function + " sleeping", REPLY, l -> l.startsWith(prefix));
        return Long.parseLong(line.substring(prefix.length()).trim());
    }

    static long pidOf(String reply) {
        assertTrue(reply.startsWith("pid "), reply);
        return Long.parseLong(reply.substring(4));
    }

    static void assertInternalServerError(String frame) {
        JsonObject error = JsonParser.parseString(frame).getAsJsonObject();
        assertEquals("Internal server error", error.get("message").getAsString(), frame);
        assertEquals(16, error.get("connectionId").getAsString().length(), frame);
        assertEquals(16, error.get("requestId").getAsString().length(), frame);
        assertTrue(frame.startsWith("{\"message\": \"Internal server error\""), "API Gateway's spacing: " + frame);
    }

    @Test
    void functionProcessKilledMidInvocation_clientGetsInternalServerError_andTheNextMessageWorksOnANewProcess() {
        JdkClient client = connect();
        client.send("{\"action\":\"sleep\",\"ms\":20000}");
        long pid = sleepingPid("ProbeFunction");
        // The function's JVM: a child of this test JVM (through no shell) running the handler.
        List<ProcessHandle> functionJvms = ProcessHandle.current().descendants()
                .filter(p -> p.info().commandLine().orElse("").contains(HANDLER))
                .filter(p -> p.pid() == pid)
                .toList();
        assertEquals(1, functionJvms.size(), "one function JVM with pid " + pid);

        assertTrue(functionJvms.get(0).destroyForcibly());

        assertInternalServerError(client.nextMessage(REPLY));
        assertFalse(client.isClosed(), "the connection survives its function's crash");
        client.send("{\"action\":\"again\"}");
        long next = pidOf(client.nextMessage(REPLY));
        assertNotEquals(pid, next, "a new process handles the next message");
        Await.until("the killed process gone", REPLY, () -> ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true));
    }

    @Test
    void functionPastItsTimeout_clientGetsInternalServerError_andItsProcessIsReplaced() {
        JdkClient client = connect();
        client.send("{\"action\":\"short\",\"ms\":10000}");
        long pid = sleepingPid("ShortFunction");

        assertInternalServerError(client.nextMessage(REPLY));
        LOGS.await("Lambda's timeout line", REPLY, line -> line.startsWith("[ShortFunction] ")
                && line.endsWith("Task timed out after 1.00 seconds"));
        Await.until("the timed-out process killed", REPLY,
                () -> ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true));

        client.send("{\"action\":\"short\"}");
        assertNotEquals(pid, pidOf(client.nextMessage(REPLY)), "a new process handles the next message");
        assertFalse(client.isClosed());
    }

    @Test
    void theDefaultConsole_showsATimeoutAndTheFailedMessage_asErrorsWithWhatToDo_withoutLambdasOwnLines() {
        JdkClient client = connect();
        client.send("{\"action\":\"short\",\"ms\":10000,\"tag\":\"console\"}");
        String requestId = JsonParser.parseString(client.nextMessage(REPLY)).getAsJsonObject().get("requestId")
                .getAsString();
        Await.until("the failed message on the console", REPLY, () -> CONSOLE.toString().contains(requestId));

        List<String> console = CONSOLE.toString().lines().toList();
        int timeout = indexOf(console, line -> line.matches("\\d\\d:\\d\\d:\\d\\d ERROR \\[ShortFunction\\] .*"
                + "Task timed out after 1.00 seconds"));
        assertTrue(timeout >= 0, String.join("\n", console));
        assertTrue(console.get(timeout + 1).trim().startsWith("raise the function's Timeout in the template"),
                console.get(timeout + 1));
        int failed = indexOf(console, line -> line.contains(" ERROR message connectionId=")
                && line.contains(" requestId=" + requestId + " route=short outcome=function failed: "));
        assertTrue(failed >= 0, String.join("\n", console));
        assertEquals("the client got {\"message\": \"Internal server error\"}; ShortFunction's own lines say why",
                console.get(failed + 1).trim());
        assertTrue(console.stream().anyMatch(line -> line.matches("\\d\\d:\\d\\d:\\d\\d \\[ShortFunction\\] "
                + "sleeping in \\d+")), "the function's own line, prefixed with its name:\n" + CONSOLE);
        assertEquals(List.of(), console.stream().filter(line -> line.contains("START RequestId: ")
                || line.contains("REPORT RequestId: ") || line.contains("Picked up JAVA_TOOL_OPTIONS")).toList(),
                "Lambda's lines and the JVM's notes are for --verbose");
        assertTrue(LOGS.text().contains("[ShortFunction] START RequestId: "), "the sink itself got them");
    }

    static int indexOf(List<String> lines, java.util.function.Predicate<String> wanted) {
        for (int i = 0; i < lines.size(); i++) {
            if (wanted.test(lines.get(i))) {
                return i;
            }
        }
        return -1;
    }
}
