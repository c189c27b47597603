package com.example.wsapi.leaveroom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.example.wsapi.common.AppConfig;
import com.example.wsapi.common.Json;
import com.example.wsapi.common.connections.Connection;
import com.example.wsapi.common.connections.ConnectionStore;
import com.example.wsapi.common.testing.LambdaEvents;
import com.example.wsapi.common.testing.LocalConnectionsTable;
import com.example.wsapi.common.testing.MalformedEvents;
import com.example.wsapi.common.testing.RecordingContext;
import com.example.wsapi.common.testing.RecordingEndpoint;
import com.google.gson.JsonObject;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** leaveroom handed events API Gateway never sends: a 400 naming what is missing; the room kept, nothing posted. */
class LeaveRoomHandlerMalformedEventsIT {

    private static final String SAMPLE_ID =
            LambdaEvents.load("leaveroom.json", APIGatewayV2WebSocketEvent.class).getRequestContext().getConnectionId();
    @RegisterExtension
    static final LocalConnectionsTable dynamo = LocalConnectionsTable.oneForTheClass();

    @AutoClose
    private final RecordingEndpoint endpoint = RecordingEndpoint.start();
    private final ConnectionStore store = dynamo.store();

    @BeforeEach
    void saveTheSenderInARoom() {
        store.save(new Connection(SAMPLE_ID, 1L, "203.0.113.24", null, 2L, "porch", "ana"));
    }

    private LeaveRoomHandler handler(Map<String, String> env) {
        return new LeaveRoomHandler(AppConfig.from(env), dynamo.client(), uri -> endpoint.client());
    }

    private LeaveRoomHandler configuredHandler() {
        return handler(Map.of(AppConfig.CONNECTIONS_TABLE, dynamo.tableName(),
                AppConfig.CONNECTIONS_ENDPOINT, endpoint.stageUrl("dev").toString()));
    }

    static Stream<MalformedEvents.Case> malformed() {
        return MalformedEvents.of("leaveroom.json");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void malformedEvent_answers400NamingWhatIsMissing_andChangesNothing(MalformedEvents.Case malformed) {
        MalformedEvents.assertRejectedBy(configuredHandler(), malformed);

        assertEquals("porch", store.find(SAMPLE_ID).orElseThrow().room(), "nobody left the room");
        assertTrue(endpoint.requests().isEmpty());
    }

    @Test
    void nullBody_stillLeaves_becauseLeavingNeedsNoInput() {
        APIGatewayV2WebSocketEvent event = MalformedEvents.changed("leaveroom.json", e -> e.setBody(null));

        assertEquals(200, configuredHandler().handleRequest(event, new RecordingContext()).getStatusCode());

        JsonObject reply = Json.parseObject(endpoint.bodiesFor(SAMPLE_ID).get(0)).orElseThrow();
        assertEquals("left", reply.get("type").getAsString());
        assertNull(store.find(SAMPLE_ID).orElseThrow().room());
    }

    @Test
    void noDomainNameOrStage_andNoConfiguredEndpoint_answers400NamingTheSetting() {
        APIGatewayV2WebSocketEvent event = MalformedEvents.withoutDomainNameOrStage("leaveroom.json");

        var response = handler(Map.of(AppConfig.CONNECTIONS_TABLE, dynamo.tableName()))
                .handleRequest(event, new RecordingContext());

        MalformedEvents.assertRejectedNaming(AppConfig.CONNECTIONS_ENDPOINT, response);
        assertEquals("porch", store.find(SAMPLE_ID).orElseThrow().room(), "nothing is written when no reply can be sent");
        assertTrue(endpoint.requests().isEmpty());
    }
}
