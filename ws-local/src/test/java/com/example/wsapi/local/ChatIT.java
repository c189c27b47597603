package com.example.wsapi.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.example.wsapi.local.lambda.RuntimeOptions;
import com.example.wsapi.local.testing.JdkClient;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Rooms and broadcast end to end: this project's template run by ws-local, real WebSocket clients.
 * Every Query and Scan runs in pages of 2 (QUERY_PAGE_SIZE) so every broadcast crosses page boundaries.
 */
class ChatIT {

    static final Duration REPLY = LocalApiIT.REPLY;
    /** How long a client that must get nothing is watched. */
    static final long SILENCE_MILLIS = 1500;

    static LocalApi api;
    static String table;
    static final List<JdkClient> clients = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        Path root = Path.of(System.getProperty("project.root"));
        api = LocalApi.start(new LocalOptions(root.resolve("template.yaml"), "127.0.0.1", 0, null, "us-east-1",
                Duration.ofMinutes(10), null, 0, Map.of(),
                Map.of("Parameters", Map.of("QUERY_PAGE_SIZE", "2")), 4), RuntimeOptions.defaults());
        table = api.template().tables().get(0).tableName();
    }

    @AfterAll
    static void stop() {
        clients.forEach(c -> c.socket().abort());
        if (api != null) {
            api.close();
        }
    }

    static JdkClient connect() {
        JdkClient client = JdkClient.connect(api.gateway().webSocketUrl());
        clients.add(client);
        return client;
    }

    static String room() {
        return "room-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Joins and waits for the "joined" reply; returns it. */
    static JsonObject join(JdkClient client, String room, String name) {
        client.send("{\"action\":\"joinroom\",\"room\":\"" + room + "\",\"name\":\"" + name + "\"}");
        return next(client, "joined");
    }

    static void say(JdkClient client, String data) {
        client.send("{\"action\":\"sendmessage\",\"data\":\"" + data + "\"}");
    }

    /** The next message of a type, skipping others (e.g. member-joined notices). */
    static JsonObject next(JdkClient client, String type) {
        long deadline = System.currentTimeMillis() + REPLY.toMillis();
        while (System.currentTimeMillis() < deadline) {
            String text = client.pollMessage(Math.max(1, deadline - System.currentTimeMillis()));
            if (text == null) {
                break;
            }
            JsonObject message = JsonParser.parseString(text).getAsJsonObject();
            if (type.equals(message.get("type").getAsString())) {
                return message;
            }
        }
        return fail("no \"" + type + "\" message within " + REPLY);
    }

    /** The chat message with this data, if one arrives while watching; other messages are skipped. */
    static JsonObject chatWithData(JdkClient client, String data, long watchMillis) {
        long deadline = System.currentTimeMillis() + watchMillis;
        while (System.currentTimeMillis() < deadline) {
            String text = client.pollMessage(Math.max(1, deadline - System.currentTimeMillis()));
            if (text == null) {
                return null;
            }
            JsonObject message = JsonParser.parseString(text).getAsJsonObject();
            if ("message".equals(message.get("type").getAsString())
                    && data.equals(message.get("data").getAsString())) {
                return message;
            }
        }
        return null;
    }

    static boolean recordExists(String connectionId) {
        return !api.dynamo().client().getItem(b -> b.tableName(table).consistentRead(true)
                .key(Map.of("connectionId", AttributeValue.builder().s(connectionId).build()))).item().isEmpty();
    }

    @Test
    void message_reachesEveryRoomMember_includingTheSender_andNoOneElse() {
        String room = room();
        List<JdkClient> members = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            JdkClient member = connect();
            join(member, room, "m" + i);
            members.add(member);
        }
        JdkClient outsider = connect();
        join(outsider, room(), "outsider");

        say(members.get(0), "hello-room");

        for (JdkClient member : members) {
            JsonObject message = chatWithData(member, "hello-room", REPLY.toMillis());
            assertTrue(message != null, "a member did not get the message");
            assertEquals(room, message.get("room").getAsString());
            assertEquals("m0", message.get("from").getAsString());
            assertTrue(message.has("sentAt"));
        }
        assertNull(chatWithData(outsider, "hello-room", SILENCE_MILLIS), "a non-member got the room's message");
    }

    @Test
    void roomBiggerThanSeveralPages_isReachedCompletely() {
        String room = room();
        List<JdkClient> members = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            JdkClient member = connect();
            join(member, room, "p" + i);
            members.add(member);
        }

        say(members.get(3), "paged");

        for (JdkClient member : members) {
            assertTrue(chatWithData(member, "paged", REPLY.toMillis()) != null, "a member past page 1 was missed");
        }
    }

    @Test
    void joiningAnotherRoom_movesTheConnection_andBothRoomsAreTold() {
        String first = room();
        String second = room();
        JdkClient mover = connect();
        JdkClient stayer = connect();
        JdkClient host = connect();
        join(stayer, first, "stayer");
        join(host, second, "host");
        join(mover, first, "mover");
        assertEquals("mover", next(stayer, "member-joined").get("name").getAsString());

        JsonObject joined = join(mover, second, "mover");

        assertEquals(second, joined.get("room").getAsString());
        assertEquals(2, joined.get("members").getAsInt());
        assertEquals("mover", next(stayer, "member-left").get("name").getAsString());
        assertEquals("mover", next(host, "member-joined").get("name").getAsString());
        say(stayer, "after-move");
        assertNull(chatWithData(mover, "after-move", SILENCE_MILLIS), "the old room still reaches the mover");
    }

    @Test
    void leaving_tellsTheRoom() {
        String room = room();
        JdkClient leaver = connect();
        JdkClient other = connect();
        join(other, room, "other");
        join(leaver, room, "leaver");

        JdkClient.join(leaver.socket().sendClose(1000, "bye"));

        JsonObject left = next(other, "member-left");
        assertEquals(room, left.get("room").getAsString());
        assertEquals("leaver", left.get("name").getAsString());
    }

    @Test
    void leaveroom_tellsTheRoom_keepsTheConnectionOpen_andLeavingAgainIsAnError() {
        String room = room();
        JdkClient leaver = connect();
        JdkClient other = connect();
        join(other, room, "other");
        join(leaver, room, "leaver");

        leaver.send("{\"action\":\"leaveroom\"}");

        JsonObject left = next(leaver, "left");
        assertEquals(room, left.get("room").getAsString());
        JsonObject memberLeft = next(other, "member-left");
        assertEquals("leaver", memberLeft.get("name").getAsString());
        say(other, "after-leave");
        assertNull(chatWithData(leaver, "after-leave", SILENCE_MILLIS), "the room still reaches the one who left");

        leaver.send("{\"action\":\"leaveroom\"}");

        JsonObject error = next(leaver, "error");
        assertTrue(error.get("message").getAsString().contains("in no room"), error.toString());
        assertEquals(room, join(leaver, room, "leaver").get("room").getAsString(), "the connection is still open");
    }

    @Test
    void senderInNoRoom_reachesEveryConnection() {
        JdkClient lonely = connect();
        JdkClient inRoom = connect();
        join(inRoom, room(), "busy");
        JdkClient idle = connect();

        say(lonely, "to-everyone");

        for (JdkClient client : List.of(lonely, inRoom, idle)) {
            JsonObject message = chatWithData(client, "to-everyone", REPLY.toMillis());
            assertTrue(message != null, "a connection was not reached");
            assertFalse(message.has("room") && !message.get("room").isJsonNull(), message.toString());
        }
    }

    @Test
    void staleRecordInTheRoom_isRemovedOnBroadcast_whileLiveMembersStillGetTheMessage() {
        String room = room();
        JdkClient a = connect();
        JdkClient b = connect();
        join(a, room, "a");
        join(b, room, "b");
        // A record whose socket is gone: $disconnect never ran for it.
        String staleId = "StaleStaleStale=";
        api.dynamo().client().putItem(r -> r.tableName(table).item(Map.of(
                "connectionId", AttributeValue.builder().s(staleId).build(),
                "connectedAt", AttributeValue.builder().n("1").build(),
                "expiresAt", AttributeValue.builder().n("9999999999").build(),
                "room", AttributeValue.builder().s(room).build(),
                "name", AttributeValue.builder().s("ghost").build())));

        say(a, "with-ghost");

        assertTrue(chatWithData(a, "with-ghost", REPLY.toMillis()) != null);
        assertTrue(chatWithData(b, "with-ghost", REPLY.toMillis()) != null);
        LocalApiIT.await("removal of the stale record on 410", () -> !recordExists(staleId));
    }
}
