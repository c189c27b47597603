package com.example.wsapi.common.connections;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.wsapi.common.testing.LocalConnectionsTable;
import com.example.wsapi.common.testing.LocalDynamoDb;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.function.Executable;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Every failure of the connection table names its operation, table, endpoint and cause, and nothing the client sent.
 * Against DynamoDB Local where it can produce the failure (a missing table, an invalid key) and a dead port; the
 * answers only AWS gives (throttling, access denied, rejected credentials, a 5xx) come from a loopback HTTP server
 * that answers the way DynamoDB's JSON protocol does, since DynamoDB Local never sends them.
 */
class StoreFailuresIT {

    @RegisterExtension
    static final LocalConnectionsTable dynamo = LocalConnectionsTable.oneForTheClass();

    private static final String ID = "MissingTableId0=";
    private static final String ROOM = "secret-room";
    private static final String NAME = "secret-name";

    @Test
    void everyOperation_onAMissingTable_failsSayingTheTableDoesNotExist() {
        ConnectionStore store = new ConnectionStore(dynamo.client(), "no-such-table", null,
                dynamo.endpoint().toString());
        Map<String, Executable> operations = Map.of(
                "PutItem", () -> store.save(new Connection(ID, 1L, "203.0.113.9", "agent", 2L, ROOM, NAME)),
                "GetItem", () -> store.find(ID),
                "DeleteItem", () -> store.remove(ID),
                "UpdateItem", () -> store.joinRoom(ID, ROOM, NAME),
                // Streams fail when read, not when made: the failure is translated there too.
                "Query", () -> store.connectionIdsInRoom(ROOM).toList(),
                "Scan", () -> store.allConnectionIds().toList());

        operations.forEach((operation, call) -> {
            StoreFailedException e = assertThrows(StoreFailedException.class, call, operation);

            assertTrue(e.getMessage().startsWith(operation + " on table no-such-table at " + dynamo.endpoint()
                    + " failed: the table does not exist there (ResourceNotFoundException, HTTP 400)"), e.getMessage());
            assertNoClientData(e);
        });
    }

    @Test
    void save_whenNothingListensAtTheEndpoint_failsSayingItIsUnreachable() throws Exception {
        URI dead = LocalDynamoDb.unreachableEndpoint();
        try (DynamoDbClient client = LocalDynamoDb.clientFor(dead)) {
            StoreFailedException e = assertThrows(StoreFailedException.class,
                    () -> store(client, dead).save(connection()));

            assertTrue(e.getMessage().startsWith("PutItem on table connections at " + dead
                    + " failed: the endpoint is unreachable (ConnectException"), e.getMessage());
            assertNoClientData(e);
        }
    }

    @Test
    void save_whenTheEndpointNeverAnswers_failsSayingSoInTime() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            URI endpoint = URI.create("http://127.0.0.1:" + silent.getLocalPort());
            try (DynamoDbClient client = client(endpoint, Duration.ofMillis(300))) {
                StoreFailedException e = assertThrows(StoreFailedException.class,
                        () -> store(client, endpoint).save(connection()));

                assertTrue(e.getMessage().startsWith("PutItem on table connections at " + endpoint
                        + " failed: no answer in time (ApiCallTimeoutException"), e.getMessage());
            }
        }
    }

    @Test
    void save_withAnInvalidKey_failsWithDynamoDbsOwnReason() {
        StoreFailedException e = assertThrows(StoreFailedException.class,
                () -> dynamo.store().save(new Connection("", 1L, null, null, 2L, null, null)));

        assertTrue(e.getMessage().contains("failed: the request was refused (ValidationException, HTTP 400): "),
                e.getMessage());
    }

    @Test
    void answersOnlyAwsGives_areEachNamed() throws Exception {
        assertAnswerGives(400, "ProvisionedThroughputExceededException",
                "throttled through every retry (ProvisionedThroughputExceededException, HTTP 400)");
        assertAnswerGives(400, "ThrottlingException",
                "throttled through every retry (ThrottlingException, HTTP 400)");
        assertAnswerGives(400, "AccessDeniedException",
                "access denied: the function's role lacks the permission (AccessDeniedException, HTTP 400)");
        assertAnswerGives(400, "UnrecognizedClientException",
                "the credentials were rejected (UnrecognizedClientException, HTTP 400)");
        assertAnswerGives(500, "InternalServerError",
                "DynamoDB failed on its side (InternalServerError, HTTP 500)");
    }

    private static void assertAnswerGives(int status, String errorType, String description)
            throws IOException {
        HttpServer server = answering(status, errorType);
        URI endpoint = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        try (DynamoDbClient client = client(endpoint, Duration.ofSeconds(5))) {
            StoreFailedException e = assertThrows(StoreFailedException.class,
                    () -> store(client, endpoint).joinRoom(ID, ROOM, NAME));

            assertEquals("UpdateItem on table connections at " + endpoint + " failed: " + description,
                    e.getMessage());
            assertNoClientData(e);
        } finally {
            server.stop(0);
        }
    }

    /** Answers every request with a DynamoDB JSON-protocol error (status, x-amzn-ErrorType and __type). */
    private static HttpServer answering(int status, String errorType) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            byte[] body = ("{\"__type\":\"com.amazonaws.dynamodb.v20120810#" + errorType
                    + "\",\"message\":\"answered by the test\"}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("x-amzn-ErrorType", errorType);
            exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.0");
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        return server;
    }

    /** One attempt per call (the SDK's retries would only repeat the same answer) and a short call timeout. */
    private static DynamoDbClient client(URI endpoint, Duration callTimeout) {
        return LocalDynamoDb.clientFor(endpoint,
                o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()).apiCallTimeout(callTimeout));
    }

    private static ConnectionStore store(DynamoDbClient client, URI endpoint) {
        return new ConnectionStore(client, "connections", null, endpoint.toString());
    }

    private static Connection connection() {
        return new Connection(ID, 1L, "203.0.113.9", "agent", 2L, ROOM, NAME);
    }

    private static void assertNoClientData(StoreFailedException e) {
        Consumer<String> absent = text -> assertFalse(e.getMessage().contains(text), "client data in: "
                + e.getMessage());
        absent.accept(ROOM);
        absent.accept(NAME);
        absent.accept("203.0.113.9");
        absent.accept("agent");
    }
}
