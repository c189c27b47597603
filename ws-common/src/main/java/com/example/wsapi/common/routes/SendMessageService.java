package com.example.wsapi.common.routes;

import com.example.wsapi.common.Json;
import com.example.wsapi.common.SignedInUser;
import com.example.wsapi.common.broadcast.BroadcastResult;
import com.example.wsapi.common.broadcast.Broadcaster;
import com.example.wsapi.common.connections.Connection;
import com.example.wsapi.common.connections.ConnectionStore;
import com.example.wsapi.common.posting.ConnectionPoster;
import com.example.wsapi.common.posting.Delivery;
import com.google.gson.JsonElement;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * sendmessage: {"action":"sendmessage","data":...} delivers
 * {"type":"message","room":...,"from":...,"data":...,"sentAt":"..."} to every connection in the sender's room, the
 * sender included; a sender in no room reaches every connection (and the message has no "room").
 * {@code data} is any JSON value but null, passed on as it came. {@code sentAt} is when API Gateway received the
 * message (the event's requestTimeEpoch), ISO-8601 in UTC with milliseconds. With sign-in on only rooms broadcast:
 * a signed-in sender in no room gets an error reply.
 */
public final class SendMessageService {

    /**
     * @param sent        false when the request was rejected with an error reply
     * @param broadcast   the delivery of the message (NONE when rejected)
     * @param errorReply  what became of the error reply, or null when the message was sent
     */
    public record Outcome(boolean sent, BroadcastResult broadcast, Delivery errorReply) {}

    private final ConnectionStore store;
    private final ConnectionPoster poster;
    private final Broadcaster broadcaster;
    private final Clock clock;

    public SendMessageService(ConnectionStore store, ConnectionPoster poster, Broadcaster broadcaster, Clock clock) {
        this.store = store;
        this.poster = poster;
        this.broadcaster = broadcaster;
        this.clock = clock;
    }

    /** sendmessage with sign-in off; {@code receivedAt} as below. */
    public Outcome send(String connectionId, String body, long receivedAt) {
        return send(connectionId, body, receivedAt, null);
    }

    /**
     * @param receivedAt epoch millis when API Gateway received the message, or 0 for now
     * @param user       the signed-in sender, or null when sign-in is off
     */
    public Outcome send(String connectionId, String body, long receivedAt, SignedInUser user) {
        Optional<JsonElement> data = Json.parseObject(body).map(message -> message.get("data"));
        if (data.isEmpty() || data.get().isJsonNull()) {
            return rejected(connectionId, Json.nestsTooDeep(body) ? Json.tooDeepProblem()
                    : "sendmessage needs \"data\": the message to send (any JSON value but null)");
        }
        Optional<Connection> sender = store.find(connectionId);
        if (sender.isEmpty()) {
            return rejected(connectionId, "this connection has no record (it is disconnecting or expired): "
                    + "reconnect, then send again");
        }
        String room = sender.get().room();
        if (room == null && user != null) {
            return rejected(connectionId, "join a room first: with sign-in on, messages go only to rooms "
                    + "(send {\"action\":\"joinroom\",\"room\":\"lobby\"})");
        }
        Instant sentAt = receivedAt > 0 ? Instant.ofEpochMilli(receivedAt) : clock.instant();
        String message = ChatMessages.message(room, sender.get().displayName(), data.get(), sentAt);
        int bytes = message.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > ConnectionPoster.MAX_MESSAGE_BYTES) {
            return rejected(connectionId, "the message would be " + bytes + " bytes once wrapped for delivery; "
                    + "API Gateway allows " + ConnectionPoster.MAX_MESSAGE_BYTES + " (128 KB): make \"data\" at least "
                    + (bytes - ConnectionPoster.MAX_MESSAGE_BYTES) + " bytes shorter");
        }
        Stream<String> everyoneElse = (room != null ? store.connectionIdsInRoom(room) : store.allConnectionIds())
                .filter(id -> !id.equals(connectionId));
        // The sender first and always: the room index and the Scan are eventually consistent.
        return new Outcome(true, broadcaster.broadcast(Stream.concat(Stream.of(connectionId), everyoneElse), message),
                null);
    }

    private Outcome rejected(String connectionId, String problem) {
        return new Outcome(false, BroadcastResult.NONE,
                poster.post(connectionId, ApiUsage.error(problem, "sendmessage")));
    }
}
