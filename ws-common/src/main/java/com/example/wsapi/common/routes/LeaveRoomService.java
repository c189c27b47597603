package com.example.wsapi.common.routes;

import com.example.wsapi.common.broadcast.BroadcastResult;
import com.example.wsapi.common.broadcast.Broadcaster;
import com.example.wsapi.common.connections.Connection;
import com.example.wsapi.common.connections.ConnectionStore;
import com.example.wsapi.common.posting.ConnectionPoster;
import com.example.wsapi.common.posting.Delivery;
import java.util.Optional;

/**
 * leaveroom: {"action":"leaveroom"} takes the sender out of its room. The connection stays open and keeps its record
 * (and display name); the room's other members hear member-left and the sender gets left. A sender in no room gets
 * an error reply, and nothing changes.
 */
public final class LeaveRoomService {

    /**
     * @param left     false when the sender was in no room (or had no record) and got an error reply
     * @param room     the room left, or null
     * @param notified the member-left broadcast to the room's other members
     * @param reply    what became of the reply (left or error) to the sender
     */
    public record Outcome(boolean left, String room, BroadcastResult notified, Delivery reply) {}

    private final ConnectionStore store;
    private final ConnectionPoster poster;
    private final Broadcaster broadcaster;

    public LeaveRoomService(ConnectionStore store, ConnectionPoster poster, Broadcaster broadcaster) {
        this.store = store;
        this.poster = poster;
        this.broadcaster = broadcaster;
    }

    /** Anything else in the message is ignored: leaving needs no input. */
    public Outcome leave(String connectionId) {
        Optional<Connection> before = store.leaveRoom(connectionId);
        if (before.isEmpty()) {
            return rejected(connectionId, "this connection has no record (it is disconnecting or expired): "
                    + "reconnect, then join a room");
        }
        String room = before.get().room();
        if (room == null) {
            return rejected(connectionId, "leaveroom: this connection is in no room; join one first");
        }
        // The index is eventually consistent: the sender may still be listed, and is left out by hand.
        BroadcastResult notified = broadcaster.broadcast(
                store.connectionIdsInRoom(room).filter(id -> !id.equals(connectionId)),
                ChatMessages.memberLeft(room, before.get().displayName()));
        Delivery reply = poster.post(connectionId, ChatMessages.left(room));
        return new Outcome(true, room, notified, reply);
    }

    private Outcome rejected(String connectionId, String problem) {
        Delivery reply = poster.post(connectionId, ApiUsage.error(problem, "joinroom"));
        return new Outcome(false, null, BroadcastResult.NONE, reply);
    }
}
