package com.example.wsapi.httpbackend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.wsapi.common.Json;
import com.example.wsapi.common.testing.LocalConnectionsTable;
import com.example.wsapi.common.testing.RecordingEndpoint;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** target/http-backend.jar run with java -jar: its options, its environment variables, its start and its stop. */
class HttpBackendJarIT {

    @RegisterExtension
    static final LocalConnectionsTable dynamo = LocalConnectionsTable.freshForEachTest();

    /** Starting a JVM on a busy machine. */
    private static final Duration START = Duration.ofSeconds(60);
    private static final Pattern LISTENING = Pattern.compile("listening on http://127\\.0\\.0\\.1:(\\d+) ");
    private static final String SENDER = "SenderSenderSe0=";
    private static final String SECRET = "a message nobody logs";

    @AutoClose
    private final RecordingEndpoint endpoint = RecordingEndpoint.start();
    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> post(String port, String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .POST(BodyPublishers.ofString(body)).build(), BodyHandlers.ofString());
    }

    @Test
    void theJar_servesTheRoutes_logsOnlyIds_andStopsCleanlyOnSigterm() throws Exception {
        try (RunningJar jar = RunningJar.start(List.of("--port", "0",
                "--connections-endpoint", endpoint.stageUrl(RecordingEndpoint.STAGE) + "/@connections",
                "--dynamodb-endpoint", dynamo.endpoint().toString(), "--table", dynamo.tableName()), Map.of())) {
            String port = jar.awaitLine(LISTENING, START);

            assertEquals(200, post(port, "/connect", "{\"connection_id\":\"" + SENDER + "\",\"connected_at\":"
                    + "1795250537112,\"source_ip\":\"203.0.113.24\",\"user_agent\":\"" + SECRET + "\"}").statusCode());
            assertEquals(200, post(port, "/handle-event", "{\"connection_id\":\"" + SENDER + "\",\"body\":\""
                    + SECRET + "\"}").statusCode());

            assertTrue(dynamo.store().find(SENDER).isPresent());
            List<String> posted = endpoint.bodiesFor(SENDER);
            assertEquals(1, posted.size());
            assertEquals(SECRET, Json.parseObject(posted.get(0)).orElseThrow().get("data").getAsString());

            jar.terminate();
            assertEquals(143, jar.awaitExit(Duration.ofSeconds(30)), "ended by SIGTERM, after its shutdown hook");
            assertTrue(jar.output().lines().anyMatch(line -> line.endsWith("http-backend - stopped")), jar.output());
            assertTrue(jar.output().contains("connected " + SENDER), jar.output());
            assertFalse(jar.output().contains(SECRET), "frames and user agents stay out of the log:\n" + jar.output());
        }
    }

    @Test
    void environmentVariables_configureItLikeTheOptions() throws Exception {
        try (RunningJar jar = RunningJar.start(List.of(), Map.of("PORT", "0",
                "CONNECTIONS_ENDPOINT", endpoint.stageUrl(RecordingEndpoint.STAGE).toString(),
                "DYNAMODB_ENDPOINT", dynamo.endpoint().toString(), "CONNECTIONS_TABLE", dynamo.tableName()))) {
            String port = jar.awaitLine(LISTENING, START);

            assertEquals(200, post(port, "/connect", "{\"connection_id\":\"" + SENDER + "\"}").statusCode());
            assertTrue(dynamo.store().find(SENDER).isPresent());
        }
    }

    @Test
    void help_namesEveryOptionAndItsEnvironmentVariable() throws Exception {
        try (RunningJar jar = RunningJar.start(List.of("--help"), Map.of())) {
            assertEquals(0, jar.awaitExit(START));
            for (String option : List.of("--port=<n>", "[PORT]", "--host=<addr>", "[BIND_HOST]",
                    "--connections-endpoint=<url>", "[CONNECTIONS_ENDPOINT]", "--table=<name>", "[CONNECTIONS_TABLE]",
                    "--dynamodb-endpoint=<url>", "[DYNAMODB_ENDPOINT]", "--region=<region>", "[AWS_REGION]")) {
                assertTrue(jar.output().contains(option), option + " in\n" + jar.output());
            }
        }
    }

    @Test
    void withoutConnectionsEndpoint_exitsWith2AndSaysWhatIsMissing() throws Exception {
        try (RunningJar jar = RunningJar.start(List.of("--dynamodb-endpoint", "http://127.0.0.1:8000"), Map.of())) {
            assertEquals(2, jar.awaitExit(START));
            assertTrue(jar.output().startsWith("http-backend: --connections-endpoint (CONNECTIONS_ENDPOINT) is "
                    + "required"), jar.output());
            assertFalse(jar.output().contains("Usage:"), "one message, not the whole help");
        }
    }

    @Test
    void onATakenPort_exitsWith1AndNamesIt() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             RunningJar jar = RunningJar.start(List.of("--port", Integer.toString(taken.getLocalPort()),
                     "--connections-endpoint", "http://127.0.0.1:3001/dev",
                     "--dynamodb-endpoint", dynamo.endpoint().toString()), Map.of())) {
            assertEquals(1, jar.awaitExit(START));
            assertTrue(jar.output().contains("http-backend: cannot listen on 127.0.0.1:" + taken.getLocalPort()),
                    jar.output());
        }
    }
}
