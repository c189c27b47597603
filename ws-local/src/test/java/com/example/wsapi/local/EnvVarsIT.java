package com.example.wsapi.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.wsapi.local.lambda.RuntimeOptions;
import com.example.wsapi.local.testing.JdkClient;
import com.example.wsapi.local.testing.ProjectApi;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The README's "Try a function" path, offline: ws-local running the API in one terminal (here on free ports instead
 * of 3001 and 8000), and {@code ws-local invoke <Function> --event events/<event>.json --env-vars
 * events/env.ws-local.json} in another, each function in its own JVM with the template's environment overridden
 * only where the template declares a variable (as sam local invoke runs it). The functions must reach the running
 * API's table, by the name the file gives, and its @connections endpoint.
 */
class EnvVarsIT {

    static final Path ROOT = InvokeIT.ROOT;

    static ProjectApi api;
    static JdkClient client;
    static String clientId;

    @TempDir
    static Path dir;
    static Path envVars;

    @BeforeAll
    static void start() throws Exception {
        api = ProjectApi.start(2, RuntimeOptions.defaults());
        client = api.connect("env-vars-it");
        clientId = api.connectionIdOf("env-vars-it");
        // events/env.ws-local.json with the ports this run got instead of the documented 8000 and 3001.
        String file = Files.readString(ROOT.resolve("events/env.ws-local.json"));
        assertTrue(file.contains("http://127.0.0.1:8000\"") && file.contains("http://127.0.0.1:3001/dev\""), file);
        envVars = Files.writeString(dir.resolve("env.json"), file
                .replace("http://127.0.0.1:8000", api.api().dynamo().endpoint().toString())
                .replace("http://127.0.0.1:3001", "http://127.0.0.1:" + api.ws().getPort()));
    }

    @AfterAll
    static void stop() {
        if (api != null) {
            api.close();
        }
    }

    /** {@code ws-local invoke} with a sample event, its connection id replaced by {@code connectionId}. */
    private static InvokeIT.Result invoke(String function, String event, String connectionId) throws Exception {
        JsonObject json = JsonParser.parseString(Files.readString(ROOT.resolve("events").resolve(event)))
                .getAsJsonObject();
        json.getAsJsonObject("requestContext").addProperty("connectionId", connectionId);
        Path file = Files.writeString(dir.resolve(event), json.toString());
        InvokeIT.Result result = InvokeIT.run("invoke", function, "--event", file.toString(), "--env-vars",
                envVars.toString(), "--template", ROOT.resolve("template.yaml").toString());
        assertEquals(0, result.exitCode(), result.err());
        return result;
    }

    @Test
    void envFiles_nameTheTableWsLocalCreates_andDifferOnlyInTheHostTheFunctionsReachItBy() throws Exception {
        JsonObject local = JsonParser.parseString(Files.readString(ROOT.resolve("events/env.ws-local.json")))
                .getAsJsonObject();
        String docker = Files.readString(ROOT.resolve("events/env.json"));

        assertEquals(api.table(), local.getAsJsonObject("Parameters").get("CONNECTIONS_TABLE").getAsString(),
                "events/env*.json must name the table ws-local creates from template.yaml and samconfig.toml");
        assertEquals(Files.readString(ROOT.resolve("events/env.ws-local.json")),
                docker.replace("host.docker.internal", "127.0.0.1"),
                "events/env.json (sam local, in Docker) and events/env.ws-local.json differ in more than the host");
    }

    @Test
    void connect_storesTheConnectionInTheRunningApisTable() throws Exception {
        InvokeIT.Result result = invoke("ConnectFunction", "connect.json", "EnvVarsConnect0=");

        assertEquals(200, result.response().get("statusCode").getAsInt(), result.out() + result.err());
        assertTrue(api.record("EnvVarsConnect0=").isPresent(), "no record in " + api.table());
    }

    @Test
    void joinroomThenSendmessage_updateTheRecord_andReachTheClientThroughTheRunningApisConnections() throws Exception {
        InvokeIT.Result joined = invoke("JoinRoomFunction", "joinroom.json", clientId);

        assertEquals(200, joined.response().get("statusCode").getAsInt(), joined.out() + joined.err());
        Map<String, AttributeValue> record = api.record(clientId).orElseThrow();
        assertEquals("lobby", record.get("room").s());
        assertTrue(client.nextMessage(ProjectApi.REPLY).contains("\"type\":\"joined\""));

        InvokeIT.Result sent = invoke("SendMessageFunction", "sendmessage.json", clientId);

        assertEquals(200, sent.response().get("statusCode").getAsInt(), sent.out() + sent.err());
        assertTrue(client.nextMessage(ProjectApi.REPLY).contains("\"data\":\"hello, lobby\""));
    }

    @Test
    void disconnect_removesTheRecordFromTheRunningApisTable() throws Exception {
        invoke("ConnectFunction", "connect.json", "EnvVarsGone0000=");
        assertTrue(api.record("EnvVarsGone0000=").isPresent());

        InvokeIT.Result result = invoke("DisconnectFunction", "disconnect.json", "EnvVarsGone0000=");

        assertEquals(200, result.response().get("statusCode").getAsInt(), result.out() + result.err());
        assertTrue(api.record("EnvVarsGone0000=").isEmpty());
    }
}
