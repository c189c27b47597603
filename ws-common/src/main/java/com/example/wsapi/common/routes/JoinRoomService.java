package com.example.wsapi.common.routes;

import com.example.wsapi.common.Json;
import com.example.wsapi.common.SignedInUser;
import com.example.wsapi.common.broadcast.BroadcastResult;
import com.example.wsapi.common.broadcast.Broadcaster;
import com.example.wsapi.common.connections.Connection;
import com.example.wsapi.common.connections.ConnectionStore;
import com.example.wsapi.common.posting.ConnectionPoster;
import com.example.wsapi.common.posting.Delivery;
import com.google.gson.JsonObject;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * joinroom: {"action":"joinroom","room":"lobby","name":"ana"} puts the sender's connection into a room under a
 * display name. The old room (when it moves) hears member-left, the new room's other members hear member-joined,
 * and the sender gets joined with its name and the member count. Bad input gets an error reply and changes nothing. With sign-in
 * on, the name is the signed-in user's ({@link SignedInUser}); a name in the message is ignored.
 */
public final class JoinRoomService {

    /**
     * @param joined        false when the request was rejected with an error reply
     * @param members       members of the room after joining, the sender included (0 when rejected)
     * @param leftOldRoom   the member-left broadcast to the room the sender moved out of
     * @param joinedNewRoom the member-joined broadcast to the room's other members
     * @param reply         what became of the reply (joined or error) to the sender
     */
    public record Outcome(boolean joined, int members, BroadcastResult leftOldRoom, BroadcastResult joinedNewRoom,
                          Delivery reply) {}

    private final ConnectionStore store;
    private final ConnectionPoster poster;
    private final Broadcaster broadcaster;

    public JoinRoomService(ConnectionStore store, ConnectionPoster poster, Broadcaster broadcaster) {
        this.store = store;
        this.poster = poster;
        this.broadcaster = broadcaster;
    }

    /** joinroom with sign-in off: the message names the member. */
    public Outcome join(String connectionId, String body) {
        return join(connectionId, body, null);
    }

    /** @param user the signed-in user, whose name is used, or null when sign-in is off (the message names itself) */
    public Outcome join(String connectionId, String body, SignedInUser user) {
        Optional<JsonObject> message = Json.parseObject(body);
        if (message.isEmpty()) {
            return rejected(connectionId, Json.nestsTooDeep(body) ? Json.tooDeepProblem()
                    : user != null ? "joinroom needs a JSON object with \"room\""
                    : "joinroom needs a JSON object with \"room\" and \"name\"");
        }
        Optional<String> problem = RoomInput.problemWith("room", message.get().get("room"))
                .or(() -> user != null ? Optional.empty() : RoomInput.problemWith("name", message.get().get("name")));
        if (problem.isPresent()) {
            return rejected(connectionId, problem.get());
        }
        String room = message.get().get("room").getAsString();
        String name = user != null ? user.name() : message.get().get("name").getAsString();

        Optional<Connection> before = store.joinRoom(connectionId, room, name);
        if (before.isEmpty()) {
            return rejected(connectionId, "this connection has no record (it is disconnecting or expired): "
                    + "reconnect, then join again");
        }
        Connection old = before.get();

        BroadcastResult leftOldRoom = BroadcastResult.NONE;
        if (old.room() != null && !old.room().equals(room)) {
            leftOldRoom = broadcaster.broadcast(othersIn(old.room(), connectionId),
                    ChatMessages.memberLeft(old.room(), old.displayName()));
        }
        // The index is eventually consistent: the sender is left out of every query and counted by hand.
        List<String> others = othersIn(room, connectionId).toList();
        boolean sameAsBefore = room.equals(old.room()) && name.equals(old.name());
        BroadcastResult joinedNewRoom = sameAsBefore ? BroadcastResult.NONE
                : broadcaster.broadcast(others.stream(), ChatMessages.memberJoined(room, name));
        int members = others.size() - joinedNewRoom.gone() + 1;
        Delivery reply = poster.post(connectionId, ChatMessages.joined(room, name, members));
        return new Outcome(true, members, leftOldRoom, joinedNewRoom, reply);
    }

    private Stream<String> othersIn(String room, String connectionId) {
        return store.connectionIdsInRoom(room).filter(id -> !id.equals(connectionId));
    }

    private Outcome rejected(String connectionId, String problem) {
        Delivery reply = poster.post(connectionId, ApiUsage.error(problem, "joinroom"));
        return new Outcome(false, 0, BroadcastResult.NONE, BroadcastResult.NONE, reply);
    }
}
