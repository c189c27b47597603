package com.example.wsapi.disconnect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.example.wsapi.common.AppConfig;
import com.example.wsapi.common.Json;
import com.example.wsapi.common.connections.Connection;
import com.example.wsapi.common.connections.ConnectionStore;
import com.example.wsapi.common.testing.LambdaEvents;
import com.example.wsapi.common.testing.LocalConnectionsTable;
import com.example.wsapi.common.testing.LocalDynamoDb;
import com.example.wsapi.common.testing.RecordingContext;
import com.example.wsapi.common.testing.RecordingEndpoint;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** $disconnect against DynamoDB Local, fed by events/disconnect.json as Lambda deserialises it. */
class DisconnectHandlerIT {

    @RegisterExtension
    static final LocalConnectionsTable dynamo = LocalConnectionsTable.oneForTheClass();

    @AutoClose
    private final RecordingEndpoint endpoint = RecordingEndpoint.start();
    private final ConnectionStore store = dynamo.store();

    private DisconnectHandler handler(DynamoDbClient dynamoClient) {
        return handler(dynamoClient, dynamo.tableName(), dynamo.endpoint());
    }

    /** @param dynamoEndpoint where {@code dynamoClient} points (the functions' DYNAMODB_ENDPOINT) */
    private DisconnectHandler handler(DynamoDbClient dynamoClient, String table, URI dynamoEndpoint) {
        AppConfig config = AppConfig.from(Map.of(AppConfig.CONNECTIONS_TABLE, table,
                AppConfig.CONNECTIONS_ENDPOINT, endpoint.stageUrl("dev").toString(),
                AppConfig.DYNAMODB_ENDPOINT, dynamoEndpoint.toString()));
        return new DisconnectHandler(config, dynamoClient, uri -> endpoint.client());
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
        assertTrue(endpoint.requests().isEmpty(), "no room, nobody to tell");
    }

    @Test
    void disconnect_ofARoomMember_tellsTheRoomMemberLeftAndLogsASummary() {
        String id = event().getRequestContext().getConnectionId();
        store.save(new Connection(id, 1L, "ip", null, 2L, "porch", "eve"));
        store.save(new Connection("PorchPorchPorc0=", 1L, "ip", null, 2L, "porch", "pat"));
        store.save(new Connection("AtticAtticAtti0=", 1L, "ip", null, 2L, "attic", "al"));
        RecordingContext context = new RecordingContext();

        assertEquals(200, handler(dynamo.client()).handleRequest(event(), context).getStatusCode());

        assertTrue(store.find(id).isEmpty());
        assertEquals(List.of("{\"type\":\"member-left\",\"room\":\"porch\",\"name\":\"eve\"}"),
                endpoint.bodiesFor("PorchPorchPorc0="));
        assertEquals(List.of("/dev/@connections/PorchPorchPorc0%3D"),
                endpoint.requests().stream().map(RecordingEndpoint.Request::path).toList());
        assertTrue(context.log().contains("member-left delivered=1 gone=0 failed=0"), context.log());
        assertFalse(context.log().contains("eve"), "no names in logs");
        Json.parseObject(endpoint.requests().get(0).body()).orElseThrow();
    }

    @Test
    void disconnect_whenRecordAlreadyGone_succeeds() {
        assertEquals(200, handler(dynamo.client()).handleRequest(event(), new RecordingContext()).getStatusCode());
        assertEquals(200, handler(dynamo.client()).handleRequest(event(), new RecordingContext()).getStatusCode());
    }

    @Test
    void disconnect_whenStoreUnavailable_leavesTheRecordToItsTtlAndSaysWhy() throws Exception {
        RecordingContext context = new RecordingContext();
        URI dead = LocalDynamoDb.unreachableEndpoint();
        try (DynamoDbClient unreachable = LocalDynamoDb.clientFor(dead)) {
            assertEquals(500, handler(unreachable, dynamo.tableName(), dead).handleRequest(event(), context)
                    .getStatusCode());
        }
        assertEquals(List.of("could not delete " + event().getRequestContext().getConnectionId() + " now (its TTL "
                + "will remove it): DeleteItem on table " + dynamo.tableName() + " at " + dead + " failed: the "
                + "endpoint is unreachable (ConnectException: Connection refused)"), context.logLines());
        assertTrue(endpoint.requests().isEmpty());
    }

    @Test
    void disconnect_whenTheTableDoesNotExist_logsWhichTableIsMissingWhere() {
        RecordingContext context = new RecordingContext();
        DisconnectHandler handler = handler(dynamo.client(), "no-such-table", dynamo.endpoint());

        assertEquals(500, handler.handleRequest(event(), context).getStatusCode());

        assertTrue(context.log().endsWith(": DeleteItem on table no-such-table at " + dynamo.endpoint() + " failed: "
                + "the table does not exist there (ResourceNotFoundException, HTTP 400)"), context.log());
    }

    @Test
    void disconnect_withoutConnectionId_answers400() {
        APIGatewayV2WebSocketEvent event = event();
        event.getRequestContext().setConnectionId(null);
        assertEquals(400, handler(dynamo.client()).handleRequest(event, new RecordingContext()).getStatusCode());
    }
}
