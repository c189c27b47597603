package com.example.wsapi.httpbackend;

import com.example.wsapi.common.Json;
import com.example.wsapi.common.WebSocketRequest;
import com.example.wsapi.common.broadcast.BroadcastResult;
import com.example.wsapi.common.broadcast.Broadcaster;
import com.example.wsapi.common.connections.Connection;
import com.example.wsapi.common.connections.ConnectionStore;
import com.example.wsapi.common.connections.StoreFailedException;
import com.example.wsapi.common.posting.ConnectionPoster;
import com.example.wsapi.common.posting.Delivery;
import com.example.wsapi.common.routes.ConnectService;
import com.example.wsapi.common.routes.DisconnectService;
import com.example.wsapi.common.routes.SendMessageService;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The backend's endpoints, one per route of http-backend/template.yaml. Each is a thin adapter over ws-common's
 * services, as the Lambda handlers are: the records live in the connection table (ConnectionStore), messages go out
 * through @connections with the Broadcaster (a connection that answers 410 loses its record, the others still get
 * the message). Logs name connection ids and counts, never what a client sent.
 */
final class Routes {

    /** Where the HTTP_PROXY route's integration maps $context.connectionId (RequestParameters). */
    static final String CONNECTION_ID_HEADER = "X-Connection-Id";

    /** {"connectionId": ...}: /connect's and /disconnect's answer (API Gateway sends the client nothing). */
    record Acknowledged(String connectionId) {}

    /** What became of a message: the broadcast's counts, or the error reply the sender got instead. */
    record Sent(boolean sent, Integer delivered, Integer gone, Integer failed, Delivery errorReply) {}

    /** whoami's answer, the frame the sender gets back through the route response. Null fields are left out. */
    record WhoAmI(String type, String connectionId, String connectedAt, String sourceIp, String userAgent,
                  String room, String name) {}

    /** ISO-8601 in UTC with milliseconds, always the same length, as the chat messages' sentAt. */
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);
    private static final Logger LOG = LoggerFactory.getLogger("http-backend");

    private final ConnectionStore store;
    private final ConnectService connectService;
    private final DisconnectService disconnectService;
    private final SendMessageService sendMessageService;

    Routes(ConnectionStore store, ConnectionPoster poster, Broadcaster broadcaster, Duration connectionTtl,
           Clock clock) {
        this.store = store;
        this.connectService = new ConnectService(store, connectionTtl, clock);
        this.disconnectService = new DisconnectService(store, () -> broadcaster);
        this.sendMessageService = new SendMessageService(store, poster, broadcaster, clock);
    }

    /** $connect (HTTP): stores the connection; 500 refuses the handshake when it can't be stored. */
    Reply connect(JsonEndpoint.Request request) {
        EventRequest event = EventRequest.parse(request.body());
        WebSocketRequest connecting = new WebSocketRequest("$connect", event.connectionId(), event.connectedAt(),
                event.requestTimeEpoch(), null, null, event.sourceIp(), event.userAgent(), null);
        try {
            connectService.connect(connecting);
        } catch (StoreFailedException e) {
            LOG.error("refused {}: the connection could not be stored: {}", event.connectionId(), e.getMessage());
            return Reply.error(500, "the connection could not be stored");
        }
        LOG.info("connected {}", event.connectionId());
        return Reply.ok(new Acknowledged(event.connectionId()));
    }

    /** $disconnect (HTTP): removes the record (a missing one is fine) and tells its room, when it had one. */
    Reply disconnect(JsonEndpoint.Request request) {
        String connectionId = EventRequest.parse(request.body()).connectionId();
        DisconnectService.Outcome outcome = disconnectService.disconnect(connectionId);
        if (!outcome.removed()) {
            LOG.error("could not delete {} now: its TTL will remove it: {}", connectionId, outcome.removeProblem());
            return Reply.error(500, "the connection record could not be deleted now: its TTL will remove it");
        }
        if (outcome.notifyProblem() != null) {
            LOG.warn("disconnected {}; could not tell its room: {}", connectionId, outcome.notifyProblem());
        } else if (outcome.wasInRoom()) {
            LOG.info("disconnected {}; member-left {}", connectionId, outcome.notified().summary());
        } else {
            LOG.info("disconnected {}", connectionId);
        }
        return Reply.ok(new Acknowledged(connectionId));
    }

    /**
     * $default (HTTP): any frame no route took is a message to everyone (to the sender's room when it has one),
     * delivered the way sendmessage delivers {@code data}: a JSON frame as it came, any other text as a string.
     */
    Reply handleEvent(JsonEndpoint.Request request) {
        EventRequest event = EventRequest.parse(request.body());
        JsonObject message = new JsonObject();
        message.add("data", dataOf(event.requireFrame()));
        return sent(event.connectionId(), sendMessageService.send(event.connectionId(), Json.toJson(message),
                event.requestTimeEpoch()));
    }

    /**
     * sendmessage (HTTP_PROXY): the body is the client's frame byte for byte, {"action":"sendmessage","data":...};
     * the connection id comes in {@value #CONNECTION_ID_HEADER}. A frame without data gets the sender an error reply.
     */
    Reply sendMessage(JsonEndpoint.Request request) {
        String connectionId = ConnectionIds.require(request.header(CONNECTION_ID_HEADER),
                "the " + CONNECTION_ID_HEADER + " header", "map it in the integration's RequestParameters: "
                        + "integration.request.header." + CONNECTION_ID_HEADER + ": context.connectionId");
        return sent(connectionId, sendMessageService.send(connectionId, request.body(), 0));
    }

    /** whoami (HTTP, two-way): the caller's own record; the answer is the frame it gets back. */
    Reply whoAmI(JsonEndpoint.Request request) {
        String connectionId = EventRequest.parse(request.body()).connectionId();
        Optional<Connection> found = store.find(connectionId);
        if (found.isEmpty()) {
            LOG.info("whoami {}: no record", connectionId);
            return Reply.error(404, "this connection has no record (it is disconnecting or expired): reconnect");
        }
        Connection connection = found.get();
        LOG.info("whoami {}", connectionId);
        return Reply.ok(new WhoAmI("whoami", connection.connectionId(),
                TIMESTAMP.format(Instant.ofEpochMilli(connection.connectedAt())), connection.sourceIp(),
                connection.userAgent(), connection.room(), connection.name()));
    }

    private static Reply sent(String connectionId, SendMessageService.Outcome outcome) {
        if (!outcome.sent()) {
            LOG.info("message from {} refused: error reply {}", connectionId, outcome.errorReply());
            return Reply.ok(new Sent(false, null, null, null, outcome.errorReply()));
        }
        BroadcastResult result = outcome.broadcast();
        if (result.failed() > 0) {
            LOG.warn("message from {}: {}", connectionId, result.summary());
        } else {
            LOG.info("message from {}: {}", connectionId, result.summary());
        }
        return Reply.ok(new Sent(true, result.delivered(), result.gone(), result.failed(), null));
    }

    /** A frame as a message's data: JSON as it came (a string stays a string), any other text as a JSON string. */
    static JsonElement dataOf(String frame) {
        return Json.parse(frame).filter(json -> !json.isJsonNull()).orElseGet(() -> new JsonPrimitive(frame));
    }
}
