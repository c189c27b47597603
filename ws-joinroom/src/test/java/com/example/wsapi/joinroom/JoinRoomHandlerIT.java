package com.example.wsapi.joinroom;

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
import com.example.wsapi.common.testing.RecordingContext;
import com.example.wsapi.common.testing.RecordingEndpoint;
import com.google.gson.JsonObject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** joinroom fed by events/joinroom.json as Lambda deserialises it, against DynamoDB Local and a recording endpoint. */
class JoinRoomHandlerIT {

    @RegisterExtension
    static final LocalConnectionsTable dynamo = LocalConnectionsTable.freshForEachTest();

    @AutoClose
    private final RecordingEndpoint endpoint = RecordingEndpoint.start();

    private JoinRoomHandler handler(Map<String, String> extraEnv) {
        Map<String, String> env = new HashMap<>(Map.of(AppConfig.CONNECTIONS_TABLE, dynamo.tableName(),
                AppConfig.CONNECTIONS_ENDPOINT, endpoint.stageUrl("dev").toString()));
        env.putAll(extraEnv);
        return new JoinRoomHandler(AppConfig.from(env), dynamo.client(), uri -> endpoint.client());
    }

    private static APIGatewayV2WebSocketEvent event() {
        return LambdaEvents.load("joinroom.json", APIGatewayV2WebSocketEvent.class);
    }

    private void save(String id, String room, String name) {
        dynamo.store().save(new Connection(id, 1_795_250_537_112L, "203.0.113.24", null, 1_795_258_337L, room, name));
    }

    private List<JsonObject> received(String id) {
        return endpoint.bodiesFor(id).stream().map(body -> Json.parseObject(body).orElseThrow()).toList();
    }

    @Test
    void joinroom_whenTheTableDoesNotExist_failsTheInvocation_andLogsWhichTableIsMissingWhere_withoutNames() {
        APIGatewayV2WebSocketEvent event = event();
        String sender = event.getRequestContext().getConnectionId();
        JoinRoomHandler handler = new JoinRoomHandler(AppConfig.from(Map.of(AppConfig.CONNECTIONS_TABLE,
                "no-such-table", AppConfig.CONNECTIONS_ENDPOINT, endpoint.stageUrl("dev").toString(),
                AppConfig.DYNAMODB_ENDPOINT, dynamo.endpoint().toString())), dynamo.client(), uri -> endpoint.client());
        RecordingContext context = new RecordingContext();

        // Thrown on: the invocation fails, so API Gateway sends the client its "Internal server error" frame.
        assertThrows(StoreFailedException.class, () -> handler.handleRequest(event, context));

        assertEquals(List.of("joinroom from " + sender + " failed: UpdateItem on table no-such-table at "
                + dynamo.endpoint() + " failed: the table does not exist there (ResourceNotFoundException, HTTP 400)"),
                context.logLines());
        assertTrue(endpoint.requests().isEmpty());
    }

    @Test
    void joinroom_fromTheSampleEvent_joinsTheRoom_tellsTheOthers_andLogsASummaryWithoutNames() {
        APIGatewayV2WebSocketEvent event = event();
        String sender = event.getRequestContext().getConnectionId();
        JsonObject body = Json.parseObject(event.getBody()).orElseThrow();
        String room = body.get("room").getAsString();
        String name = body.get("name").getAsString();
        save(sender, null, null);
        save("MemberMemberMe0=", room, "mo");
        RecordingContext context = new RecordingContext();

        assertEquals(200, handler(Map.of()).handleRequest(event, context).getStatusCode());

        Connection stored = dynamo.store().find(sender).orElseThrow();
        assertEquals(room, stored.room());
        assertEquals(name, stored.name());
        JsonObject joined = received(sender).get(0);
        assertEquals("joined", joined.get("type").getAsString());
        assertEquals(room, joined.get("room").getAsString());
        assertEquals(2, joined.get("members").getAsInt());
        JsonObject memberJoined = received("MemberMemberMe0=").get(0);
        assertEquals("member-joined", memberJoined.get("type").getAsString());
        assertEquals(name, memberJoined.get("name").getAsString());
        assertTrue(context.log().contains("members=2") && context.log().contains("member-joined delivered=1"),
                context.log());
        assertFalse(context.log().contains(name), "display names stay out of logs");
    }

    @Test
    void joinroom_signedIn_takesTheNameFromTheAuthorizersContext_notFromTheMessage() {
        APIGatewayV2WebSocketEvent event = event();
        // What API Gateway adds to every event of a connection its $connect authorizer allowed.
        event.getRequestContext().setAuthorizer(Map.of("principalId", "7c1e4a52", "name", "Ana Lima",
                "integrationLatency", 41));
        String sender = event.getRequestContext().getConnectionId();
        String room = Json.parseObject(event.getBody()).orElseThrow().get("room").getAsString();
        save(sender, null, null);
        save("MemberMemberMe0=", room, "mo");

        assertEquals(200, handler(Map.of()).handleRequest(event, new RecordingContext()).getStatusCode());

        assertEquals("Ana Lima", dynamo.store().find(sender).orElseThrow().name());
        assertEquals("Ana Lima", received("MemberMemberMe0=").get(0).get("name").getAsString());
    }

    @Test
    void joinroom_readsARoomOfManyPages_whenQueryPageSizeIsSmall() {
        APIGatewayV2WebSocketEvent event = event();
        String room = Json.parseObject(event.getBody()).orElseThrow().get("room").getAsString();
        save(event.getRequestContext().getConnectionId(), null, null);
        List<String> members = IntStream.range(0, 7).mapToObj(i -> "PagedMemberAA" + i + "0=").toList();
        members.forEach(id -> save(id, room, "m"));

        handler(Map.of(AppConfig.QUERY_PAGE_SIZE, "2")).handleRequest(event, new RecordingContext());

        members.forEach(id -> assertEquals(1, received(id).size(), id));
        assertEquals(8, received(event.getRequestContext().getConnectionId()).get(0).get("members").getAsInt());
    }

    @Test
    void joinroom_withAnInvalidName_repliesWithAnErrorAndChangesNothing() {
        APIGatewayV2WebSocketEvent event = event();
        String sender = event.getRequestContext().getConnectionId();
        event.setBody("{\"action\":\"joinroom\",\"room\":\"lobby\",\"name\":\"\"}");
        save(sender, null, null);

        assertEquals(200, handler(Map.of()).handleRequest(event, new RecordingContext()).getStatusCode());

        assertEquals(null, dynamo.store().find(sender).orElseThrow().room());
        JsonObject error = received(sender).get(0);
        assertEquals("error", error.get("type").getAsString());
        assertTrue(error.get("message").getAsString().contains("\"name\""), error.toString());
    }

    @Test
    void joinroom_whenTheSenderIsGone_answers410() {
        APIGatewayV2WebSocketEvent event = event();
        save(event.getRequestContext().getConnectionId(), null, null);
        endpoint.markGone(event.getRequestContext().getConnectionId());

        assertEquals(410, handler(Map.of()).handleRequest(event, new RecordingContext()).getStatusCode());
    }

    @Test
    void joinroom_withoutRequestContext_answers400AndPostsNothing() {
        APIGatewayV2WebSocketEvent event = event();
        event.setRequestContext(null);
        assertEquals(400, handler(Map.of()).handleRequest(event, new RecordingContext()).getStatusCode());
        assertTrue(endpoint.requests().isEmpty());
    }
}
