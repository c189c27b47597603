package com.example.wsapi.httpbackend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.wsapi.common.AppConfig;
import com.example.wsapi.common.Json;
import com.example.wsapi.common.connections.Connection;
import com.example.wsapi.common.posting.ConnectionPoster;
import com.example.wsapi.common.testing.LocalConnectionsTable;
import com.example.wsapi.common.testing.RecordingEndpoint;
import com.google.gson.JsonObject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The backend over real HTTP (the JDK's HttpClient), as API Gateway calls it with http-backend/template.yaml, against
 * DynamoDB Local and a recording @connections endpoint.
 */
class HttpBackendIT {

    @RegisterExtension
    static final LocalConnectionsTable dynamo = LocalConnectionsTable.freshForEachTest();

    private static final Instant NOW = Instant.parse("2026-11-21T08:42:20.529Z");
    private static final String SENDER = "SenderSenderSe0=";
    private static final String OTHER = "OtherOtherOthe0=";
    private static final String THIRD = "ThirdThirdThir0=";

    @AutoClose
    private final RecordingEndpoint endpoint = RecordingEndpoint.start();
    private final HttpClient http = HttpClient.newHttpClient();
    private HttpBackend backend;

    @BeforeEach
    void start() throws IOException {
        backend = HttpBackend.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), dynamo.store(),
                new ConnectionPoster(endpoint.client()), AppConfig.DEFAULT_CONNECTION_TTL,
                Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @AfterEach
    void stop() {
        backend.stop();
    }

    // ---------------------------------------------------------------- helpers

    private URI url(String path) {
        return URI.create("http://127.0.0.1:" + backend.address().getPort() + path);
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return send(HttpRequest.newBuilder(url(path)).POST(BodyPublishers.ofString(body)));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), BodyHandlers.ofString());
    }

    private static JsonObject json(HttpResponse<String> response) {
        assertEquals(Optional.of("application/json; charset=utf-8"), response.headers().firstValue("Content-Type"));
        return Json.parseObject(response.body()).orElseThrow(() -> new AssertionError("not JSON: " + response.body()));
    }

    private static void save(String connectionId) {
        dynamo.store().save(new Connection(connectionId, 1_795_250_537_112L, "203.0.113.24", null, 1_795_258_337L,
                null, null));
    }

    private List<JsonObject> received(String connectionId) {
        return endpoint.bodiesFor(connectionId).stream().map(body -> Json.parseObject(body).orElseThrow()).toList();
    }

    private static JsonObject message(String from, String dataJson, Instant sentAt) {
        return Json.parseObject("{\"type\":\"message\",\"from\":\"" + from + "\",\"data\":" + dataJson
                + ",\"sentAt\":\"" + sentAt + "\"}").orElseThrow();
    }

    // ---------------------------------------------------------------- $connect and $disconnect

    @Test
    void connect_storesTheRecord_withWhatTheTemplateSends() throws Exception {
        HttpResponse<String> response = post("/connect", "{\"connection_id\":\"" + SENDER + "\",\"connected_at\":"
                + "1795250537112,\"source_ip\":\"203.0.113.24\",\"user_agent\":\"wscat \\\"6.1.0\\\"\"}");

        assertEquals(200, response.statusCode());
        assertEquals(SENDER, json(response).get("connectionId").getAsString());
        long expiresAt = 1_795_250_537L + AppConfig.DEFAULT_CONNECTION_TTL.toSeconds();
        assertEquals(Optional.of(new Connection(SENDER, 1_795_250_537_112L, "203.0.113.24", "wscat \"6.1.0\"",
                expiresAt, null, null)), dynamo.store().find(SENDER));
    }

    @Test
    void connect_withTheIdOnly_storesItAsConnectedNow() throws Exception {
        assertEquals(200, post("/connect", "{\"connection_id\":\"" + SENDER + "\"}").statusCode());

        Connection stored = dynamo.store().find(SENDER).orElseThrow();
        assertEquals(NOW.toEpochMilli(), stored.connectedAt());
        assertEquals(NOW.getEpochSecond() + AppConfig.DEFAULT_CONNECTION_TTL.toSeconds(), stored.expiresAt());
    }

    @Test
    void disconnect_removesTheRecord() throws Exception {
        save(SENDER);
        save(OTHER);

        HttpResponse<String> response = post("/disconnect", "{\"connection_id\":\"" + SENDER + "\"}");

        assertEquals(200, response.statusCode());
        assertEquals(Optional.empty(), dynamo.store().find(SENDER));
        assertTrue(dynamo.store().find(OTHER).isPresent());
        assertEquals(List.of(), endpoint.requests(), "nobody to tell: the record had no room");
    }

    @Test
    void disconnect_ofAConnectionWithoutRecord_isFine() throws Exception {
        assertEquals(200, post("/disconnect", "{\"connection_id\":\"" + SENDER + "\"}").statusCode());
        assertEquals(0, dynamo.count());
    }

    // ---------------------------------------------------------------- messages

    @Test
    void handleEvent_postsTheFrameToEveryStoredConnection_theSenderIncluded() throws Exception {
        Stream.of(SENDER, OTHER, THIRD).forEach(HttpBackendIT::save);
        long receivedAt = 1_795_250_600_123L;

        HttpResponse<String> response = post("/handle-event", "{\"connection_id\":\"" + SENDER
                + "\",\"request_time_epoch\":" + receivedAt + ",\"body\":\"hello \\\"all\\\"\"}");

        assertEquals(200, response.statusCode());
        assertEquals(Json.parseObject("{\"sent\":true,\"delivered\":3,\"gone\":0,\"failed\":0}").orElseThrow(),
                json(response));
        JsonObject expected = message(SENDER, "\"hello \\\"all\\\"\"", Instant.ofEpochMilli(receivedAt));
        for (String id : List.of(SENDER, OTHER, THIRD)) {
            assertEquals(List.of(expected), received(id), id);
        }
    }

    @Test
    void handleEvent_aJsonFrame_isSentAsJson() throws Exception {
        save(SENDER);
        save(OTHER);

        post("/handle-event", "{\"connection_id\":\"" + SENDER + "\",\"body\":\"{\\\"text\\\":\\\"hi\\\"}\"}");

        assertEquals(List.of(message(SENDER, "{\"text\":\"hi\"}", NOW)), received(OTHER));
    }

    @Test
    void handleEvent_whenAConnectionIsGone_removesItsRecordAndStillReachesTheOthers() throws Exception {
        Stream.of(SENDER, OTHER, THIRD).forEach(HttpBackendIT::save);
        endpoint.markGone(OTHER);

        HttpResponse<String> response = post("/handle-event", "{\"connection_id\":\"" + SENDER
                + "\",\"body\":\"hello\"}");

        assertEquals(1, json(response).get("gone").getAsInt());
        assertEquals(2, json(response).get("delivered").getAsInt());
        assertEquals(Optional.empty(), dynamo.store().find(OTHER));
        assertTrue(dynamo.store().find(SENDER).isPresent());
        assertTrue(dynamo.store().find(THIRD).isPresent());
        assertEquals(List.of(message(SENDER, "\"hello\"", NOW)), received(THIRD));
    }

    @Test
    void sendmessage_theProxiedFrame_reachesEveryone() throws Exception {
        save(SENDER);
        save(OTHER);

        HttpResponse<String> response = send(HttpRequest.newBuilder(url("/sendmessage"))
                .header(Routes.CONNECTION_ID_HEADER, SENDER)
                .POST(BodyPublishers.ofString("{\"action\":\"sendmessage\",\"data\":{\"text\":\"hi\"}}")));

        assertEquals(200, response.statusCode());
        assertTrue(json(response).get("sent").getAsBoolean());
        JsonObject expected = message(SENDER, "{\"text\":\"hi\"}", NOW);
        assertEquals(List.of(expected), received(SENDER));
        assertEquals(List.of(expected), received(OTHER));
    }

    @Test
    void sendmessage_withoutData_tellsTheSenderOnly() throws Exception {
        save(SENDER);
        save(OTHER);

        HttpResponse<String> response = send(HttpRequest.newBuilder(url("/sendmessage"))
                .header("x-connection-id", SENDER) // header names are case-insensitive
                .POST(BodyPublishers.ofString("{\"action\":\"sendmessage\"}")));

        assertEquals(200, response.statusCode());
        assertFalse(json(response).get("sent").getAsBoolean());
        assertEquals("DELIVERED", json(response).get("errorReply").getAsString());
        List<JsonObject> replies = received(SENDER);
        assertEquals(1, replies.size());
        assertEquals("error", replies.get(0).get("type").getAsString());
        assertTrue(replies.get(0).get("message").getAsString().startsWith("sendmessage needs \"data\""));
        assertEquals(List.of(), received(OTHER));
    }

    // ---------------------------------------------------------------- whoami (two-way)

    @Test
    void whoami_answersTheCallerWithItsOwnRecord() throws Exception {
        dynamo.store().save(new Connection(SENDER, 1_795_250_537_112L, "203.0.113.24", "wscat/6.1.0", 1_795_258_337L,
                null, null));
        save(OTHER);

        HttpResponse<String> response = post("/whoami", "{\"connection_id\":\"" + SENDER + "\"}");

        assertEquals(200, response.statusCode());
        assertEquals(Json.parseObject("{\"type\":\"whoami\",\"connectionId\":\"" + SENDER + "\",\"connectedAt\":"
                + "\"2026-11-21T08:42:17.112Z\",\"sourceIp\":\"203.0.113.24\",\"userAgent\":\"wscat/6.1.0\"}")
                .orElseThrow(), json(response));
        assertEquals(List.of(), endpoint.requests(), "the answer is the HTTP response, not a post to @connections");
    }

    @Test
    void whoami_withoutARecord_answers404WithAMessage() throws Exception {
        HttpResponse<String> response = post("/whoami", "{\"connection_id\":\"" + SENDER + "\"}");

        assertEquals(404, response.statusCode());
        assertTrue(json(response).get("message").getAsString().startsWith("this connection has no record"));
    }

    // ---------------------------------------------------------------- bad requests

    static Stream<Arguments> badRequests() {
        byte[] tooLarge = new byte[HttpBackend.MAX_BODY_BYTES + 1];
        java.util.Arrays.fill(tooLarge, (byte) ' ');
        return Stream.of(
                Arguments.of("not JSON", "POST", "/connect", BodyPublishers.ofString("hello"), 400,
                        "the body is not a JSON object"),
                Arguments.of("no connection id", "POST", "/disconnect", BodyPublishers.ofString("{}"), 400,
                        "\"connection_id\" is missing"),
                Arguments.of("an unrendered reference", "POST", "/disconnect",
                        BodyPublishers.ofString("{\"connection_id\":\"$context.connectionID\"}"), 400,
                        "\"connection_id\" is not a connection id"),
                Arguments.of("no frame", "POST", "/handle-event",
                        BodyPublishers.ofString("{\"connection_id\":\"" + SENDER + "\"}"), 400, "\"body\" is missing"),
                Arguments.of("no connection id header", "POST", "/sendmessage",
                        BodyPublishers.ofString("{\"action\":\"sendmessage\",\"data\":\"hi\"}"), 400,
                        "the X-Connection-Id header is missing"),
                Arguments.of("not UTF-8", "POST", "/connect",
                        BodyPublishers.ofByteArray(new byte[] {'{', (byte) 0xC3, (byte) 0x28, '}'}), 400,
                        "the body is not valid UTF-8"),
                Arguments.of("wrong method", "GET", "/whoami", BodyPublishers.noBody(), 405,
                        "/whoami answers POST only"),
                Arguments.of("wrong method on health", "DELETE", "/health", BodyPublishers.noBody(), 405,
                        "/health answers GET only"),
                Arguments.of("unknown path", "POST", "/messages", BodyPublishers.ofString("{}"), 404,
                        "no such endpoint: the backend answers POST /connect"),
                Arguments.of("a path that only starts like one", "POST", "/connect/extra",
                        BodyPublishers.ofString("{}"), 404, "no such endpoint"),
                Arguments.of("too large, by Content-Length", "POST", "/connect", BodyPublishers.ofByteArray(tooLarge),
                        413, "the body is larger than 1048576 bytes"),
                Arguments.of("too large, chunked", "POST", "/handle-event",
                        BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(tooLarge)), 413,
                        "the body is larger than 1048576 bytes"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badRequests")
    void aBadRequest_getsItsStatusAndAMessage_andChangesNothing(String what, String method, String path,
            BodyPublisher body, int status, String message) throws Exception {
        save(SENDER);
        Connection before = dynamo.store().find(SENDER).orElseThrow();

        HttpResponse<String> response = send(HttpRequest.newBuilder(url(path)).method(method, body));

        assertEquals(status, response.statusCode(), response.body());
        String said = json(response).get("message").getAsString();
        assertTrue(said.startsWith(message), said);
        if (status == 405) {
            assertEquals(Optional.of(path.equals("/health") ? "GET" : "POST"), response.headers().firstValue("Allow"));
        }
        assertEquals(1, dynamo.count());
        assertEquals(Optional.of(before), dynamo.store().find(SENDER));
        assertEquals(List.of(), endpoint.requests());
    }

    // ---------------------------------------------------------------- health and stop

    @Test
    void health_answersOk() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(url("/health")).GET());

        assertEquals(200, response.statusCode());
        assertEquals("ok", json(response).get("status").getAsString());
    }

    @Test
    void stop_whenIdle_drainsAtOnceAndStopsListening() throws Exception {
        URI health = url("/health");

        assertTrue(backend.stop(), "nothing was in progress");
        assertThrows(IOException.class, () -> http.send(HttpRequest.newBuilder(health).build(),
                BodyHandlers.ofString()));
    }
}
