package com.example.wsapi.local;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.wsapi.local.lambda.RuntimeOptions;
import com.example.wsapi.local.testing.Await;
import com.example.wsapi.local.testing.HttpBackendJar;
import com.example.wsapi.local.testing.JdkClient;
import com.example.wsapi.local.testing.TestBackend;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * "Use your own HTTP backend" end to end: ws-local on http-backend/template.yaml (HTTP and HTTP_PROXY integrations,
 * DynamoDB Local with the template's table) and the real backend behind it (http-backend.jar, storing connections in
 * that table and posting back through ws-local's @connections), with real WebSocket clients.
 *
 * <p>Between ws-local and the backend sits a recording tap ({@link TestBackend#forwardTo}): it passes every request on
 * unchanged and keeps a copy, so a test can read the bytes the backend received, and it can hold one path to play a
 * backend that never answers. What the gateway tests prove per integration type against a scripted backend
 * (GatewayHttpProxyTest, GatewayHttpIntegrationTest, ...) is not repeated here.
 */
class HttpBackendEndToEndIT {

    /** The backend's broadcasts and replies; generous for a busy machine, never waited out when things work. */
    private static final Duration REPLY = Duration.ofSeconds(30);
    /** Long for a 200 ms timeout on a busy machine, short of the 29 s an ignored TimeoutInMillis would take. */
    private static final Duration WELL_BEFORE_29_SECONDS = Duration.ofSeconds(15);
    private static final Pattern CONNECTION_ID = Pattern.compile("[A-Za-z0-9_-]{15}=");
    private static final DateTimeFormatter MILLIS_UTC = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);
    private static final Path TEMPLATE = Path.of(System.getProperty("project.root"), "http-backend", "template.yaml");

    /** ws-local, the tap and the backend for the tests that need them healthy; each test's clients close after it. */
    private static Stack stack;

    @BeforeAll
    static void start() throws Exception {
        stack = Stack.start(TEMPLATE, null);
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    /** The records there before this test: a test that failed leaves its own behind, and only those. */
    private Set<String> recordsBefore;

    @BeforeEach
    void noteRecords() {
        recordsBefore = stack.recordedIds();
    }

    @AfterEach
    void closeClients() {
        stack.closeClients(recordsBefore);
    }

    private static JsonObject json(String text) {
        return JsonParser.parseString(text).getAsJsonObject();
    }

    @Test
    void connect_storesTheConnection_withTheClientsAddressAndUserAgentAsSent() {
        // Quotes, an apostrophe and a backslash: the $connect template must escape them into valid JSON.
        String userAgent = "e2e-client/1.0 (\"quoted\"; it's a\\b)";

        stack.connect(userAgent);

        Set<String> added = stack.recordedIds();
        added.removeAll(recordsBefore);
        assertEquals(1, added.size(), "one record per connection: " + added);
        String id = added.iterator().next();
        Map<String, AttributeValue> stored = stack.record(id).orElseThrow();
        assertTrue(CONNECTION_ID.matcher(id).matches(), id);
        assertEquals("127.0.0.1", stored.get("sourceIp").s());
        assertEquals(userAgent, stored.get("userAgent").s());
        long connectedAtSeconds = Long.parseLong(stored.get("connectedAt").n()) / 1000;
        assertTrue(Long.parseLong(stored.get("expiresAt").n()) > connectedAtSeconds, "the TTL is set: " + stored);
    }

    @Test
    void aMessage_reachesEveryClient_theSenderIncluded_textAndJsonAlike() {
        JdkClient sender = stack.connect();
        List<JdkClient> everyone = List.of(sender, stack.connect(), stack.connect());
        String senderId = Stack.idOf(sender);
        // Not JSON, and every character the $default template has to escape to put the frame in a JSON string.
        String text = "hello \"all\" it's a\\b\tc ✓ 𝄞 </script>";

        sender.send(text);
        for (JdkClient client : everyone) {
            JsonObject message = json(client.nextMessage(REPLY));
            assertEquals("message", message.get("type").getAsString());
            assertEquals(senderId, message.get("from").getAsString());
            assertEquals(text, message.get("data").getAsString(), "the frame as the client typed it");
        }

        sender.send("{\"mood\":\"json\",\"n\":[1,2]}");
        for (JdkClient client : everyone) {
            assertEquals(json("{\"mood\":\"json\",\"n\":[1,2]}"), json(client.nextMessage(REPLY)).get("data"));
        }
    }

    @Test
    void whoami_answersTheSenderOnly_withItsOwnRecord() {
        JdkClient asking = stack.connect();
        JdkClient other = stack.connect();

        asking.send("{\"action\":\"whoami\"}");
        JsonObject reply = json(asking.nextMessage(REPLY));
        other.send("{\"action\":\"whoami\"}");
        JsonObject othersReply = json(other.nextMessage(REPLY));

        assertEquals("whoami", reply.get("type").getAsString());
        Map<String, AttributeValue> stored = stack.record(reply.get("connectionId").getAsString()).orElseThrow();
        assertEquals(MILLIS_UTC.format(Instant.ofEpochMilli(Long.parseLong(stored.get("connectedAt").n()))),
                reply.get("connectedAt").getAsString());
        assertEquals("127.0.0.1", reply.get("sourceIp").getAsString());
        // The other client's first frame is its own reply: the first one, already delivered, never went to it.
        assertNotEquals(reply.get("connectionId"), othersReply.get("connectionId"));
    }

    @Test
    void sendmessage_reachesTheBackendByteForByte_withTheConnectionIdInTheMappedHeader() {
        JdkClient sender = stack.connect();
        JdkClient other = stack.connect();
        String senderId = Stack.idOf(sender);
        int before = stack.tap.requests("/sendmessage").size();
        // JSON as no serialiser writes it: spacing, a line break, escapes and characters beyond the BMP.
        String frame = "{ \"action\" : \"sendmessage\",\n\t\"data\" : {\"text\":\"h\\u00e9llo ✓ 𝄞 \\\"q\\\" it's\"} }";

        sender.send(frame);

        TestBackend.Request received = stack.tap.awaitRequest("/sendmessage", before + 1);
        assertArrayEquals(frame.getBytes(StandardCharsets.UTF_8), received.body());
        assertEquals(senderId, received.header("X-Connection-Id"));
        for (JdkClient client : List.of(sender, other)) {
            JsonObject message = json(client.nextMessage(REPLY));
            assertEquals(senderId, message.get("from").getAsString(), "the backend read the id from the header");
            assertEquals("héllo ✓ 𝄞 \"q\" it's", message.getAsJsonObject("data").get("text").getAsString());
        }
    }

    @Test
    void closingAClient_removesItsRecord_andTheOthersStillGetMessages() {
        JdkClient leaving = stack.connect();
        JdkClient staying = stack.connect();
        String leavingId = Stack.idOf(leaving);
        assertTrue(stack.record(leavingId).isPresent());

        leaving.socket().sendClose(1000, "bye");

        Await.until("the record of " + leavingId + " removed", REPLY, () -> stack.record(leavingId).isEmpty());
        staying.send("still here");
        assertEquals("still here", json(staying.nextMessage(REPLY)).get("data").getAsString());
    }

    @Test
    void whoami_whenTheBackendAnswers404_sendsTheBackendsAnswerAsTheReply() {
        JdkClient client = stack.connect();
        String id = Stack.idOf(client);
        stack.deleteRecord(id); // the backend has no record of it now, and says so with a 404

        client.send("{\"action\":\"whoami\"}");

        JsonObject reply = json(client.nextMessage(REPLY));
        assertEquals(Set.of("message"), reply.keySet(), reply.toString());
        assertTrue(reply.get("message").getAsString().startsWith("this connection has no record"), reply.toString());
        assertFalse(client.isClosed());
    }

    @Test
    void backendDown_refusesHandshakesWith502_sendsTheErrorFrameOnMessages_andStoresNothing() throws Exception {
        try (Stack own = Stack.start(TEMPLATE, null)) {
            JdkClient connected = own.connect();
            String id = Stack.idOf(connected);

            own.backendDown();

            assertEquals(502, JdkClient.refusedStatus(own.api.gateway().webSocketUrl()));
            connected.send("hello?");
            String error = connected.nextMessage(REPLY);
            assertTrue(error.matches("\\{\"message\": \"Internal server error\", \"connectionId\":\"" + Pattern.quote(id)
                    + "\", \"requestId\":\"[A-Za-z0-9_-]{15}=\"}"), error);
            connected.send("{\"action\":\"whoami\"}");
            assertTrue(connected.nextMessage(REPLY).startsWith("{\"message\": \"Internal server error\""));
            assertFalse(connected.isClosed(), "the connection stays open");
            assertEquals(Set.of(id), own.recordedIds(), "the refused handshake left no record");
        }
    }

    @Test
    void backendSlowerThanTimeoutInMillis_getsTheTimedOutFrame_whileOtherRoutesKeepAnswering(@TempDir Path dir)
            throws Exception {
        Path template = withTimeout(dir, "DefaultIntegration", 200);
        try (Stack own = Stack.start(template, null)) {
            own.tap.hang("/handle-event");
            JdkClient client = own.connect();
            String id = Stack.idOf(client);

            client.send("anyone there?");
            client.send("{\"action\":\"whoami\"}");

            // Waited for well within API Gateway's default 29 s: the frame comes from the template's TimeoutInMillis.
            List<String> frames = List.of(client.nextMessage(WELL_BEFORE_29_SECONDS),
                    client.nextMessage(WELL_BEFORE_29_SECONDS));
            assertTrue(frames.stream().anyMatch(frame -> frame.startsWith(
                    "{\"message\": \"Endpoint request timed out\", \"connectionId\":\"" + id + "\"")), frames.toString());
            assertTrue(frames.stream().anyMatch(frame -> frame.startsWith("{\"type\":\"whoami\"")), frames.toString());
            own.tap.awaitRequest("/handle-event", 1);
            assertFalse(client.isClosed());
        }
    }

    @Test
    void connect_whenTheBackendAnswers500_isRefusedWith500() throws Exception {
        // A backend whose table does not exist: it cannot store the connection and answers 500.
        try (Stack own = Stack.start(TEMPLATE, "NoSuchTable")) {
            assertEquals(500, JdkClient.refusedStatus(own.api.gateway().webSocketUrl()));

            assertEquals(1, own.tap.requests("/connect").size(), "the backend was asked");
        }
    }

    /** A copy of http-backend/template.yaml whose integration {@code logicalId} has {@code TimeoutInMillis}. */
    private static Path withTimeout(Path dir, String logicalId, int millis) throws IOException {
        String text = Files.readString(TEMPLATE);
        String resource = "  " + logicalId + ":\n    Type: AWS::ApiGatewayV2::Integration\n    Properties:\n";
        assertTrue(text.contains(resource), "no integration " + logicalId + " in " + TEMPLATE);
        assertEquals(text.indexOf(resource), text.lastIndexOf(resource), "one " + logicalId);
        // Same folder name as the original: the stack, and so the table, keep their names.
        Path copy = dir.resolve("http-backend").resolve("template.yaml");
        Files.createDirectories(copy.getParent());
        Files.writeString(copy, text.replace(resource, resource + "      TimeoutInMillis: " + millis + "\n"));
        return copy;
    }

    /** ws-local on a template, the recording tap as its BackendUrl, the real backend behind the tap. */
    private static final class Stack implements AutoCloseable {

        final TestBackend tap;
        final LocalApi api;
        private final String table;
        private final HttpBackendJar backend;
        private final List<JdkClient> clients = new CopyOnWriteArrayList<>();
        private boolean down;

        private Stack(TestBackend tap, LocalApi api, HttpBackendJar backend) {
            this.tap = tap;
            this.api = api;
            this.table = api.template().tables().get(0).tableName();
            this.backend = backend;
        }

        /** @param backendTable the table the backend uses, when not the template's (null) */
        static Stack start(Path template, String backendTable) throws Exception {
            TestBackend tap = TestBackend.start();
            LocalApi api = null;
            try {
                api = LocalApi.start(new LocalOptions(template, "127.0.0.1", 0, null, "us-east-1",
                        Duration.ofMinutes(10), null, 0, Map.of("BackendUrl", tap.url("")), Map.of(), 1),
                        RuntimeOptions.defaults());
                String stage = api.gateway().connectionsUrl().toString().replace("/@connections", "");
                String table = backendTable != null ? backendTable : api.template().tables().get(0).tableName();
                HttpBackendJar backend = HttpBackendJar.start(stage, api.dynamo().endpoint().toString(), table);
                tap.forwardTo(backend.url());
                return new Stack(tap, api, backend);
            } catch (Exception | Error e) {
                if (api != null) {
                    api.close();
                }
                tap.close();
                throw e;
            }
        }

        JdkClient connect() {
            return keep(JdkClient.connect(api.gateway().webSocketUrl()));
        }

        JdkClient connect(String userAgent) {
            return keep(JdkClient.connect(api.gateway().webSocketUrl(), builder -> builder.header("User-Agent",
                    userAgent)));
        }

        private JdkClient keep(JdkClient client) {
            clients.add(client);
            return client;
        }

        /** The client's connection id, from the backend's whoami reply. */
        static String idOf(JdkClient client) {
            client.send("{\"action\":\"whoami\"}");
            JsonObject reply = JsonParser.parseString(client.nextMessage(REPLY)).getAsJsonObject();
            return reply.get("connectionId").getAsString();
        }

        /** The connection ids in the table. */
        Set<String> recordedIds() {
            return api.dynamo().client().scanPaginator(scan -> scan.tableName(table).consistentRead(true)).items()
                    .stream().map(item -> item.get("connectionId").s()).collect(Collectors.toCollection(TreeSet::new));
        }

        Optional<Map<String, AttributeValue>> record(String connectionId) {
            Map<String, AttributeValue> item = api.dynamo().client().getItem(get -> get.tableName(table)
                    .consistentRead(true).key(key(connectionId))).item();
            return item.isEmpty() ? Optional.empty() : Optional.of(item);
        }

        void deleteRecord(String connectionId) {
            api.dynamo().client().deleteItem(delete -> delete.tableName(table).key(key(connectionId)));
        }

        private static Map<String, AttributeValue> key(String connectionId) {
            return Map.of("connectionId", AttributeValue.builder().s(connectionId).build());
        }

        /** The backend dies, and its address refuses connections (the tap, which stands at it, stops too). */
        void backendDown() {
            down = true;
            backend.close();
            tap.close();
        }

        /** Closes the clients and waits until their $disconnect has removed their records (all but {@code kept}). */
        void closeClients(Set<String> kept) {
            List<JdkClient> closing = new ArrayList<>(clients);
            clients.clear();
            closing.forEach(client -> client.socket().sendClose(1000, "done"));
            Await.until("the closed clients' records removed", REPLY, () -> kept.containsAll(recordedIds()));
        }

        @Override
        public void close() {
            clients.forEach(client -> client.socket().abort());
            // ws-local first: closing it runs $disconnect for what is still open, through the tap to the backend.
            api.close();
            if (!down) {
                backend.close();
                tap.close();
            }
        }
    }
}
