package com.example.wsapi.local.storage;

import com.example.wsapi.local.template.Table;
import com.example.wsapi.local.template.Table.Index;
import com.example.wsapi.local.template.Table.KeyElement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.LocalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveDescription;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LocalDynamoDbTest {

    private static final String LOOPBACK = "127.0.0.1";

    private static LocalDynamoDb inMemory;

    @BeforeAll
    static void startInMemory() {
        inMemory = LocalDynamoDb.start(LOOPBACK, 0, null);
    }

    @AfterAll
    static void stopInMemory() {
        if (inMemory != null) {
            inMemory.close();
        }
    }

    @Test
    void start_withPortZero_listensOnLoopbackAtTheReportedPort() {
        URI endpoint = inMemory.endpoint();
        assertEquals("http", endpoint.getScheme());
        assertEquals(LOOPBACK, endpoint.getHost());
        assertTrue(endpoint.getPort() > 0, "a real port: " + endpoint);
        assertNull(inMemory.dbPath());
        // Reachable at exactly that endpoint by a client of its own.
        try (DynamoDbClient other = clientFor(endpoint, "somebody", "else", Region.AP_SOUTHEAST_2)) {
            other.listTables();
        }
    }

    @Test
    void createTables_createsKeysIndexesBillingAndTtl() {
        Table table = new Table("ChatTable", "chat-" + System.nanoTime(),
                List.of(new KeyElement("pk", "HASH"), new KeyElement("sk", "RANGE")),
                Map.of("pk", "S", "sk", "S", "room", "S", "sentAt", "N", "author", "B"),
                List.of(new Index("byRoom", List.of(new KeyElement("room", "HASH"), new KeyElement("sentAt", "RANGE")),
                                "INCLUDE", List.of("text", "author")),
                        new Index("byAuthor", List.of(new KeyElement("author", "HASH")), "KEYS_ONLY", List.of())),
                List.of(new Index("bySentAt", List.of(new KeyElement("pk", "HASH"), new KeyElement("sentAt", "RANGE")),
                        "ALL", null)),
                "expiresAt");

        List<String> created = inMemory.createTables(List.of(table));

        assertEquals(List.of(table.tableName()), created);
        TableDescription described = inMemory.client().describeTable(r -> r.tableName(table.tableName())).table();
        assertEquals(TableStatus.ACTIVE, described.tableStatus());
        assertEquals(BillingMode.PAY_PER_REQUEST, described.billingModeSummary().billingMode());
        assertEquals(List.of(key("pk", KeyType.HASH), key("sk", KeyType.RANGE)), described.keySchema());
        assertEquals(Map.of("pk", ScalarAttributeType.S, "sk", ScalarAttributeType.S, "room", ScalarAttributeType.S,
                        "sentAt", ScalarAttributeType.N, "author", ScalarAttributeType.B),
                described.attributeDefinitions().stream().collect(Collectors.toMap(
                        AttributeDefinition::attributeName, AttributeDefinition::attributeType)));

        Map<String, GlobalSecondaryIndexDescription> gsis = described.globalSecondaryIndexes().stream()
                .collect(Collectors.toMap(GlobalSecondaryIndexDescription::indexName, Function.identity()));
        assertEquals(2, gsis.size(), "GSIs: " + gsis.keySet());
        GlobalSecondaryIndexDescription byRoom = gsis.get("byRoom");
        assertEquals(List.of(key("room", KeyType.HASH), key("sentAt", KeyType.RANGE)), byRoom.keySchema());
        assertEquals(ProjectionType.INCLUDE, byRoom.projection().projectionType());
        assertEquals(List.of("author", "text"), byRoom.projection().nonKeyAttributes().stream().sorted().toList());
        GlobalSecondaryIndexDescription byAuthor = gsis.get("byAuthor");
        assertEquals(List.of(key("author", KeyType.HASH)), byAuthor.keySchema());
        assertEquals(ProjectionType.KEYS_ONLY, byAuthor.projection().projectionType());

        assertEquals(1, described.localSecondaryIndexes().size());
        LocalSecondaryIndexDescription bySentAt = described.localSecondaryIndexes().get(0);
        assertEquals("bySentAt", bySentAt.indexName());
        assertEquals(List.of(key("pk", KeyType.HASH), key("sentAt", KeyType.RANGE)), bySentAt.keySchema());
        assertEquals(ProjectionType.ALL, bySentAt.projection().projectionType());

        TimeToLiveDescription ttl = inMemory.client()
                .describeTimeToLive(r -> r.tableName(table.tableName())).timeToLiveDescription();
        assertEquals(TimeToLiveStatus.ENABLED, ttl.timeToLiveStatus());
        assertEquals("expiresAt", ttl.attributeName());
    }

    @Test
    void createTables_withoutTtlOrIndexes_leavesTtlDisabled() {
        Table table = simpleTable("plain-" + System.nanoTime());

        inMemory.createTables(List.of(table));

        TableDescription described = inMemory.client().describeTable(r -> r.tableName(table.tableName())).table();
        assertTrue(described.globalSecondaryIndexes().isEmpty());
        assertTrue(described.localSecondaryIndexes().isEmpty());
        assertEquals(TimeToLiveStatus.DISABLED, inMemory.client().describeTimeToLive(r -> r.tableName(table.tableName()))
                .timeToLiveDescription().timeToLiveStatus());
    }

    @Test
    void createTables_calledAgain_keepsExistingTablesAndTheirItems() {
        Table table = simpleTable("again-" + System.nanoTime());
        assertEquals(List.of(table.tableName()), inMemory.createTables(List.of(table)));
        putConnection(inMemory.client(), table.tableName(), "abc=");

        assertEquals(List.of(), inMemory.createTables(List.of(table)));

        assertEquals("abc=", getConnection(inMemory.client(), table.tableName(), "abc="));
    }

    @Test
    void createTables_whenExistingTableHasAnotherKey_failsNamingTheTable() {
        String name = "rekeyed-" + System.nanoTime();
        inMemory.createTables(List.of(simpleTable(name)));
        Table rekeyed = new Table("Rekeyed", name, List.of(new KeyElement("id", "HASH")), Map.of("id", "S"),
                List.of(), List.of(), null);

        StorageException e = assertThrows(StorageException.class, () -> inMemory.createTables(List.of(rekeyed)));

        assertTrue(e.getMessage().contains(name) && e.getMessage().contains("id HASH")
                && e.getMessage().contains("connectionId HASH"), e.getMessage());
    }

    @Test
    void createTables_whenDynamoDbRejectsTheDefinition_failsNamingTheTable() {
        // The RANGE key's type is not defined: DynamoDB refuses such a table, and so must we.
        Table bad = new Table("Bad", "bad-" + System.nanoTime(),
                List.of(new KeyElement("pk", "HASH"), new KeyElement("sk", "RANGE")), Map.of("pk", "S"),
                List.of(), List.of(), null);

        StorageException e = assertThrows(StorageException.class, () -> inMemory.createTables(List.of(bad)));

        assertTrue(e.getMessage().contains(bad.tableName()) && e.getMessage().contains("Bad"), e.getMessage());
        assertTrue(inMemory.client().listTables().tableNames().stream().noneMatch(bad.tableName()::equals));
    }

    @Test
    void createTables_whenTheNameBreaksDynamoDbsRules_failsNamingTheTable() {
        // Checked by DynamoDB Local's request handler, which ws-local calls in-process: as strict as over HTTP.
        Table badName = simpleTable("no spaces allowed " + System.nanoTime());

        StorageException e = assertThrows(StorageException.class, () -> inMemory.createTables(List.of(badName)));

        assertTrue(e.getMessage().contains(badName.tableName()), e.getMessage());
        assertTrue(inMemory.client().listTables().tableNames().stream().noneMatch(badName.tableName()::equals));
    }

    @Test
    void createTables_withSameNameTwice_failsBeforeCreatingAny() {
        String name = "twice-" + System.nanoTime();
        Table first = simpleTable(name);
        Table second = new Table("Second", name, first.keySchema(), first.attributeTypes(), List.of(), List.of(), null);

        StorageException e = assertThrows(StorageException.class, () -> inMemory.createTables(List.of(first, second)));

        assertTrue(e.getMessage().contains("Connections") && e.getMessage().contains("Second"), e.getMessage());
        assertTrue(inMemory.client().listTables().tableNames().stream().noneMatch(name::equals));
    }

    @Test
    void endpoint_servesOneDatabase_whateverCredentialsAndRegionAClientUses() {
        Table table = simpleTable("shared-" + System.nanoTime());
        inMemory.createTables(List.of(table));

        try (DynamoDbClient function = clientFor(inMemory.endpoint(), "AKIDFUNCTION", "function-secret", Region.EU_WEST_1)) {
            assertTrue(function.listTables().tableNames().contains(table.tableName()));
            putConnection(function, table.tableName(), "fromFunction=");
            putConnection(inMemory.client(), table.tableName(), "fromLocal=");

            assertEquals("fromFunction=", getConnection(inMemory.client(), table.tableName(), "fromFunction="));
            assertEquals("fromLocal=", getConnection(function, table.tableName(), "fromLocal="));
        }
    }

    @Test
    void start_withDbPath_keepsTablesAndItemsAcrossRestart(@TempDir Path dir) {
        Path dbPath = dir.resolve("nested/db"); // missing folders are created
        Table table = simpleTable("persisted");

        try (LocalDynamoDb first = LocalDynamoDb.start(LOOPBACK, 0, dbPath)) {
            assertEquals(dbPath.toAbsolutePath(), first.dbPath());
            assertEquals(List.of("persisted"), first.createTables(List.of(table)));
            putConnection(first.client(), "persisted", "kept=");
        }
        assertTrue(Files.isDirectory(dbPath));

        try (LocalDynamoDb second = LocalDynamoDb.start(LOOPBACK, 0, dbPath)) {
            assertEquals(List.of(), second.createTables(List.of(table)), "the persisted table is kept, not recreated");
            assertEquals("kept=", getConnection(second.client(), "persisted", "kept="));
        }
    }

    @Test
    void start_whenPortInUse_failsNamingThePort() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName(LOOPBACK))) {
            int port = taken.getLocalPort();

            StorageException e = assertThrows(StorageException.class, () -> LocalDynamoDb.start(LOOPBACK, port, null));

            assertTrue(e.getMessage().contains(LOOPBACK + ":" + port) && e.getMessage().contains("already in use"),
                    e.getMessage());
        }
    }

    @Test
    void start_whenDbPathCannotBeCreated_failsNamingTheFolder(@TempDir Path dir) throws IOException {
        // A folder under a regular file can never be created, even by root (who ignores permission bits).
        Path file = Files.writeString(dir.resolve("not-a-folder"), "x");
        Path dbPath = file.resolve("db");

        StorageException e = assertThrows(StorageException.class, () -> LocalDynamoDb.start(LOOPBACK, 0, dbPath));

        assertTrue(e.getMessage().contains(dbPath.toAbsolutePath().toString()), e.getMessage());
    }

    @Test
    void start_whenDbPathIsAFile_failsNamingIt(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("db-file"), "x");

        StorageException e = assertThrows(StorageException.class, () -> LocalDynamoDb.start(LOOPBACK, 0, file));

        assertTrue(e.getMessage().contains(file.toAbsolutePath().toString()), e.getMessage());
    }

    @Test
    void close_calledTwice_isHarmlessAndStopsListening() {
        LocalDynamoDb db = LocalDynamoDb.start(LOOPBACK, 0, null);
        int port = db.endpoint().getPort();

        db.close();
        db.close();

        // The port is free again: a server can bind it.
        try (ServerSocket again = new ServerSocket(port, 1, InetAddress.getByName(LOOPBACK))) {
            assertEquals(port, again.getLocalPort());
        } catch (IOException e) {
            throw new AssertionError("port " + port + " still taken after close", e);
        }
    }

    @Test
    void close_endsEveryThreadItStarted() throws InterruptedException {
        LocalDynamoDb db = LocalDynamoDb.start(LOOPBACK, 0, null);
        Table table = simpleTable("threads");
        db.createTables(List.of(table));
        putConnection(db.client(), "threads", "t=");
        assertTrue(liveThreads(db.threads()).size() > 0, "DynamoDB Local runs threads while open");

        db.close();

        // Not a timing assertion: close() joins the threads it interrupts, so none may be left.
        assertEquals(List.of(), liveThreads(db.threads()));
    }

    private static List<String> liveThreads(ThreadGroup group) {
        Thread[] threads = new Thread[group.activeCount() + 16];
        int count = group.enumerate(threads, true);
        return java.util.Arrays.stream(threads, 0, count).filter(Thread::isAlive).map(Thread::getName).toList();
    }

    private static Table simpleTable(String name) {
        return new Table("Connections", name, List.of(new KeyElement("connectionId", "HASH")),
                Map.of("connectionId", "S"), List.of(), List.of(), null);
    }

    private static KeySchemaElement key(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }

    private static void putConnection(DynamoDbClient client, String table, String connectionId) {
        client.putItem(r -> r.tableName(table).item(Map.of("connectionId", AttributeValue.fromS(connectionId))));
    }

    private static String getConnection(DynamoDbClient client, String table, String connectionId) {
        Map<String, AttributeValue> item = client.getItem(r -> r.tableName(table).consistentRead(true)
                .key(Map.of("connectionId", AttributeValue.fromS(connectionId)))).item();
        return item.isEmpty() ? null : item.get("connectionId").s();
    }

    private static DynamoDbClient clientFor(URI endpoint, String accessKey, String secret, Region region) {
        return DynamoDbClient.builder()
                .endpointOverride(endpoint)
                .region(region)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secret)))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .build();
    }
}
