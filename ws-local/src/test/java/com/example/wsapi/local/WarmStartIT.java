package com.example.wsapi.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.wsapi.local.lambda.LambdaRuntime;
import com.example.wsapi.local.lambda.RuntimeOptions;
import com.example.wsapi.local.lambda.Scaling;
import com.example.wsapi.local.testing.Await;
import com.example.wsapi.local.testing.JdkClient;
import com.example.wsapi.local.testing.ProjectApi;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * ws-local's defaults on this project's template: every routed function has a warm instance, primed by its SnapStart
 * hooks, before the start returns (before the ready line), and the first events need no JVM start.
 */
class WarmStartIT {

    private static final List<String> LOGS = new CopyOnWriteArrayList<>();
    private static LocalApi api;

    @BeforeAll
    static void start() throws Exception {
        api = LocalApi.start(new LocalOptions(ProjectApi.template(), "127.0.0.1", 0, null, "us-east-1",
                Duration.ofMinutes(10), null, 0, Map.of(), Map.of(), 10, null, true, Scaling.AUTO),
                RuntimeOptions.defaults().withLogSink(line -> LOGS.add(line.toString())));
    }

    @AfterAll
    static void stop() {
        if (api != null) {
            api.close();
        }
    }

    @Test
    void start_returnsWithAReadyInstanceOfEveryRoutedFunction_primedByItsSnapStartHooks() throws Exception {
        LambdaRuntime runtime = api.runtime();
        for (String function : LocalApi.routedFunctions(api.template())) {
            assertEquals(1, runtime.instanceCount(function), function + ":\n" + String.join("\n", LOGS));
            // Asking again adds no instance and answers at once: this one has asked for its first event.
            assertTrue(runtime.prewarm(function).isDone() && runtime.prewarm(function).get(), function);
            assertTrue(LOGS.stream().anyMatch(line -> line.startsWith("[" + function + "] RESTORE_REPORT ")),
                    function + " ran its restore hooks after the checkpoint hooks (SnapStart is on in the template)");
        }
    }

    @Test
    void firstConnectAndEcho_runOnTheWarmInstances_whoseReportsCarryNoInitDuration() {
        JdkClient client = JdkClient.connect(api.gateway().webSocketUrl());
        try {
            client.send("{\"action\":\"echo\",\"data\":\"warm\"}");
            assertEquals("warm", client.nextMessage(ProjectApi.REPLY));
        } finally {
            client.socket().abort();
        }

        for (String function : List.of("ConnectFunction", "EchoFunction")) {
            Await.until(function + "'s REPORT", ProjectApi.REPLY,
                    () -> LOGS.stream().anyMatch(line -> line.startsWith("[" + function + "] REPORT ")));
            String report = LOGS.stream().filter(line -> line.startsWith("[" + function + "] REPORT ")).findFirst()
                    .orElseThrow();
            assertFalse(report.contains("Init Duration"), report);
            assertEquals(1, api.runtime().instanceCount(function), "no JVM started for the first event");
        }
    }

    @Test
    void everyRoutedFunction_isStartedOnce() {
        for (String function : LocalApi.routedFunctions(api.template())) {
            long starts = LOGS.stream().filter(line -> line.startsWith("[" + function + "] INIT_START ")).count();
            assertEquals(1, starts, function + ":\n" + String.join("\n", LOGS));
        }
    }
}
