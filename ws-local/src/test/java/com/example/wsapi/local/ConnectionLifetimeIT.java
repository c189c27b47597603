package com.example.wsapi.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.wsapi.local.lambda.RuntimeOptions;
import com.example.wsapi.local.lambda.Scaling;
import com.example.wsapi.local.testing.Await;
import com.example.wsapi.local.testing.JdkClient;
import com.example.wsapi.local.testing.LogLines;
import com.example.wsapi.local.testing.ProjectApi;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code --max-lifetime}: API Gateway closes every connection two hours after its handshake, whatever its traffic; a
 * short lifetime lets a client's reconnecting be tried. The project's template, functions started on first use.
 */
class ConnectionLifetimeIT {

    private static final Duration LIFETIME = Duration.ofSeconds(3);

    @Test
    void aBusyConnection_isClosedWithGoingAway_atItsLifetime_andItsDisconnectRuns() throws Exception {
        LogLines logs = new LogLines(false);
        try (LocalApi api = LocalApi.start(new LocalOptions(ProjectApi.template(), "127.0.0.1", 0, null, "us-east-1",
                Duration.ofMinutes(10), null, 0, Map.of(), Map.of(), 10, null, false, Scaling.AUTO, false, LIFETIME),
                RuntimeOptions.defaults().withLogSink(logs))) {
            JdkClient client = JdkClient.connect(api.gateway().webSocketUrl());
            // Traffic keeps resetting the idle timeout (ten minutes here anyway): only the lifetime can close it.
            Await.until("the connection's close", ProjectApi.REPLY.plus(LIFETIME).plus(LIFETIME), () -> {
                if (!client.isClosed()) {
                    try {
                        client.send("{\"action\":\"echo\",\"data\":\"still here\"}");
                        client.pollMessage(1000); // its reply, before the next one
                    } catch (RuntimeException closedMeanwhile) {
                        // The close frame came between the check and the send: the condition says so next.
                    }
                }
                return client.isClosed();
            });

            assertEquals(1001, client.awaitClose().code());
            // The gateway's line comes once $disconnect has run.
            logs.await("$disconnect with status 1001", ProjectApi.REPLY,
                    line -> line.startsWith("disconnect connectionId=") && line.contains("status=1001"));
            assertTrue(logs.records("DisconnectFunction").stream().anyMatch(record -> "INFO".equals(record.level())
                    && record.message().startsWith("disconnected ")), logs.text());
        }
    }
}
