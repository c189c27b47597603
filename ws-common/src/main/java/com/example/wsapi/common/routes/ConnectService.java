package com.example.wsapi.common.routes;

import com.example.wsapi.common.WebSocketRequest;
import com.example.wsapi.common.connections.Connection;
import com.example.wsapi.common.connections.ConnectionStore;
import com.example.wsapi.common.connections.StoreFailedException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/** $connect: remember the connection. A connection that can't be stored is refused rather than half-known. */
public final class ConnectService {

    /**
     * The subprotocol of this API. Browsers, which cannot set headers on a handshake, pass their sign-in token as a
     * second subprotocol ({@code new WebSocket(url, ["chat", token])}); a browser that offers subprotocols fails the
     * handshake unless the answer names one of them, so $connect names this one whenever it is offered.
     */
    public static final String CHAT_SUBPROTOCOL = "chat";

    private final ConnectionStore store;
    private final Duration ttl;
    private final Clock clock;

    public ConnectService(ConnectionStore store, Duration ttl, Clock clock) {
        this.store = store;
        this.ttl = ttl;
        this.clock = clock;
    }

    /**
     * Stores the connection (accept the handshake).
     *
     * @throws StoreFailedException when it could not be stored (refuse the handshake); its message says why
     */
    public void connect(WebSocketRequest request) {
        long connectedAt = request.connectedAt() > 0 ? request.connectedAt() : clock.millis();
        Connection connection = new Connection(request.connectionId(), connectedAt, request.sourceIp(),
                request.userAgent(), connectedAt / 1000 + ttl.toSeconds(), null, null);
        store.save(connection);
    }

    /** The subprotocol to answer with ({@link #CHAT_SUBPROTOCOL} when offered, with or without sign-in), if any. */
    public Optional<String> subprotocol(WebSocketRequest request) {
        return request.subprotocols().contains(CHAT_SUBPROTOCOL) ? Optional.of(CHAT_SUBPROTOCOL) : Optional.empty();
    }
}
