package com.example.wsapi.common.testing;

import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import com.example.wsapi.common.connections.ConnectionStore;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.util.function.Consumer;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/** DynamoDB Local, in-process, on a free loopback port, in memory. */
public final class LocalDynamoDb implements AutoCloseable {

    private final DynamoDBProxyServer server;
    private final URI endpoint;
    private final DynamoDbClient client;

    private LocalDynamoDb(DynamoDBProxyServer server, URI endpoint) {
        this.server = server;
        this.endpoint = endpoint;
        this.client = clientFor(endpoint);
    }

    public static LocalDynamoDb start() throws Exception {
        if (System.getProperty("sqlite4java.library.path") == null) {
            throw new IllegalStateException("sqlite4java.library.path is not set: run the tests with Maven");
        }
        int port = freePort();
        DynamoDBProxyServer server = ServerRunner.createServerFromCommandLineArgs(
                new String[] {"-inMemory", "-sharedDb", "-disableTelemetry", "-port", Integer.toString(port)});
        server.start();
        return new LocalDynamoDb(server, URI.create("http://127.0.0.1:" + port));
    }

    /** An SDK client for an endpoint, as a function would build it, with dummy credentials. */
    public static DynamoDbClient clientFor(URI endpoint) {
        return clientFor(endpoint, new SdkCalls());
    }

    /** A client for an endpoint that records its calls in {@code calls} (e.g. to count the pages of a Query). */
    public static DynamoDbClient clientFor(URI endpoint, SdkCalls calls) {
        return clientFor(endpoint, o -> o.addExecutionInterceptor(calls));
    }

    /** A client for an endpoint with its own settings (retries, timeouts, interceptors). */
    public static DynamoDbClient clientFor(URI endpoint, Consumer<ClientOverrideConfiguration.Builder> overrides) {
        return DynamoDbClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(overrides)
                .build();
    }

    public URI endpoint() {
        return endpoint;
    }

    public DynamoDbClient client() {
        return client;
    }

    /**
     * The connection table as template.yaml defines it: key connectionId (S); index byRoom with partition key
     * room (S), projection KEYS_ONLY.
     */
    public void createConnectionsTable(String name) {
        client.createTable(b -> b.tableName(name)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(
                        AttributeDefinition.builder()
                                .attributeName(ConnectionStore.CONNECTION_ID).attributeType(ScalarAttributeType.S).build(),
                        AttributeDefinition.builder()
                                .attributeName(ConnectionStore.ROOM).attributeType(ScalarAttributeType.S).build())
                .keySchema(KeySchemaElement.builder()
                        .attributeName(ConnectionStore.CONNECTION_ID).keyType(KeyType.HASH).build())
                .globalSecondaryIndexes(GlobalSecondaryIndex.builder()
                        .indexName(ConnectionStore.ROOM_INDEX)
                        .keySchema(KeySchemaElement.builder()
                                .attributeName(ConnectionStore.ROOM).keyType(KeyType.HASH).build())
                        .projection(p -> p.projectionType(ProjectionType.KEYS_ONLY))
                        .build()));
        client.waiter().waitUntilTableExists(b -> b.tableName(name));
    }

    public long count(String table) {
        return client.scanPaginator(b -> b.tableName(table).select("COUNT")).stream()
                .mapToLong(page -> page.count()).sum();
    }

    /** A loopback port nothing listens on: clients pointed there fail like an unavailable DynamoDB. */
    public static URI unreachableEndpoint() throws IOException {
        return URI.create("http://127.0.0.1:" + freePort());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() throws Exception {
        client.close();
        server.stop();
    }
}
