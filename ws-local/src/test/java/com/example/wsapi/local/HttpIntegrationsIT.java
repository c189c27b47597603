package com.example.wsapi.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.wsapi.local.lambda.RuntimeOptions;
import com.example.wsapi.local.testing.Await;
import com.example.wsapi.local.testing.JdkClient;
import com.example.wsapi.local.testing.TestBackend;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * End to end: ws-local (template, gateway, DynamoDB Local, no function at all) on a template whose routes call an
 * HTTP backend over HTTP and HTTP_PROXY integrations, and a MOCK route, against a real HTTP server.
 */
class HttpIntegrationsIT {

    private static final Path TEMPLATE = Path.of("src/test/resources/templates/http-integrations/template.yaml");

    static TestBackend backend;
    static LocalApi api;

    @BeforeAll
    static void start() throws Exception {
        backend = TestBackend.start();
        backend.on("/whoami", request -> TestBackend.Answer.of(200, "{\"you\":"
                + JsonParser.parseString(request.bodyText()).getAsJsonObject().get("connection_id") + "}"));
        api = LocalApi.start(new LocalOptions(TEMPLATE, "127.0.0.1", 0, null, "us-east-1", Duration.ofMinutes(10),
                null, 0, Map.of("BackendUrl", backend.url("")), Map.of(), 1), RuntimeOptions.defaults());
    }

    @AfterAll
    static void stop() {
        if (api != null) {
            api.close();
        }
        if (backend != null) {
            backend.close();
        }
    }

    private static JsonObject json(String text) {
        return JsonParser.parseString(text).getAsJsonObject();
    }

    @Test
    void aTemplateWithoutFunctions_runs_andTheBannerShowsEachRoutesIntegration() {
        assertTrue(api.template().functions().isEmpty());
        String table = Main.routeTable(api.template());

        assertTrue(table.contains("$connect         HTTP         POST " + backend.url("/connect")), table);
        assertTrue(table.contains("sendmessage      HTTP_PROXY   POST " + backend.url("/sendmessage")), table);
        assertTrue(table.contains("whoami           HTTP         POST " + backend.url("/whoami") + "  (two-way)"), table);
        assertTrue(table.contains("ping             MOCK         (no backend"), table);
    }

    @Test
    void aConnectionsLife_goesThroughTheBackend_connectMessagesTwoWayRepliesAndDisconnect() {
        int before = backend.requests("/connect").size();
        JdkClient client = JdkClient.connect(api.gateway().webSocketUrl());
        JsonObject connect = json(backend.awaitRequest("/connect", before + 1).bodyText());
        String connectionId = connect.get("connection_id").getAsString();
        assertEquals("ws-local-it", connect.get("client").getAsString());
        assertEquals("application/json", backend.requests("/connect").get(before).header("Content-Type"));

        int sent = backend.requests("/sendmessage").size();
        client.send("{\"action\":\"sendmessage\",\"data\":\"hi \\\"all\\\"\"}");
        TestBackend.Request send = backend.awaitRequest("/sendmessage", sent + 1);
        assertEquals("{\"action\":\"sendmessage\",\"data\":\"hi \\\"all\\\"\"}", send.bodyText());
        assertEquals(connectionId, send.header("connectionId"));

        client.send("{\"action\":\"whoami\"}");
        assertEquals("{\"you\":\"" + connectionId + "\"}", client.nextMessage());

        client.send("{\"action\":\"ping\"}");
        assertEquals("{\"type\":\"pong\",\"connection\":\"" + connectionId + "\"}", client.nextMessage());

        int events = backend.requests("/handle-event").size();
        client.send("not json");
        JsonObject event = json(backend.awaitRequest("/handle-event", events + 1).bodyText());
        assertEquals("not json", event.get("body").getAsString());

        client.socket().sendClose(1000, "bye");
        Await.until("the $disconnect call", Duration.ofSeconds(5), () -> backend.requests("/disconnect").stream()
                .anyMatch(r -> r.bodyText().equals("{\"connection_id\":\"" + connectionId + "\"}")));
    }

    @Test
    void templateSelection_picksTheTemplateTheFrameNames_elseFallsBackToTheDefaultOne() {
        JdkClient client = JdkClient.connect(api.gateway().webSocketUrl());

        JsonObject greeting = sendToHandleEvent(client, "{\"kind\":\"greeting\",\"text\":\"hi\"}");
        JsonObject unknownKind = sendToHandleEvent(client, "{\"kind\":\"farewell\",\"text\":\"bye\"}");
        JsonObject noKind = sendToHandleEvent(client, "{\"text\":\"plain\"}");

        assertEquals("hi", greeting.get("greeting").getAsString());
        assertNull(greeting.get("body"), greeting.toString());
        assertEquals("{\"kind\":\"farewell\",\"text\":\"bye\"}", unknownKind.get("body").getAsString());
        assertEquals("{\"text\":\"plain\"}", noKind.get("body").getAsString());
        client.socket().sendClose(1000, "bye");
    }

    /** Sends a frame that only $default takes and returns what the backend received for it. */
    private static JsonObject sendToHandleEvent(JdkClient client, String frame) {
        int before = backend.requests("/handle-event").size();
        client.send(frame);
        return json(backend.awaitRequest("/handle-event", before + 1).bodyText());
    }
}
