package com.example.wsapi.common.connections;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.wsapi.common.testing.LocalDynamoDb;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ConnectionStoreIT {

    private static LocalDynamoDb dynamo;
    private static ConnectionStore store;

    @BeforeAll
    static void start() throws Exception {
        dynamo = LocalDynamoDb.start();
        dynamo.createConnectionsTable("connections");
        store = new ConnectionStore(dynamo.client(), "connections");
    }

    @AfterAll
    static void stop() throws Exception {
        dynamo.close();
    }

    @Test
    void save_thenFind_returnsEveryAttribute() {
        Connection connection = new Connection("AAAAAAAAAAAAAA0=", 1_700_000_000_000L, "203.0.113.7", "wscat", 1_700_007_800L);
        store.save(connection);
        assertEquals(connection, store.find("AAAAAAAAAAAAAA0=").orElseThrow());
    }

    @Test
    void save_withoutOptionalAttributes_storesNoEmptyValues() {
        Connection connection = new Connection("AAAAAAAAAAAAAA1=", 1L, null, null, 2L);
        store.save(connection);
        assertEquals(connection, store.find("AAAAAAAAAAAAAA1=").orElseThrow());
    }

    @Test
    void remove_deletesTheRecord_andIsIdempotent() {
        store.save(new Connection("AAAAAAAAAAAAAA2=", 1L, "ip", null, 2L));
        store.remove("AAAAAAAAAAAAAA2=");
        assertTrue(store.find("AAAAAAAAAAAAAA2=").isEmpty());
        assertDoesNotThrow(() -> store.remove("AAAAAAAAAAAAAA2="));
    }
}
