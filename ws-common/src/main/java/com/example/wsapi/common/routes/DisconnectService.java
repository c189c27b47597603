package com.example.wsapi.common.routes;

import com.example.wsapi.common.connections.ConnectionStore;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * $disconnect: forget the connection. Idempotent. When DynamoDB stays unavailable through the SDK's retries,
 * the record's TTL removes it later.
 */
public final class DisconnectService {

    private final ConnectionStore store;

    public DisconnectService(ConnectionStore store) {
        this.store = store;
    }

    /** @return true when the record is gone now, false when it is left to the TTL */
    public boolean disconnect(String connectionId) {
        try {
            store.remove(connectionId);
            return true;
        } catch (SdkException e) {
            return false;
        }
    }
}
