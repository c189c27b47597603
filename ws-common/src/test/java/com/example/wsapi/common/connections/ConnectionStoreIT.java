package com.example.wsapi.common.connections;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.wsapi.common.testing.LocalConnectionsTable;
import com.example.wsapi.common.testing.LocalDynamoDb;
import com.example.wsapi.common.testing.SdkCalls;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

class ConnectionStoreIT {

    @RegisterExtension
    static final LocalConnectionsTable dynamo = LocalConnectionsTable.oneForTheClass();
    private static ConnectionStore store;

    @BeforeAll
    static void start() {
        store = dynamo.store();
    }

    private static Connection connection(String id, String room, String name) {
        return new Connection(id, 1L, "ip", null, 2L, room, name);
    }

    @Test
    void save_thenFind_returnsEveryAttribute() {
        Connection connection = new Connection("AAAAAAAAAAAAAA0=", 1_700_000_000_000L, "203.0.113.7", "wscat",
                1_700_007_800L, "lobby", "ana");
        store.save(connection);
        assertEquals(connection, store.find("AAAAAAAAAAAAAA0=").orElseThrow());
    }

    @Test
    void save_withoutOptionalAttributes_storesNoEmptyValues() {
        Connection connection = new Connection("AAAAAAAAAAAAAA1=", 1L, null, null, 2L, null, null);
        store.save(connection);
        assertEquals(connection, store.find("AAAAAAAAAAAAAA1=").orElseThrow());
    }

    @Test
    void remove_deletesTheRecord_returnsWhatItWas_andIsIdempotent() {
        Connection connection = connection("AAAAAAAAAAAAAA2=", "kitchen", "bo");
        store.save(connection);

        assertEquals(connection, store.remove("AAAAAAAAAAAAAA2=").orElseThrow());

        assertTrue(store.find("AAAAAAAAAAAAAA2=").isEmpty());
        assertTrue(assertDoesNotThrow(() -> store.remove("AAAAAAAAAAAAAA2=")).isEmpty());
    }

    @Test
    void joinRoom_setsRoomAndName_andReturnsTheRecordAsItWas() {
        Connection before = connection("AAAAAAAAAAAAAA3=", "hall", "cy");
        store.save(before);

        assertEquals(before, store.joinRoom("AAAAAAAAAAAAAA3=", "attic", "cyd").orElseThrow());

        assertEquals(new Connection("AAAAAAAAAAAAAA3=", 1L, "ip", null, 2L, "attic", "cyd"),
                store.find("AAAAAAAAAAAAAA3=").orElseThrow());
    }

    @Test
    void joinRoom_withoutARecord_createsNone() {
        long before = dynamo.count();

        assertTrue(store.joinRoom("NoRecordAAAAAA0=", "attic", "ghost").isEmpty());

        assertTrue(store.find("NoRecordAAAAAA0=").isEmpty());
        assertEquals(before, dynamo.count());
    }

    @Test
    void leaveRoom_removesOnlyTheRoom_keepsTheRecordAndName_andTakesItOutOfTheRoomIndex() {
        Connection before = connection("LeaverAAAAAAAA0=", "porch", "di");
        store.save(before);

        assertEquals(before, store.leaveRoom("LeaverAAAAAAAA0=").orElseThrow());

        assertEquals(new Connection("LeaverAAAAAAAA0=", 1L, "ip", null, 2L, null, "di"),
                store.find("LeaverAAAAAAAA0=").orElseThrow());
        assertEquals(List.of(), store.connectionIdsInRoom("porch").toList());
    }

    @Test
    void leaveRoom_inNoRoom_returnsTheRecordWithoutARoom_andWritesNothing() {
        Connection before = connection("NoRoomLeaverAA0=", null, "ed");
        store.save(before);

        assertEquals(before, store.leaveRoom("NoRoomLeaverAA0=").orElseThrow());

        assertEquals(before, store.find("NoRoomLeaverAA0=").orElseThrow());
    }

    @Test
    void leaveRoom_withoutARecord_createsNone() {
        long before = dynamo.count();

        assertTrue(store.leaveRoom("NoRecordLeaver0=").isEmpty());

        assertTrue(store.find("NoRecordLeaver0=").isEmpty());
        assertEquals(before, dynamo.count());
    }

    @Test
    void connectionIdsInRoom_readsEveryPageOfTheIndex_andOnlyThatRoom() {
        Set<String> members = IntStream.range(0, 7).mapToObj(i -> "PagedRoomAAAA" + i + "0=").collect(Collectors.toSet());
        members.forEach(id -> store.save(connection(id, "paged", "m")));
        store.save(connection("OtherRoomAAAAA0=", "not-paged", "o"));
        store.save(connection("NoRoomAAAAAAAA0=", null, null));
        SdkCalls calls = new SdkCalls();
        try (DynamoDbClient client = LocalDynamoDb.clientFor(dynamo.endpoint(), calls)) {
            ConnectionStore paged = new ConnectionStore(client, dynamo.tableName(), 2);

            assertEquals(members, paged.connectionIdsInRoom("paged").collect(Collectors.toSet()));

            assertEquals(4, calls.count("Query"), "7 members in pages of 2");
            assertEquals(0, calls.count("Scan"), "membership is queried, never scanned");
        }
    }

    @Test
    void allConnectionIds_scansEveryPage() {
        List<String> ids = IntStream.range(0, 5).mapToObj(i -> "EveryoneAAAAA" + i + "0=").toList();
        ids.forEach(id -> store.save(connection(id, null, null)));
        SdkCalls calls = new SdkCalls();
        try (DynamoDbClient client = LocalDynamoDb.clientFor(dynamo.endpoint(), calls)) {
            ConnectionStore paged = new ConnectionStore(client, dynamo.tableName(), 2);

            Set<String> all = paged.allConnectionIds().collect(Collectors.toSet());

            assertTrue(all.containsAll(ids), all.toString());
            assertEquals(dynamo.count(), all.size());
            assertTrue(calls.count("Scan") >= 3, "pages of 2: " + calls.count("Scan"));
        }
    }
}
