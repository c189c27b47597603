package com.example.wsapi.common.routes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.wsapi.common.Json;
import com.example.wsapi.common.SignedInUser;
import com.example.wsapi.common.broadcast.Broadcaster;
import com.example.wsapi.common.broadcast.ThrottleBackoff;
import com.example.wsapi.common.connections.Connection;
import com.example.wsapi.common.connections.ConnectionStore;
import com.example.wsapi.common.posting.ConnectionPoster;
import com.example.wsapi.common.testing.LocalConnectionsTable;
import com.example.wsapi.common.testing.RecordingEndpoint;
import com.google.gson.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** joinroom and $disconnect against DynamoDB Local (a fresh table per test) and a recording @connections endpoint. */
class RoomMembershipIT {

    private static final String EVE = "EveEveEveEveEv0=";
    @RegisterExtension
    static final LocalConnectionsTable dynamo = LocalConnectionsTable.freshForEachTest();
    @AutoClose("shutdownNow")
    private static final ExecutorService pool = Executors.newFixedThreadPool(4);

    @AutoClose
    private final RecordingEndpoint endpoint = RecordingEndpoint.start(2);
    private ConnectionStore store;
    private JoinRoomService joinRoom;
    private DisconnectService disconnect;

    @BeforeEach
    void start() {
        store = dynamo.store();
        ConnectionPoster poster = new ConnectionPoster(endpoint.client());
        Broadcaster broadcaster = new Broadcaster(poster, store, pool, 4,
                new ThrottleBackoff(2, Duration.ofMillis(1), Duration.ofMillis(5)));
        joinRoom = new JoinRoomService(store, poster, broadcaster);
        disconnect = new DisconnectService(store, () -> broadcaster);
    }

    private Connection save(String id, String room, String name) {
        Connection connection = new Connection(id, 1_795_250_537_112L, "203.0.113.24", null, 1_795_258_337L, room, name);
        store.save(connection);
        return connection;
    }

    private List<JsonObject> received(String id) {
        return endpoint.bodiesFor(id).stream().map(body -> Json.parseObject(body).orElseThrow()).toList();
    }

    private static JsonObject json(String text) {
        return Json.parseObject(text).orElseThrow();
    }

    private static String join(String room, String name) {
        return "{\"action\":\"joinroom\",\"room\":\"" + room + "\",\"name\":\"" + name + "\"}";
    }

    @Test
    void join_recordsRoomAndName_repliesWithTheMemberCount_andTellsOnlyTheOtherMembers() {
        save(EVE, null, null);
        save("AnaAnaAnaAnaAn0=", "lobby", "ana");
        save("BoBoBoBoBoBoBo0=", "lobby", "bo");
        save("KitchenKitche0=", "kitchen", "ky");
        save("NoRoomNoRoomN0=", null, null);

        JoinRoomService.Outcome outcome = joinRoom.join(EVE, join("lobby", "eve"));

        assertTrue(outcome.joined());
        Connection stored = store.find(EVE).orElseThrow();
        assertEquals("lobby", stored.room());
        assertEquals("eve", stored.name());
        assertEquals(List.of(json("{\"type\":\"joined\",\"room\":\"lobby\",\"name\":\"eve\",\"members\":3}")), received(EVE));
        JsonObject memberJoined = json("{\"type\":\"member-joined\",\"room\":\"lobby\",\"name\":\"eve\"}");
        assertEquals(List.of(memberJoined), received("AnaAnaAnaAnaAn0="));
        assertEquals(List.of(memberJoined), received("BoBoBoBoBoBoBo0="));
        assertTrue(received("KitchenKitche0=").isEmpty());
        assertTrue(received("NoRoomNoRoomN0=").isEmpty());
        assertEquals(2, outcome.joinedNewRoom().delivered());
    }

    @Test
    void join_signedIn_usesTheSignedInName_andIgnoresTheNameInTheMessage_andTellsTheJoinerWhichNameItGot() {
        save(EVE, null, null);
        save("AnaAnaAnaAnaAn0=", "lobby", "ana");

        JoinRoomService.Outcome outcome = joinRoom.join(EVE, join("lobby", "mallory"),
                new SignedInUser("sub-eve", "Eve Adams"));

        assertTrue(outcome.joined());
        assertEquals("Eve Adams", store.find(EVE).orElseThrow().name());
        assertEquals(List.of(json("{\"type\":\"member-joined\",\"room\":\"lobby\",\"name\":\"Eve Adams\"}")),
                received("AnaAnaAnaAnaAn0="));
        assertEquals("Eve Adams", received(EVE).get(0).get("name").getAsString(), "joined tells the joiner its name");
    }

    @Test
    void join_signedIn_needsNoName_andAnInvalidOneInTheMessageChangesNothing() {
        save(EVE, null, null);
        SignedInUser eve = new SignedInUser("sub-eve", "Eve");

        assertTrue(joinRoom.join(EVE, "{\"action\":\"joinroom\",\"room\":\"attic\"}", eve).joined());
        assertTrue(joinRoom.join(EVE, "{\"action\":\"joinroom\",\"room\":\"hall\",\"name\":[1]}", eve).joined());

        assertEquals("hall", store.find(EVE).orElseThrow().room());
        assertEquals("Eve", store.find(EVE).orElseThrow().name());
    }

    @Test
    void join_signedIn_stillChecksTheRoom() {
        save(EVE, null, null);

        JoinRoomService.Outcome outcome = joinRoom.join(EVE, "{\"action\":\"joinroom\"}", new SignedInUser("s", "Eve"));

        assertFalse(outcome.joined());
        assertTrue(received(EVE).get(0).get("message").getAsString().contains("\"room\""));
        assertEquals(null, store.find(EVE).orElseThrow().room());
    }

    @Test
    void join_anEmptyRoom_countsOnlyTheSender() {
        save(EVE, null, null);
        joinRoom.join(EVE, join("attic", "eve"));
        assertEquals(List.of(json("{\"type\":\"joined\",\"room\":\"attic\",\"name\":\"eve\",\"members\":1}")), received(EVE));
        assertEquals(1, endpoint.requests().size());
    }

    @Test
    void join_anotherRoom_movesTheSender_andTellsTheOldRoomMemberLeftUnderTheOldName() {
        save(EVE, "kitchen", "eve");
        save("KitchenKitche0=", "kitchen", "ky");
        save("AnaAnaAnaAnaAn0=", "lobby", "ana");

        JoinRoomService.Outcome outcome = joinRoom.join(EVE, join("lobby", "evelyn"));

        assertEquals("lobby", store.find(EVE).orElseThrow().room());
        assertEquals(List.of(json("{\"type\":\"member-left\",\"room\":\"kitchen\",\"name\":\"eve\"}")),
                received("KitchenKitche0="));
        assertEquals(List.of(json("{\"type\":\"member-joined\",\"room\":\"lobby\",\"name\":\"evelyn\"}")),
                received("AnaAnaAnaAnaAn0="));
        assertEquals(List.of(json("{\"type\":\"joined\",\"room\":\"lobby\",\"name\":\"evelyn\",\"members\":2}")), received(EVE));
        assertEquals(1, outcome.leftOldRoom().delivered());
    }

    @Test
    void join_theSameRoomUnderTheSameName_tellsNobodyAgain() {
        save(EVE, "lobby", "eve");
        save("AnaAnaAnaAnaAn0=", "lobby", "ana");

        joinRoom.join(EVE, join("lobby", "eve"));

        assertTrue(received("AnaAnaAnaAnaAn0=").isEmpty());
        assertEquals(List.of(json("{\"type\":\"joined\",\"room\":\"lobby\",\"name\":\"eve\",\"members\":2}")), received(EVE));
    }

    @Test
    void join_whenAnotherMemberIsGone_removesThatRecordAndLeavesItOutOfTheCount() {
        save(EVE, null, null);
        save("AnaAnaAnaAnaAn0=", "lobby", "ana");
        save("StaleStaleSta0=", "lobby", "old");
        endpoint.markGone("StaleStaleSta0=");

        joinRoom.join(EVE, join("lobby", "eve"));

        assertTrue(store.find("StaleStaleSta0=").isEmpty(), "the stale member's record is removed");
        assertTrue(store.find(EVE).isPresent(), "never the sender's");
        assertEquals(2, received(EVE).get(0).get("members").getAsInt());
    }

    @Test
    void join_acceptsSixtyFourCharactersCountingEmojiAsOne() {
        save(EVE, null, null);
        String room = "\uD83D\uDE00".repeat(64); // 64 characters, 128 UTF-16 units
        assertTrue(joinRoom.join(EVE, join(room, "eve")).joined());
        assertEquals(room, store.find(EVE).orElseThrow().room());
    }

    static Stream<Arguments> invalidJoins() {
        return Stream.of(
                Arguments.of("{\"action\":\"joinroom\",\"name\":\"eve\"}", "joinroom needs \"room\""),
                Arguments.of("{\"action\":\"joinroom\",\"room\":null,\"name\":\"eve\"}", "joinroom needs \"room\""),
                Arguments.of("{\"action\":\"joinroom\",\"room\":42,\"name\":\"eve\"}", "\"room\" must be a string, got 42"),
                Arguments.of("{\"action\":\"joinroom\",\"room\":[\"a\"],\"name\":\"eve\"}", "\"room\" must be a string"),
                Arguments.of(join("", "eve"), "\"room\" must not be empty"),
                Arguments.of(join("   ", "eve"), "\"room\" must not be empty"),
                Arguments.of(join("r".repeat(65), "eve"), "\"room\" is 65 characters long; at most 64"),
                Arguments.of(join("lob\\u0007by", "eve"), "\"room\" must not contain control characters (found U+0007"),
                Arguments.of(join("lobby\\n", "eve"), "\"room\" must not contain control characters (found U+000A"),
                Arguments.of(join("lob\\ud800by", "eve"), "\"room\" is not valid Unicode"),
                Arguments.of("{\"action\":\"joinroom\",\"room\":\"lobby\"}", "joinroom needs \"name\""),
                Arguments.of("{\"action\":\"joinroom\",\"room\":\"lobby\",\"name\":true}", "\"name\" must be a string"),
                Arguments.of(join("lobby", "n".repeat(65)), "\"name\" is 65 characters long"),
                Arguments.of(join("lobby", "e\\u0000ve"), "\"name\" must not contain control characters (found U+0000"),
                Arguments.of("not json", "joinroom needs a JSON object"));
    }

    @ParameterizedTest
    @MethodSource("invalidJoins")
    void join_withInvalidRoomOrName_repliesWithAnErrorAndChangesNothing(String body, String expectedProblem) {
        Connection before = save(EVE, "kitchen", "eve");
        save("KitchenKitche0=", "kitchen", "ky");
        save("AnaAnaAnaAnaAn0=", "lobby", "ana");

        JoinRoomService.Outcome outcome = joinRoom.join(EVE, body);

        assertFalse(outcome.joined());
        assertEquals(before, store.find(EVE).orElseThrow(), "the record is unchanged");
        List<JsonObject> replies = received(EVE);
        assertEquals(1, replies.size());
        JsonObject error = replies.get(0);
        assertEquals("error", error.get("type").getAsString());
        assertTrue(error.get("message").getAsString().contains(expectedProblem), error.get("message").getAsString());
        assertTrue(error.getAsJsonArray("actions").toString().contains("\"joinroom\""));
        assertEquals(json(join("lobby", "ana")), error.getAsJsonObject("example"));
        assertEquals(1, endpoint.requests().size(), "nobody else hears of it");
    }

    @Test
    void join_withoutARecord_createsNoneAndRepliesWithAnError() {
        save("AnaAnaAnaAnaAn0=", "lobby", "ana");
        long before = dynamo.count();

        assertFalse(joinRoom.join(EVE, join("lobby", "eve")).joined());

        assertTrue(store.find(EVE).isEmpty(), "no phantom record");
        assertEquals(before, dynamo.count());
        assertTrue(received(EVE).get(0).get("message").getAsString().contains("reconnect"));
        assertTrue(received("AnaAnaAnaAnaAn0=").isEmpty());
    }

    @Test
    void disconnect_tellsTheRoomMemberLeft_andRemovesTheRecord() {
        save(EVE, "lobby", "eve");
        save("AnaAnaAnaAnaAn0=", "lobby", "ana");
        save("KitchenKitche0=", "kitchen", "ky");

        DisconnectService.Outcome outcome = disconnect.disconnect(EVE);

        assertTrue(outcome.removed());
        assertTrue(store.find(EVE).isEmpty());
        assertEquals(List.of(json("{\"type\":\"member-left\",\"room\":\"lobby\",\"name\":\"eve\"}")),
                received("AnaAnaAnaAnaAn0="));
        assertTrue(received("KitchenKitche0=").isEmpty());
        assertTrue(received(EVE).isEmpty(), "the connection that left is not posted to");
        assertEquals(1, outcome.notified().delivered());
    }

    @Test
    void disconnect_ofAConnectionInNoRoom_tellsNobody() {
        save(EVE, null, null);
        save("AnaAnaAnaAnaAn0=", "lobby", "ana");

        DisconnectService.Outcome outcome = disconnect.disconnect(EVE);

        assertTrue(outcome.removed());
        assertFalse(outcome.wasInRoom());
        assertTrue(endpoint.requests().isEmpty());
    }

    @Test
    void disconnect_withoutARecord_succeedsAndTellsNobody() {
        save("AnaAnaAnaAnaAn0=", "lobby", "ana");
        assertTrue(disconnect.disconnect(EVE).removed());
        assertTrue(endpoint.requests().isEmpty());
    }
}
