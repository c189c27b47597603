package com.example.wsapi.common.routes;

import com.example.wsapi.common.InvalidEventException;
import com.example.wsapi.common.broadcast.BroadcastResult;
import com.example.wsapi.common.broadcast.Broadcaster;
import com.example.wsapi.common.connections.Connection;
import com.example.wsapi.common.connections.ConnectionStore;
import com.example.wsapi.common.connections.StoreFailedException;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * $disconnect: forget the connection and tell its room (member-left). Idempotent. When DynamoDB stays unavailable
 * through the SDK's retries, the record's TTL removes it later (and the room is not told).
 */
public final class DisconnectService {

    /**
     * @param removed       true when the record is gone now, false when it is left to the TTL
     * @param wasInRoom     true when the removed record had a room, whose members were to be told
     * @param notified      the member-left broadcast (NONE when there was no room to tell)
     * @param notifyProblem why the room could not be told, or null
     * @param removeProblem why the record could not be removed (operation, table, endpoint, cause), or null
     */
    public record Outcome(boolean removed, boolean wasInRoom, BroadcastResult notified, String notifyProblem,
                          String removeProblem) {}

    private final ConnectionStore store;
    private final Supplier<Broadcaster> broadcaster;

    /** @param broadcaster asked for only when there is a room to tell */
    public DisconnectService(ConnectionStore store, Supplier<Broadcaster> broadcaster) {
        this.store = store;
        this.broadcaster = broadcaster;
    }

    public Outcome disconnect(String connectionId) {
        Optional<Connection> old;
        try {
            old = store.remove(connectionId);
        } catch (StoreFailedException e) {
            return new Outcome(false, false, BroadcastResult.NONE, null, e.getMessage());
        }
        if (old.isEmpty() || old.get().room() == null) {
            return new Outcome(true, false, BroadcastResult.NONE, null, null);
        }
        String room = old.get().room();
        try {
            BroadcastResult notified = broadcaster.get().broadcast(
                    store.connectionIdsInRoom(room).filter(id -> !id.equals(connectionId)),
                    ChatMessages.memberLeft(room, old.get().displayName()));
            return new Outcome(true, true, notified, null, null);
        } catch (StoreFailedException | InvalidEventException e) {
            return new Outcome(true, true, BroadcastResult.NONE, e.getMessage(), null);
        }
    }
}
