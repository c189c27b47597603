package com.example.wsapi.common.routes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.wsapi.common.Json;
import com.example.wsapi.common.broadcast.Broadcaster;
import com.example.wsapi.common.broadcast.ThrottleBackoff;
import com.example.wsapi.common.connections.Connection;
import com.example.wsapi.common.connections.ConnectionStore;
import com.example.wsapi.common.posting.ConnectionPoster;
import com.example.wsapi.common.posting.Delivery;
import com.example.wsapi.common.testing.LocalConnectionsTable;
import com.example.wsapi.common.testing.RecordingEndpoint;
import com.google.gson.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** leaveroom against DynamoDB Local (a fresh table per test) and a recording @connections endpoint. */
class LeaveRoomServiceIT {

    private static final String EVE = "EveEveEveEveEv0=";
    private static final String ANA = "AnaAnaAnaAnaAn0=";
    private static final String KY = "KitchenKitche0=";
    @RegisterExtension
    static final LocalConnectionsTable dynamo = LocalConnectionsTable.freshForEachTest();
    @AutoClose("shutdownNow")
    private static final ExecutorService pool = Executors.newFixedThreadPool(4);

    @AutoClose
    private final RecordingEndpoint endpoint = RecordingEndpoint.start(2);
    private ConnectionStore store;
    private LeaveRoomService leaveRoom;

    @BeforeEach
    void start() {
        store = dynamo.store();
        ConnectionPoster poster = new ConnectionPoster(endpoint.client());
        Broadcaster broadcaster = new Broadcaster(poster, store, pool, 4,
                new ThrottleBackoff(2, Duration.ofMillis(1), Duration.ofMillis(5)));
        leaveRoom = new LeaveRoomService(store, poster, broadcaster);
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

    @Test
    void leave_removesTheRoomButKeepsTheRecord_tellsTheOthers_andAnswersTheSender() {
        save(EVE, "lobby", "eve");
        save(ANA, "lobby", "ana");
        save(KY, "kitchen", "ky");

        LeaveRoomService.Outcome outcome = leaveRoom.leave(EVE);

        assertTrue(outcome.left());
        assertEquals("lobby", outcome.room());
        Connection stored = store.find(EVE).orElseThrow();
        assertEquals(null, stored.room(), "out of the room");
        assertEquals("eve", stored.name(), "the connection is still open: its record and name stay");
        assertEquals(List.of(json("{\"type\":\"member-left\",\"room\":\"lobby\",\"name\":\"eve\"}")), received(ANA));
        assertEquals(List.of(json("{\"type\":\"left\",\"room\":\"lobby\"}")), received(EVE));
        assertTrue(received(KY).isEmpty(), "another room hears nothing");
        assertEquals(1, outcome.notified().delivered());
        assertEquals(Delivery.DELIVERED, outcome.reply());
    }

    @Test
    void leave_theLastMember_tellsNobody_andAnswersTheSender() {
        save(EVE, "attic", "eve");

        LeaveRoomService.Outcome outcome = leaveRoom.leave(EVE);

        assertTrue(outcome.left());
        assertEquals(0, outcome.notified().addressed());
        assertEquals(List.of(json("{\"type\":\"left\",\"room\":\"attic\"}")), received(EVE));
        assertEquals(1, endpoint.requests().size());
    }

    @Test
    void leave_thenSendingAgain_findsTheSenderInNoRoom() {
        save(EVE, "lobby", "eve");
        save(ANA, "lobby", "ana");
        leaveRoom.leave(EVE);

        assertEquals(List.of(), store.connectionIdsInRoom("lobby").filter(EVE::equals).toList(),
                "the room index no longer lists the sender");
        assertFalse(leaveRoom.leave(EVE).left(), "a second leaveroom finds it in no room");
    }

    @Test
    void leave_whenInNoRoom_repliesWithAClearError_andChangesNothing() {
        Connection before = save(EVE, null, "eve");
        save(ANA, "lobby", "ana");

        LeaveRoomService.Outcome outcome = leaveRoom.leave(EVE);

        assertFalse(outcome.left());
        assertEquals(before, store.find(EVE).orElseThrow(), "the record is unchanged");
        List<JsonObject> replies = received(EVE);
        assertEquals(1, replies.size());
        JsonObject error = replies.get(0);
        assertEquals("error", error.get("type").getAsString());
        assertTrue(error.get("message").getAsString().contains("in no room"), error.toString());
        assertTrue(error.getAsJsonArray("actions").toString().contains("\"leaveroom\""), error.toString());
        assertEquals("joinroom", error.getAsJsonObject("example").get("action").getAsString(),
                "the example shows how to join one");
        assertTrue(received(ANA).isEmpty(), "nobody else hears of it");
    }

    @Test
    void leave_withoutARecord_createsNoneAndRepliesWithAnError() {
        save(ANA, "lobby", "ana");
        long before = dynamo.count();

        assertFalse(leaveRoom.leave(EVE).left());

        assertTrue(store.find(EVE).isEmpty(), "no phantom record");
        assertEquals(before, dynamo.count());
        assertTrue(received(EVE).get(0).get("message").getAsString().contains("reconnect"));
        assertTrue(received(ANA).isEmpty());
    }

    @Test
    void leave_whenAnotherMemberIsGone_removesThatRecord_notTheSenders() {
        save(EVE, "lobby", "eve");
        save(ANA, "lobby", "ana");
        save("StaleStaleSta0=", "lobby", "old");
        endpoint.markGone("StaleStaleSta0=");

        LeaveRoomService.Outcome outcome = leaveRoom.leave(EVE);

        assertTrue(store.find("StaleStaleSta0=").isEmpty(), "the stale member's record is removed");
        assertTrue(store.find(EVE).isPresent(), "never the sender's");
        assertEquals(1, outcome.notified().gone());
        assertEquals(1, outcome.notified().delivered());
    }

    @Test
    void leave_whenTheSenderIsGone_reportsItsReplyGone_andStillTellsTheRoom() {
        save(EVE, "lobby", "eve");
        save(ANA, "lobby", "ana");
        endpoint.markGone(EVE);

        LeaveRoomService.Outcome outcome = leaveRoom.leave(EVE);

        assertEquals(Delivery.GONE, outcome.reply());
        assertEquals(1, received(ANA).size());
    }
}
