package com.example.wsapi.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.wsapi.local.lambda.RuntimeOptions;
import com.example.wsapi.local.storage.LocalDynamoDb;
import com.example.wsapi.local.storage.TableStore;
import com.example.wsapi.local.testing.Await;
import com.example.wsapi.local.testing.JdkClient;
import com.example.wsapi.local.testing.LogLines;
import com.example.wsapi.local.testing.ProjectApi;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Faults around the connection table, against this project's template run by ws-local: no record is lost (a stored
 * connection stays until it ends) or leaked (every ended connection's record goes, at once or by a backstop).
 *
 * <p>DynamoDB is made unavailable for real: ws-local's DynamoDB Local (persisted in a temporary folder, on a fixed
 * port) is stopped, so the functions' calls are refused, then a new DynamoDB Local is started on the same port and
 * folder, as restarting it would; the functions' clients reconnect by themselves.
 */
class ConnectionFaultsIT {

    static final Duration REPLY = ProjectApi.REPLY;
    static final LogLines LOGS = new LogLines(true);

    static Path dbPath;
    static int dynamoDbPort;
    static ProjectApi api;
    /** The DynamoDB Local the functions reach now: ws-local's own until a test restarts it. */
    static TableStore dynamo;
    static int clients;

    final List<JdkClient> opened = new java.util.concurrent.CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        dbPath = Files.createTempDirectory("ws-local-faults-db");
        dynamoDbPort = FreePort.find("127.0.0.1");
        api = ProjectApi.start(4, dbPath, dynamoDbPort, Map.of(), RuntimeOptions.defaults().withLogSink(LOGS));
        dynamo = api.api().dynamo();
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            if (api != null) {
                api.close(); // its $disconnects still need DynamoDB: stop that last
            }
        } finally {
            if (dynamo != null) {
                dynamo.close();
            }
            try (var files = Files.walk(dbPath)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** Each test ends with its clients gone and their records removed: the next starts from an empty table. */
    @AfterEach
    void closeClients() {
        opened.forEach(client -> client.socket().abort());
        Await.until("an empty connection table", REPLY, () -> api.records().isEmpty());
    }

    static String userAgent(String what) {
        return "faults-" + what + "-" + (++clients);
    }

    JdkClient connect(String userAgent) {
        JdkClient client = api.connect(userAgent);
        opened.add(client);
        return client;
    }

    static void stopDynamoDb() {
        dynamo.close();
    }

    /** A new DynamoDB Local on the same port and folder: what the functions reached before is there again. */
    static void restartDynamoDb() {
        dynamo = LocalDynamoDb.start("127.0.0.1", dynamoDbPort, dbPath);
        api.useDynamo(dynamo.client());
    }

    static JsonObject json(String text) {
        return JsonParser.parseString(text).getAsJsonObject();
    }

    static void putRecord(String connectionId, String room, String name) {
        long now = System.currentTimeMillis();
        Map<String, AttributeValue> item = new java.util.HashMap<>(Map.of(
                "connectionId", AttributeValue.fromS(connectionId),
                "connectedAt", AttributeValue.fromN(Long.toString(now)),
                "expiresAt", AttributeValue.fromN(Long.toString(now / 1000 + 7800))));
        if (room != null) {
            item.put("room", AttributeValue.fromS(room));
            item.put("name", AttributeValue.fromS(name));
        }
        api.dynamo().putItem(b -> b.tableName(api.table()).item(item));
    }

    @Test
    void fiveHundredConnectionsDroppedWithoutACloseFrame_eachDisconnectRuns_andTheTableEndsEmpty() throws Exception {
        int count = 500;
        List<String> userAgents = IntStream.range(0, count).mapToObj(i -> userAgent("drop")).toList();
        long start = System.nanoTime();
        List<JdkClient> dropped = new ArrayList<>();
        ExecutorService connecting = Executors.newFixedThreadPool(8);
        try {
            List<Future<JdkClient>> handshakes = userAgents.stream()
                    .map(userAgent -> connecting.submit(() -> connect(userAgent))).toList();
            for (Future<JdkClient> handshake : handshakes) {
                dropped.add(handshake.get());
            }
        } finally {
            connecting.shutdown();
        }
        Await.until(count + " connection records", REPLY, () -> api.records().size() == count);
        long connectedMillis = Duration.ofNanos(System.nanoTime() - start).toMillis();
        assertEquals(List.copyOf(new java.util.TreeSet<>(userAgents)),
                api.records().stream().map(r -> r.get("userAgent").s()).sorted().toList(), "one record each");

        java.util.Set<String> ids = new java.util.HashSet<>(api.records().stream()
                .map(r -> r.get("connectionId").s()).toList());
        long dropStart = System.nanoTime();
        dropped.forEach(client -> client.socket().abort()); // TCP closed, no close frame

        Await.until("an empty connection table after " + count + " drops", Duration.ofSeconds(90),
                () -> api.records().isEmpty());
        long drainedMillis = Duration.ofNanos(System.nanoTime() - dropStart).toMillis();
        String disconnected = "disconnected ";
        java.util.function.LongSupplier disconnectLines = () -> LOGS.records("DisconnectFunction").stream()
                .filter(record -> "INFO".equals(record.level()) && record.message().startsWith(disconnected)
                        && ids.contains(record.message().substring(disconnected.length()).trim())).count();
        // The functions' output reaches the sink a little after their DynamoDB writes.
        Await.until("a $disconnect log line per drop", REPLY, () -> disconnectLines.getAsLong() >= count);
        long disconnects = disconnectLines.getAsLong();
        System.out.printf("RELIABILITY drops: connections=%d connectMs=%d recordsAfterDrop=0 disconnectsLogged=%d "
                + "emptyAfterMs=%d%n", count, connectedMillis, disconnects, drainedMillis);
        assertEquals(count, disconnects, "every dropped connection ran $disconnect once");
    }

    @Test
    void dynamoDbDown_duringConnect_refusesTheHandshakeWith500_storesNothing_andConnectWorksOnceItIsBack() {
        String warm = userAgent("warm");
        connect(warm); // $connect's JVM is running: the refusal below is about DynamoDB, not a cold start
        api.connectionIdOf(warm);
        stopDynamoDb();
        String refused = userAgent("refused");
        try {
            assertEquals(500, JdkClient.refusedStatus(api.ws(), builder -> builder.header("User-Agent", refused),
                    REPLY));
            // The log line says why: the table's endpoint does not answer.
            LOGS.awaitRecord("$connect's refusal", REPLY, "ConnectFunction", "ERROR", message -> message.startsWith(
                    "refused ") && message.contains(": the connection could not be stored: PutItem on table "
                    + api.table() + " at ") && message.contains(" failed: the endpoint is unreachable ("));
        } finally {
            restartDynamoDb();
        }

        assertTrue(api.recordOf(refused).isEmpty(), "no partial record of the refused connection");
        String accepted = userAgent("accepted");
        JdkClient client = connect(accepted);
        String id = api.connectionIdOf(accepted);
        client.send("{\"action\":\"echo\",\"data\":\"back\"}");
        assertEquals("back", client.nextMessage(REPLY));
        assertTrue(api.record(id).isPresent());
    }

    @Test
    void dynamoDbDown_duringDisconnect_leavesTheRecordToItsTtl_saysSo_andTheFirst410RemovesIt() {
        String leaving = userAgent("leaving");
        JdkClient client = connect(leaving);
        String id = api.connectionIdOf(leaving);

        stopDynamoDb();
        try {
            JdkClient.join(client.socket().sendClose(1000, "bye"));
            LOGS.awaitRecord("$disconnect's TTL fallback", REPLY, "DisconnectFunction", "ERROR", message ->
                    message.contains("could not delete " + id + " now (its TTL will remove it): DeleteItem on table "
                            + api.table() + " at ") && message.contains(" failed: the endpoint is unreachable ("));
        } finally {
            restartDynamoDb();
        }

        // The TTL backstop: the record outlives its connection, but DynamoDB's TTL deletes it 2 h 10 min after the
        // handshake at the latest (API Gateway's 2-hour connection limit plus a margin).
        Map<String, AttributeValue> left = api.record(id).orElseThrow();
        long connectedAt = Long.parseLong(left.get("connectedAt").n());
        long expiresAt = Long.parseLong(left.get("expiresAt").n());
        assertEquals(connectedAt / 1000 + Duration.ofHours(2).plusMinutes(10).toSeconds(), expiresAt);
        assertTrue(expiresAt <= Instant.now().plus(Duration.ofHours(2).plusMinutes(10)).getEpochSecond());

        // The 410 backstop, sooner: the first post to the gone connection removes its record.
        String sender = userAgent("sender");
        JdkClient other = connect(sender);
        String senderId = api.connectionIdOf(sender);
        other.send("{\"action\":\"sendmessage\",\"data\":\"anyone there?\"}");
        assertEquals(senderId, json(other.nextMessage(REPLY)).get("from").getAsString());
        api.awaitNoRecord(id);
        assertTrue(api.record(senderId).isPresent(), "the sender's record stays: only the stale one goes");
    }

    @Test
    void recordOfAConnectionThatNoLongerExists_isRemovedByTheFirstBroadcastThatGets410() {
        String ghost = "GhostGhostGhos0=";
        putRecord(ghost, null, null);
        String sender = userAgent("broadcaster");
        JdkClient client = connect(sender);
        api.connectionIdOf(sender);

        client.send("{\"action\":\"sendmessage\",\"data\":\"hello everyone\"}");

        assertEquals("hello everyone", json(client.nextMessage(REPLY)).get("data").getAsString());
        api.awaitNoRecord(ghost);
        LOGS.awaitRecord("the broadcast summary", REPLY, "SendMessageFunction", "INFO", message ->
                message.startsWith("sendmessage from") && message.contains("delivered=1 gone=1 failed=0"));
    }

    @Test
    void roomMemberWhoseSocketIsGone_isRemovedWhenTheRoomIsTold_andNotCountedAsAMember() {
        String ghost = "GhostInTheAtti0=";
        putRecord(ghost, "attic", "ghost");
        String joiner = userAgent("joiner");
        JdkClient client = connect(joiner);
        api.connectionIdOf(joiner);

        client.send("{\"action\":\"joinroom\",\"room\":\"attic\",\"name\":\"cat\"}");

        JsonObject joined = json(client.nextMessage(REPLY));
        assertEquals("joined", joined.get("type").getAsString());
        assertEquals(1, joined.get("members").getAsInt(), "the gone member is not counted");
        api.awaitNoRecord(ghost);
    }
}
