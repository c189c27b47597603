package com.example.wsapi.sendmessage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.example.wsapi.common.AppConfig;
import com.example.wsapi.common.Json;
import com.example.wsapi.common.connections.Connection;
import com.example.wsapi.common.connections.StoreFailedException;
import com.example.wsapi.common.testing.LambdaEvents;
import com.example.wsapi.common.testing.LocalConnectionsTable;
import com.example.wsapi.common.testing.LocalDynamoDb;
import com.example.wsapi.common.testing.RecordingContext;
import com.example.wsapi.common.testing.RecordingEndpoint;
import com.google.gson.JsonObject;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** sendmessage fed by events/sendmessage.json as Lambda deserialises it, against DynamoDB Local and a recording endpoint. */
class SendMessageHandlerIT {

    @RegisterExtension
    static final LocalConnectionsTable dynamo = LocalConnectionsTable.freshForEachTest();

    @AutoClose
    private final RecordingEndpoint endpoint = RecordingEndpoint.start();

    private SendMessageHandler handler() {
        return new SendMessageHandler(AppConfig.from(Map.of(AppConfig.CONNECTIONS_TABLE, dynamo.tableName(),
                AppConfig.CONNECTIONS_ENDPOINT, endpoint.stageUrl("dev").toString())), dynamo.client(),
                uri -> endpoint.client());
    }

    private static APIGatewayV2WebSocketEvent event() {
        return LambdaEvents.load("sendmessage.json", APIGatewayV2WebSocketEvent.class);
    }

    private void save(String id, String room, String name) {
        dynamo.store().save(new Connection(id, 1_795_250_537_112L, "203.0.113.24", null, 1_795_258_337L, room, name));
    }

    private List<JsonObject> received(String id) {
        return endpoint.bodiesFor(id).stream().map(body -> Json.parseObject(body).orElseThrow()).toList();
    }

    @Test
    void sendmessage_fromTheSampleEvent_reachesTheRoomAndTheSender_andLogsASummaryWithoutTheData() {
        APIGatewayV2WebSocketEvent event = event();
        String sender = event.getRequestContext().getConnectionId();
        String data = Json.parseObject(event.getBody()).orElseThrow().get("data").getAsString();
        save(sender, "lobby", "ana");
        save("LobbyLobbyLobb0=", "lobby", "lo");
        save("LobbyLobbyLobb1=", "lobby", "li");
        save("AtticAtticAtti0=", "attic", "at");
        RecordingContext context = new RecordingContext();

        assertEquals(200, handler().handleRequest(event, context).getStatusCode());

        String sentAt = Instant.ofEpochMilli(event.getRequestContext().getRequestTimeEpoch()).toString();
        JsonObject expected = Json.parseObject("{\"type\":\"message\",\"room\":\"lobby\",\"from\":\"ana\",\"data\":"
                + Json.toJson(data) + ",\"sentAt\":\"" + sentAt + "\"}").orElseThrow();
        for (String id : List.of(sender, "LobbyLobbyLobb0=", "LobbyLobbyLobb1=")) {
            assertEquals(List.of(expected), received(id), id);
        }
        assertTrue(received("AtticAtticAtti0=").isEmpty());
        assertTrue(context.log().contains("delivered=3 gone=0 failed=0 durationMs="), context.log());
        assertFalse(context.log().contains(data), "message bodies stay out of logs");
    }

    @Test
    void sendmessage_whenDynamoDbIsUnreachable_failsTheInvocation_andLogsTheEndpoint_withoutTheData() throws Exception {
        APIGatewayV2WebSocketEvent event = event();
        String sender = event.getRequestContext().getConnectionId();
        URI dead = LocalDynamoDb.unreachableEndpoint();
        RecordingContext context = new RecordingContext();
        try (DynamoDbClient unreachable = LocalDynamoDb.clientFor(dead)) {
            SendMessageHandler handler = new SendMessageHandler(AppConfig.from(Map.of(AppConfig.CONNECTIONS_TABLE,
                    dynamo.tableName(), AppConfig.CONNECTIONS_ENDPOINT, endpoint.stageUrl("dev").toString(),
                    AppConfig.DYNAMODB_ENDPOINT, dead.toString())), unreachable, uri -> endpoint.client());

            // Thrown on: the invocation fails, so API Gateway sends the client its "Internal server error" frame.
            assertThrows(StoreFailedException.class, () -> handler.handleRequest(event, context));
        }

        assertEquals(List.of("sendmessage from " + sender + " failed: GetItem on table " + dynamo.tableName() + " at "
                + dead + " failed: the endpoint is unreachable (ConnectException: Connection refused)"),
                context.logLines());
        String data = Json.parseObject(event.getBody()).orElseThrow().get("data").getAsString();
        assertFalse(context.log().contains(data), "message data stays out of logs");
        assertTrue(endpoint.requests().isEmpty());
    }

    @Test
    void sendmessage_signedIn_fromASenderInNoRoom_isRefusedWithAnErrorReply_andReachesNobodyElse() {
        APIGatewayV2WebSocketEvent event = event();
        event.getRequestContext().setAuthorizer(Map.of("principalId", "7c1e4a52", "name", "Ana"));
        String sender = event.getRequestContext().getConnectionId();
        save(sender, null, null);
        save("NoRoomNoRoomNo0=", null, null);

        assertEquals(200, handler().handleRequest(event, new RecordingContext()).getStatusCode());

        assertEquals("error", received(sender).get(0).get("type").getAsString());
        assertTrue(received("NoRoomNoRoomNo0=").isEmpty());
    }

    @Test
    void sendmessage_fromASenderInNoRoom_reachesEveryone() {
        APIGatewayV2WebSocketEvent event = event();
        String sender = event.getRequestContext().getConnectionId();
        save(sender, null, null);
        save("LobbyLobbyLobb0=", "lobby", "lo");
        save("NoRoomNoRoomN0=", null, null);

        handler().handleRequest(event, new RecordingContext());

        for (String id : List.of(sender, "LobbyLobbyLobb0=", "NoRoomNoRoomN0=")) {
            JsonObject message = received(id).get(0);
            assertEquals(sender, message.get("from").getAsString());
            assertFalse(message.has("room"));
        }
    }

    @Test
    void sendmessage_withoutData_repliesWithAnError() {
        APIGatewayV2WebSocketEvent event = event();
        event.setBody("{\"action\":\"sendmessage\"}");
        save(event.getRequestContext().getConnectionId(), "lobby", "ana");
        save("LobbyLobbyLobb0=", "lobby", "lo");

        assertEquals(200, handler().handleRequest(event, new RecordingContext()).getStatusCode());

        assertEquals("error", received(event.getRequestContext().getConnectionId()).get(0).get("type").getAsString());
        assertTrue(received("LobbyLobbyLobb0=").isEmpty());
    }

    @Test
    void sendmessage_withoutRequestContext_answers400AndPostsNothing() {
        APIGatewayV2WebSocketEvent event = event();
        event.setRequestContext(null);
        assertEquals(400, handler().handleRequest(event, new RecordingContext()).getStatusCode());
        assertTrue(endpoint.requests().isEmpty());
    }
}
