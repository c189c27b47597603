package com.example.wsapi.local;

import static com.example.wsapi.local.FunctionFaultsIT.assertInternalServerError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.wsapi.local.lambda.RuntimeOptions;
import com.example.wsapi.local.lambda.Scaling;
import com.example.wsapi.local.lambda.testfunctions.WebSocketProbeHandler;
import com.example.wsapi.local.log.ConsoleLog;
import com.example.wsapi.local.testing.Await;
import com.example.wsapi.local.testing.JdkClient;
import com.example.wsapi.local.testing.LogLines;
import com.example.wsapi.local.testing.TestTemplates;
import com.google.gson.JsonParser;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ReservedConcurrentExecutions through the gateway, on real function JVMs: an invoke beyond the reservation is
 * throttled, which API Gateway takes as an integration failure (no retry): the error frame for a message, a refused
 * handshake for $connect.
 */
class ReservedConcurrencyIT {

    static final Duration REPLY = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    /** A template whose functions run ws-local's probe handler (a message with "ms" sleeps that long). */
    private Path template(String resources) throws Exception {
        return TestTemplates.probeProject(dir, WebSocketProbeHandler.class, "    Timeout: 60\n", resources);
    }

    @Test
    void messageBeyondTheReservation_getsTheErrorFrameAtOnce_andTheConsoleSaysItWasThrottled() throws Exception {
        Path template = template(TestTemplates.lambdaRoute("Probe", "$default", true) + """
                  ProbeFunction:
                    Type: AWS::Serverless::Function
                    Properties:
                      ReservedConcurrentExecutions: 1
                """);
        LogLines logs = new LogLines(true);
        StringWriter console = new StringWriter();
        ConsoleLog defaultConsole = ConsoleLog.forApi(new PrintWriter(console, true), false, Clock.systemDefaultZone());
        // --max-concurrency 10: the reservation, lower, is what holds.
        try (LocalApi api = LocalApi.start(new LocalOptions(template, "127.0.0.1", 0, null, "us-east-1",
                Duration.ofMinutes(10), null, 0, Map.of(), Map.of(), 10), RuntimeOptions.defaults()
                .withLogSink(line -> {
                    logs.line(line);
                    defaultConsole.line(line);
                }))) {
            JdkClient client = JdkClient.connect(api.gateway().webSocketUrl());
            client.send("{\"ms\":8000}");
            logs.await("the first message running", REPLY, line -> line.startsWith("[ProbeFunction] sleeping in "));

            client.send("{\"second\":true}");
            String frame = client.nextMessage(REPLY);

            assertInternalServerError(frame);
            assertFalse(client.isClosed(), "a throttled message leaves the connection open");
            String requestId = JsonParser.parseString(frame).getAsJsonObject().get("requestId").getAsString();
            Await.until("the throttled message on the console", REPLY, () -> console.toString().contains(requestId));
            List<String> lines = console.toString().lines().toList();
            int failed = FunctionFaultsIT.indexOf(lines, line -> line.contains(" ERROR message connectionId=")
                    && line.contains(" requestId=" + requestId + " route=$default outcome=throttled: "
                    + "ReservedConcurrentExecutions 1 reached duration="));
            assertTrue(failed >= 0, console.toString());
            assertTrue(lines.get(failed + 1).contains("ProbeFunction throttled: ReservedConcurrentExecutions 1 "
                    + "reached (1 event of it running or waiting for an instance); Lambda answers the Invoke with 429 "
                    + "TooManyRequestsException \"Rate Exceeded.\""), lines.get(failed + 1));
            assertEquals(1, api.runtime().instanceCount("ProbeFunction"), "the throttled message started nothing");
        }
    }

    @Test
    void connectFunctionReservedAtZero_refusesEveryHandshake_startsNoInstanceEvenWarm_andTheBannerSaysSo()
            throws Exception {
        Path template = template(TestTemplates.lambdaRoute("Connect", "$connect", false) + """
                  ConnectFunction:
                    Type: AWS::Serverless::Function
                    Properties:
                      ReservedConcurrentExecutions: 0
                """);
        LogLines logs = new LogLines(true);
        try (LocalApi api = LocalApi.start(new LocalOptions(template, "127.0.0.1", 0, null, "us-east-1",
                Duration.ofMinutes(10), null, 0, Map.of(), Map.of(), 10, null, true, Scaling.LAMBDA),
                RuntimeOptions.defaults().withLogSink(logs::line))) {
            assertEquals(502, JdkClient.refusedStatus(api.gateway().webSocketUrl()),
                    "an integration failure, as for a function that fails");
            logs.await("the refused handshake's line", REPLY, line -> line.contains("status=502")
                    && line.contains("$connect failed: throttled: ReservedConcurrentExecutions 0 (no event may run)"));
            assertEquals(0, api.runtime().instanceCount("ConnectFunction"), "Lambda never runs it, warm or not");
            assertEquals(1, api.template().notes().stream()
                    .filter(note -> note.startsWith("ConnectFunction has ReservedConcurrentExecutions 0: Lambda "
                            + "throttles every invoke of it")).count(), String.join("\n", api.template().notes()));
        }
    }
}
