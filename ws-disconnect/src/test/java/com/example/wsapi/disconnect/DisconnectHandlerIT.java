package com.example.wsapi.disconnect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.example.wsapi.common.connections.Connection;
import com.example.wsapi.common.connections.ConnectionStore;
import com.example.wsapi.common.routes.DisconnectService;
import com.example.wsapi.common.testing.LambdaArtifact;
import com.example.wsapi.common.testing.LambdaEvents;
import com.example.wsapi.common.testing.LocalDynamoDb;
import com.example.wsapi.common.testing.RecordingContext;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** $disconnect against DynamoDB Local, fed by events/disconnect.json as Lambda deserialises it. */
class DisconnectHandlerIT {

    private static final String TABLE = "connections";
    private static LocalDynamoDb dynamo;
    private static ConnectionStore store;

    @BeforeAll
    static void start() throws Exception {
        dynamo = LocalDynamoDb.start();
        dynamo.createConnectionsTable(TABLE);
        store = new ConnectionStore(dynamo.client(), TABLE);
    }

    @AfterAll
    static void stop() throws Exception {
        dynamo.close();
    }

    private static DisconnectHandler handler(DynamoDbClient client) {
        return new DisconnectHandler(new DisconnectService(new ConnectionStore(client, TABLE)));
    }

    private static APIGatewayV2WebSocketEvent event() {
        return LambdaEvents.load("disconnect.json", APIGatewayV2WebSocketEvent.class);
    }

    @Test
    void disconnect_removesTheRecord() {
        String id = event().getRequestContext().getConnectionId();
        store.save(new Connection(id, 1L, "ip", null, 2L, null, null));

        assertEquals(200, handler(dynamo.client()).handleRequest(event(), new RecordingContext()).getStatusCode());

        assertTrue(store.find(id).isEmpty());
    }

    @Test
    void disconnect_whenRecordAlreadyGone_succeeds() {
        assertEquals(200, handler(dynamo.client()).handleRequest(event(), new RecordingContext()).getStatusCode());
        assertEquals(200, handler(dynamo.client()).handleRequest(event(), new RecordingContext()).getStatusCode());
    }

    @Test
    void disconnect_whenStoreUnavailable_leavesTheRecordToItsTtlAndSaysSo() throws Exception {
        RecordingContext context = new RecordingContext();
        try (DynamoDbClient unreachable = LocalDynamoDb.clientFor(LocalDynamoDb.unreachableEndpoint())) {
            assertEquals(500, handler(unreachable).handleRequest(event(), context).getStatusCode());
        }
        assertTrue(context.log().contains("TTL"), context.log());
    }

    @Test
    void disconnect_withoutConnectionId_answers400() {
        APIGatewayV2WebSocketEvent event = event();
        event.getRequestContext().setConnectionId(null);
        assertEquals(400, handler(dynamo.client()).handleRequest(event, new RecordingContext()).getStatusCode());
    }

    @Test
    void artifact_hasTheHandlerAndNoForbiddenClients() throws Exception {
        Path module = LambdaEvents.projectRoot().resolve("ws-disconnect");
        LambdaArtifact.assertLayout(module, DisconnectHandler.class.getName());
    }
}
