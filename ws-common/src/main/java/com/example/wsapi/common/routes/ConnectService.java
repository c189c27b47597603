package com.example.wsapi.common.routes;

import com.example.wsapi.common.WebSocketRequest;
import com.example.wsapi.common.connections.Connection;
import com.example.wsapi.common.connections.ConnectionStore;
import com.example.wsapi.common.connections.StoreFailedException;
import java.time.Clock;
import java.time.Duration;

/** $connect: remember the connection. A connection that can't be stored is refused rather than half-known. */
public final class ConnectService {

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
}
