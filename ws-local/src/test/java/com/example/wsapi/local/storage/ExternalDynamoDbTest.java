package com.example.wsapi.local.storage;

import com.example.wsapi.local.template.Table;
import com.example.wsapi.local.template.Table.Index;
import com.example.wsapi.local.template.Table.KeyElement;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The template's tables in a DynamoDB Local ws-local did not start, over HTTP: a real DynamoDB Local (this project's
 * {@link LocalDynamoDb}, in memory) stands for the one already running; JDK HTTP servers for what is not DynamoDB.
 */
class ExternalDynamoDbTest {

    private static final AwsCredentials FUNCTIONS = AwsBasicCredentials.create("AKIAWSLOCALDUMMYKEY0", "secret");

    private static LocalDynamoDb running;

    @BeforeAll
    static void startTheRunningOne() {
        running = LocalDynamoDb.start("127.0.0.1", 0, null);
    }

    @AfterAll
    static void stopIt() {
        if (running != null) {
            running.close();
        }
    }

    private static ExternalDynamoDb connect() {
        return ExternalDynamoDb.connect(running.endpoint(), FUNCTIONS, "eu-west-1");
    }

    @Test
    void createTables_overHttp_createsKeysIndexesAndTtl_asTheInProcessSetupDoes() {
        Table table = new Table("ChatTable", "ext-chat-" + System.nanoTime(),
                List.of(new KeyElement("pk", "HASH"), new KeyElement("sk", "RANGE")),
                Map.of("pk", "S", "sk", "S", "room", "S"),
                List.of(new Index("byRoom", List.of(new KeyElement("room", "HASH")), "INCLUDE", List.of("text"))),
                List.of(new Index("bySk", List.of(new KeyElement("pk", "HASH"), new KeyElement("room", "RANGE")),
                        "KEYS_ONLY", null)),
                "expiresAt");

        try (ExternalDynamoDb external = connect()) {
            assertEquals(List.of(table.tableName()), external.createTables(List.of(table)));
        }

        TableDescription described = running.client().describeTable(b -> b.tableName(table.tableName())).table();
        assertEquals(TableStatus.ACTIVE, described.tableStatus());
        assertEquals(List.of("pk", "sk"), described.keySchema().stream().map(k -> k.attributeName()).toList());
        assertEquals(KeyType.RANGE, described.keySchema().get(1).keyType());
        GlobalSecondaryIndexDescription byRoom = described.globalSecondaryIndexes().get(0);
        assertEquals(ProjectionType.INCLUDE, byRoom.projection().projectionType());
        assertEquals(List.of("text"), byRoom.projection().nonKeyAttributes());
        assertEquals(ProjectionType.KEYS_ONLY, described.localSecondaryIndexes().get(0).projection().projectionType());
        assertEquals(TimeToLiveStatus.ENABLED, running.client().describeTimeToLive(b -> b.tableName(table.tableName()))
                .timeToLiveDescription().timeToLiveStatus());
    }

    @Test
    void createTables_keepsATableThereWithTheTemplatesKey_andItsItems_andCloseLeavesThemAsWell() {
        Table table = connections("ext-kept-" + System.nanoTime());
        running.createTables(List.of(table));
        put(table.tableName(), "seeded=");

        try (ExternalDynamoDb external = connect()) {
            assertEquals(List.of(), external.createTables(List.of(table)));
            assertEquals("seeded=", get(table.tableName(), "seeded="));
        }

        assertEquals("seeded=", get(table.tableName(), "seeded="), "closing ws-local's client deletes nothing");
        assertTrue(running.client().listTables().tableNames().contains(table.tableName()));
    }

    @Test
    void createTables_whenATableThereHasAnotherKey_failsNamingTableEndpointAndWhatToDo() {
        String name = "ext-rekeyed-" + System.nanoTime();
        running.createTables(List.of(connections(name)));
        Table rekeyed = new Table("Rekeyed", name, List.of(new KeyElement("id", "HASH")), Map.of("id", "S"),
                List.of(), List.of(), null);

        try (ExternalDynamoDb external = connect()) {
            StorageException e = assertThrows(StorageException.class, () -> external.createTables(List.of(rekeyed)));

            assertEquals("The existing table " + name + " (Rekeyed) in the DynamoDB at " + running.endpoint()
                    + " (--dynamodb-endpoint) has the key [connectionId HASH] but the template says [id HASH]; "
                    + "delete that table there (aws dynamodb delete-table --table-name <name> --endpoint-url "
                    + running.endpoint() + ") so that ws-local creates it again, or give --dynamodb-endpoint another "
                    + "DynamoDB", e.getMessage());
        }
    }

    @Test
    void createTables_whenDynamoDbRefusesTheDefinition_failsNamingTheTableAndEndpoint() {
        Table bad = new Table("Bad", "ext-bad-" + System.nanoTime(),
                List.of(new KeyElement("pk", "HASH"), new KeyElement("sk", "RANGE")), Map.of("pk", "S"),
                List.of(), List.of(), null);

        try (ExternalDynamoDb external = connect()) {
            StorageException e = assertThrows(StorageException.class, () -> external.createTables(List.of(bad)));

            assertTrue(e.getMessage().startsWith("the DynamoDB at " + running.endpoint()
                    + " (--dynamodb-endpoint) refused to create table " + bad.tableName() + " (Bad): "), e.getMessage());
        }
    }

    @Test
    void connect_whereNothingListens_failsNamingTheEndpoint() throws IOException {
        URI nothing;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            nothing = URI.create("http://127.0.0.1:" + socket.getLocalPort());
        } // closed: nothing listens there now

        URI endpoint = nothing;
        StorageException e = assertThrows(StorageException.class,
                () -> ExternalDynamoDb.connect(endpoint, FUNCTIONS, "us-east-1"));

        assertTrue(e.getMessage().startsWith("--dynamodb-endpoint " + endpoint + ": nothing answers there"),
                e.getMessage());
        assertTrue(e.getMessage().contains("start DynamoDB Local there first"), e.getMessage());
    }

    @Test
    void connect_toAnHttpServerThatIsNotDynamoDb_failsSayingSo() throws IOException {
        HttpServer web = answering(404, "<html>Not Found</html>");
        try {
            URI endpoint = URI.create("http://127.0.0.1:" + web.getAddress().getPort());

            StorageException e = assertThrows(StorageException.class,
                    () -> ExternalDynamoDb.connect(endpoint, FUNCTIONS, "us-east-1"));

            assertTrue(e.getMessage().startsWith("--dynamodb-endpoint " + endpoint + ": it answered ListTables with "
                    + "HTTP 404, not as DynamoDB does: it is not DynamoDB"), e.getMessage());
        } finally {
            web.stop(0);
        }
    }

    @Test
    void connect_toAServerAnswering200WithSomethingElse_failsSayingItIsNotDynamoDbs() throws IOException {
        HttpServer web = answering(200, "<html>a web page</html>");
        try {
            URI endpoint = URI.create("http://127.0.0.1:" + web.getAddress().getPort());

            StorageException e = assertThrows(StorageException.class,
                    () -> ExternalDynamoDb.connect(endpoint, FUNCTIONS, "us-east-1"));

            assertTrue(e.getMessage().startsWith("--dynamodb-endpoint " + endpoint + ": its answer to ListTables is "
                    + "not DynamoDB's"), e.getMessage());
        } finally {
            web.stop(0);
        }
    }

    /** A JDK HTTP server on loopback that answers every request with this status and body. */
    private static HttpServer answering(int status, String body) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/html");
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
        return server;
    }

    private static Table connections(String name) {
        return new Table("Connections", name, List.of(new KeyElement("connectionId", "HASH")),
                Map.of("connectionId", "S"), List.of(), List.of(), null);
    }

    private static void put(String table, String connectionId) {
        running.client().putItem(b -> b.tableName(table).item(Map.of("connectionId",
                AttributeValue.fromS(connectionId))));
    }

    private static String get(String table, String connectionId) {
        Map<String, AttributeValue> item = running.client().getItem(b -> b.tableName(table).consistentRead(true)
                .key(Map.of("connectionId", AttributeValue.fromS(connectionId)))).item();
        return item.isEmpty() ? null : item.get("connectionId").s();
    }
}
