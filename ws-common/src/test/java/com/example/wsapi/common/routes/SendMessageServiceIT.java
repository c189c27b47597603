package com.example.wsapi.common.routes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.wsapi.common.Json;
import com.example.wsapi.common.SignedInUser;
import com.example.wsapi.common.broadcast.BroadcastResult;
import com.example.wsapi.common.broadcast.Broadcaster;
import com.example.wsapi.common.broadcast.ThrottleBackoff;
import com.example.wsapi.common.connections.Connection;
import com.example.wsapi.common.connections.ConnectionStore;
import com.example.wsapi.common.posting.ConnectionPoster;
import com.example.wsapi.common.testing.LocalConnectionsTable;
import com.example.wsapi.common.testing.LocalDynamoDb;
import com.example.wsapi.common.testing.RecordingEndpoint;
import com.example.wsapi.common.testing.SdkCalls;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** sendmessage against DynamoDB Local (a fresh table per test, pages of 2) and a recording @connections endpoint. */
class SendMessageServiceIT {

    private static final String ANA = "AnaAnaAnaAnaAn0=";
    private static final long RECEIVED_AT = 1_795_250_540_529L;
    private static final String SENT_AT = "2026-11-21T08:42:20.529Z";
    private static final int SDK_ATTEMPTS = 2;
    @RegisterExtension
    static final LocalConnectionsTable dynamo = LocalConnectionsTable.freshForEachTest();
    @AutoClose("shutdownNow")
    private static final ExecutorService pool = Executors.newFixedThreadPool(4);

    private final SdkCalls dynamoCalls = new SdkCalls();
    @AutoClose
    private final DynamoDbClient countingDynamo = LocalDynamoDb.clientFor(dynamo.endpoint(), dynamoCalls);
    @AutoClose
    private final RecordingEndpoint endpoint = RecordingEndpoint.start(SDK_ATTEMPTS);
    private ConnectionStore store;
    private SendMessageService service;

    @BeforeEach
    void start() {
        store = new ConnectionStore(countingDynamo, dynamo.tableName(), 2); // pages of 2: every room here spans pages
        ConnectionPoster poster = new ConnectionPoster(endpoint.client());
        Broadcaster broadcaster = new Broadcaster(poster, store, pool, 4,
                new ThrottleBackoff(2, Duration.ofMillis(1), Duration.ofMillis(5)));
        service = new SendMessageService(store, poster, broadcaster, Clock.systemUTC());
    }

    private void save(String id, String room, String name) {
        store.save(new Connection(id, 1_795_250_537_112L, "203.0.113.24", null, 1_795_258_337L, room, name));
    }

    private static String id(String prefix, int i) {
        return String.format("%-13s%02d=", prefix, i).replace(' ', 'x');
    }

    private List<JsonObject> received(String id) {
        return endpoint.bodiesFor(id).stream().map(body -> Json.parseObject(body).orElseThrow()).toList();
    }

    private static JsonObject json(String text) {
        return Json.parseObject(text).orElseThrow();
    }

    private static String send(String data) {
        return "{\"action\":\"sendmessage\",\"data\":\"" + data + "\"}";
    }

    @Test
    void send_reachesEveryMemberOfTheRoom_senderIncluded_andNoNonMember() {
        save(ANA, "lobby", "ana");
        List<String> lobby = IntStream.range(0, 3).mapToObj(i -> id("Lobby", i)).toList();
        lobby.forEach(id -> save(id, "lobby", "m"));
        save(id("Kitchen", 0), "kitchen", "k");
        save(id("NoRoom", 0), null, null);

        SendMessageService.Outcome outcome = service.send(ANA, send("hello"), RECEIVED_AT);

        JsonObject expected = json("{\"type\":\"message\",\"room\":\"lobby\",\"from\":\"ana\",\"data\":\"hello\","
                + "\"sentAt\":\"" + SENT_AT + "\"}");
        assertEquals(List.of(expected), received(ANA));
        lobby.forEach(id -> assertEquals(List.of(expected), received(id), id));
        assertTrue(received(id("Kitchen", 0)).isEmpty());
        assertTrue(received(id("NoRoom", 0)).isEmpty());
        assertEquals(new BroadcastResult(4, 0, 0, outcome.broadcast().duration(), null), outcome.broadcast());
        assertEquals(0, dynamoCalls.count("Scan"), "a room is queried, never scanned");
    }

    @Test
    void send_toARoomBiggerThanOnePage_reachesEveryMember() {
        List<String> members = IntStream.range(0, 7).mapToObj(i -> id("Paged", i)).toList();
        members.forEach(id -> save(id, "big", "m"));
        dynamoCalls.clear();

        SendMessageService.Outcome outcome = service.send(members.get(0), send("all of you"), RECEIVED_AT);

        members.forEach(id -> assertEquals(1, received(id).size(), id));
        assertEquals(7, outcome.broadcast().delivered());
        assertEquals(4, dynamoCalls.count("Query"), "7 members in pages of 2");
    }

    @Test
    void send_fromNoRoom_reachesEveryConnection_withoutARoom_fromTheConnectionId() {
        save(ANA, null, null);
        List<String> everyone = IntStream.range(0, 5).mapToObj(i -> id("Anyone", i)).toList();
        everyone.forEach(id -> save(id, i(id) % 2 == 0 ? "lobby" : null, "m"));

        SendMessageService.Outcome outcome = service.send(ANA, send("to all"), RECEIVED_AT);

        JsonObject expected = json("{\"type\":\"message\",\"from\":\"" + ANA + "\",\"data\":\"to all\","
                + "\"sentAt\":\"" + SENT_AT + "\"}");
        assertEquals(List.of(expected), received(ANA));
        everyone.forEach(id -> assertEquals(List.of(expected), received(id), id));
        assertFalse(received(ANA).get(0).has("room"));
        assertEquals(6, outcome.broadcast().delivered());
        assertTrue(dynamoCalls.count("Scan") >= 3, "6 records in pages of 2");
    }

    @Test
    void send_signedIn_fromNoRoom_isRefused_andReachesNobody() {
        save(ANA, null, null);
        save(id("Anyone", 0), null, null);
        save(id("Lobby", 0), "lobby", "m");

        SendMessageService.Outcome outcome = service.send(ANA, send("to all"), RECEIVED_AT,
                new SignedInUser("sub-ana", "Ana"));

        assertFalse(outcome.sent());
        JsonObject error = received(ANA).get(0);
        assertEquals("error", error.get("type").getAsString());
        assertTrue(error.get("message").getAsString().startsWith("join a room first"), error.toString());
        assertTrue(received(id("Anyone", 0)).isEmpty());
        assertTrue(received(id("Lobby", 0)).isEmpty());
        assertEquals(0, dynamoCalls.count("Scan"), "no broadcast to everyone was even started");
    }

    @Test
    void send_signedIn_inARoom_reachesTheRoom_fromTheNameItJoinedUnder() {
        save(ANA, "lobby", "Ana Lima");
        save(id("Lobby", 0), "lobby", "m");

        SendMessageService.Outcome outcome = service.send(ANA, send("hi"), RECEIVED_AT,
                new SignedInUser("sub-ana", "Ana Lima"));

        assertTrue(outcome.sent());
        assertEquals("Ana Lima", received(id("Lobby", 0)).get(0).get("from").getAsString());
    }

    private static int i(String id) {
        return Integer.parseInt(id.substring(13, 15));
    }

    @Test
    void send_passesAnyJsonDataOnAsJson() {
        save(ANA, "lobby", "ana");
        service.send(ANA, "{\"action\":\"sendmessage\",\"data\":{\"text\":\"hi\",\"n\":[1,null]}}", RECEIVED_AT);
        assertEquals(json("{\"text\":\"hi\",\"n\":[1,null]}"), received(ANA).get(0).getAsJsonObject("data"));
    }

    @Test
    void send_whenAMemberIsGone_removesThatRecord_andEveryLiveMemberStillGetsIt() {
        save(ANA, "lobby", "ana");
        List<String> live = IntStream.range(0, 4).mapToObj(i -> id("Live", i)).toList();
        live.forEach(id -> save(id, "lobby", "m"));
        String stale = id("Stale", 0);
        save(stale, "lobby", "gone");
        endpoint.markGone(stale);

        SendMessageService.Outcome outcome = service.send(ANA, send("still here?"), RECEIVED_AT);

        assertTrue(store.find(stale).isEmpty(), "the stale connection's record is removed");
        assertTrue(store.find(ANA).isPresent(), "not the sender's");
        live.forEach(id -> assertTrue(store.find(id).isPresent(), id));
        live.forEach(id -> assertEquals(1, received(id).size(), id));
        assertEquals(1, received(ANA).size());
        assertEquals(5, outcome.broadcast().delivered());
        assertEquals(1, outcome.broadcast().gone());
    }

    @Test
    void send_whenAPostIsThrottledPastTheSdksRetries_retriesThenDelivers() {
        save(ANA, "lobby", "ana");
        String busy = id("Busy", 0);
        save(busy, "lobby", "b");
        endpoint.answer(busy, 429, SDK_ATTEMPTS + 1); // the SDK gives up once; our backoff retries and gets through

        SendMessageService.Outcome outcome = service.send(ANA, send("eventually"), RECEIVED_AT);

        assertEquals(SDK_ATTEMPTS + 2, received(busy).size(), "throttled attempts, then the delivered one");
        assertEquals(2, outcome.broadcast().delivered());
        assertEquals(0, outcome.broadcast().failed());
    }

    @Test
    void send_ofExactly128KbOnceWrapped_isDelivered_andOneByteMoreIsRefused() {
        save(ANA, "lobby", "ana");
        save(id("Other", 0), "lobby", "o");
        int wrapping = ChatMessages.message("lobby", "ana", new JsonPrimitive(""),
                Instant.ofEpochMilli(RECEIVED_AT)).getBytes(StandardCharsets.UTF_8).length;
        String fits = "x".repeat(131_072 - wrapping);

        assertTrue(service.send(ANA, send(fits), RECEIVED_AT).sent());
        assertEquals(131_072, endpoint.requests().get(0).body().getBytes(StandardCharsets.UTF_8).length);
        assertEquals(1, received(id("Other", 0)).size());

        SendMessageService.Outcome tooBig = service.send(ANA, send(fits + "x"), RECEIVED_AT);

        assertFalse(tooBig.sent());
        assertEquals(1, received(id("Other", 0)).size(), "nothing more was sent to the room");
        JsonObject error = received(ANA).get(1);
        assertEquals("error", error.get("type").getAsString());
        String message = error.get("message").getAsString();
        assertTrue(message.contains("131073 bytes") && message.contains("131072") && message.contains("1 bytes shorter"),
                message);
        assertEquals("sendmessage", error.getAsJsonObject("example").get("action").getAsString());
    }

    @Test
    void send_measuresUtf8BytesNotCharacters() {
        save(ANA, null, null);
        String twoBytesEach = "\u00e9".repeat(70_000); // 70,000 characters, 140,000 bytes

        assertFalse(service.send(ANA, send(twoBytesEach), RECEIVED_AT).sent());
        assertEquals(1, endpoint.requests().size());
        assertEquals("error", received(ANA).get(0).get("type").getAsString());
    }

    @Test
    void send_withoutData_repliesWithAnErrorAndSendsNothing() {
        save(ANA, "lobby", "ana");
        save(id("Other", 0), "lobby", "o");
        for (String body : new String[] {"{\"action\":\"sendmessage\"}", "{\"action\":\"sendmessage\",\"data\":null}"}) {
            assertFalse(service.send(ANA, body, RECEIVED_AT).sent());
        }
        assertTrue(received(id("Other", 0)).isEmpty());
        assertEquals(2, received(ANA).size());
        assertTrue(received(ANA).get(0).get("message").getAsString().contains("sendmessage needs \"data\""));
    }

    @Test
    void send_withoutASenderRecord_repliesWithAnErrorAndSendsNothing() {
        save(id("Other", 0), null, null);

        SendMessageService.Outcome outcome = service.send(ANA, send("hello"), RECEIVED_AT);

        assertFalse(outcome.sent());
        assertNull(outcome.broadcast().firstProblem());
        assertTrue(received(id("Other", 0)).isEmpty());
        assertTrue(received(ANA).get(0).get("message").getAsString().contains("reconnect"));
    }
}
