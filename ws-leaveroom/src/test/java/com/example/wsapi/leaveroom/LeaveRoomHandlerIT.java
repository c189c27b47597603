package com.example.wsapi.leaveroom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.example.wsapi.common.AppConfig;
import com.example.wsapi.common.Json;
import com.example.wsapi.common.connections.Connection;
import com.example.wsapi.common.testing.LambdaEvents;
import com.example.wsapi.common.testing.LocalConnectionsTable;
import com.example.wsapi.common.testing.RecordingContext;
import com.example.wsapi.common.testing.RecordingEndpoint;
import com.google.gson.JsonObject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** leaveroom fed by events/leaveroom.json as Lambda deserialises it, against DynamoDB Local and a recording endpoint. */
class LeaveRoomHandlerIT {

    private static final String MEMBER = "MemberMemberMe0=";
    @RegisterExtension
    static final LocalConnectionsTable dynamo = LocalConnectionsTable.freshForEachTest();

    @AutoClose
    private final RecordingEndpoint endpoint = RecordingEndpoint.start();

    private LeaveRoomHandler handler() {
        return new LeaveRoomHandler(AppConfig.from(Map.of(AppConfig.CONNECTIONS_TABLE, dynamo.tableName(),
                AppConfig.CONNECTIONS_ENDPOINT, endpoint.stageUrl("dev").toString())), dynamo.client(),
                uri -> endpoint.client());
    }

    private static APIGatewayV2WebSocketEvent event() {
        return LambdaEvents.load("leaveroom.json", APIGatewayV2WebSocketEvent.class);
    }

    private void save(String id, String room, String name) {
        dynamo.store().save(new Connection(id, 1_795_250_537_112L, "203.0.113.24", null, 1_795_258_337L, room, name));
    }

    private List<JsonObject> received(String id) {
        return endpoint.bodiesFor(id).stream().map(body -> Json.parseObject(body).orElseThrow()).toList();
    }

    @Test
    void leaveroom_fromTheSampleEvent_leavesTheRoom_tellsTheOthers_andLogsASummaryWithoutNames() {
        APIGatewayV2WebSocketEvent event = event();
        String sender = event.getRequestContext().getConnectionId();
        save(sender, "lobby", "ana");
        save(MEMBER, "lobby", "mo");
        RecordingContext context = new RecordingContext();

        assertEquals(200, handler().handleRequest(event, context).getStatusCode());

        Connection stored = dynamo.store().find(sender).orElseThrow();
        assertNull(stored.room());
        assertEquals("ana", stored.name());
        assertEquals(List.of(Json.parseObject("{\"type\":\"left\",\"room\":\"lobby\"}").orElseThrow()),
                received(sender));
        JsonObject memberLeft = received(MEMBER).get(0);
        assertEquals("member-left", memberLeft.get("type").getAsString());
        assertEquals("lobby", memberLeft.get("room").getAsString());
        assertEquals("ana", memberLeft.get("name").getAsString());
        assertTrue(context.log().contains("left " + sender) && context.log().contains("member-left delivered=1"),
                context.log());
        assertFalse(context.log().contains("\"ana\"") || context.log().contains("lobby"),
                "display names and rooms stay out of logs: " + context.log());
    }

    @Test
    void leaveroom_inNoRoom_repliesWithAnError_answers200_andChangesNothing() {
        APIGatewayV2WebSocketEvent event = event();
        String sender = event.getRequestContext().getConnectionId();
        save(sender, null, null);
        save(MEMBER, "lobby", "mo");
        RecordingContext context = new RecordingContext();

        assertEquals(200, handler().handleRequest(event, context).getStatusCode());

        JsonObject error = received(sender).get(0);
        assertEquals("error", error.get("type").getAsString());
        assertTrue(error.get("message").getAsString().contains("in no room"), error.toString());
        assertTrue(received(MEMBER).isEmpty());
        assertNull(dynamo.store().find(sender).orElseThrow().room());
        assertTrue(context.log().contains("refused"), context.log());
    }

    @Test
    void leaveroom_whenTheSenderIsGone_answers410() {
        APIGatewayV2WebSocketEvent event = event();
        save(event.getRequestContext().getConnectionId(), "lobby", "ana");
        endpoint.markGone(event.getRequestContext().getConnectionId());

        assertEquals(410, handler().handleRequest(event, new RecordingContext()).getStatusCode());
    }
}
