package com.example.wsapi.sendmessage;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** sendmessage handed events API Gateway never sends: a 400 naming what is missing, and nothing posted. */
class SendMessageHandlerMalformedEventsIT {

    private static final String SAMPLE_ID = LambdaEvents.load("sendmessage.json", APIGatewayV2WebSocketEvent.class)
            .getRequestContext().getConnectionId();
    @RegisterExtension
    static final LocalConnectionsTable dynamo = LocalConnectionsTable.oneForTheClass();

    @AutoClose
    private final RecordingEndpoint endpoint = RecordingEndpoint.start();

    @BeforeAll
    static void saveTheSenderAndARoomMember() {
        ConnectionStore store = dynamo.store();
        store.save(new Connection(SAMPLE_ID, 1L, "203.0.113.24", null, 2L, "lobby", "ana"));
        store.save(new Connection("LobbyLobbyLobb0=", 1L, "203.0.113.25", null, 2L, "lobby", "lo"));
    }

    private SendMessageHandler handler(Map<String, String> env) {
        return new SendMessageHandler(AppConfig.from(env), dynamo.client(), uri -> endpoint.client());
    }

    private SendMessageHandler configuredHandler() {
        return handler(Map.of(AppConfig.CONNECTIONS_TABLE, dynamo.tableName(),
                AppConfig.CONNECTIONS_ENDPOINT, endpoint.stageUrl("dev").toString()));
    }

    static Stream<MalformedEvents.Case> malformed() {
        return MalformedEvents.of("sendmessage.json");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void malformedEvent_answers400NamingWhatIsMissing_andPostsNothing(MalformedEvents.Case malformed) {
        MalformedEvents.assertRejectedBy(configuredHandler(), malformed);

        assertTrue(endpoint.requests().isEmpty());
    }

    @Test
    void nullBody_repliesToTheSenderOnlyWithAnErrorNamingData() {
        APIGatewayV2WebSocketEvent event = MalformedEvents.changed("sendmessage.json", e -> e.setBody(null));

        assertEquals(200, configuredHandler().handleRequest(event, new RecordingContext()).getStatusCode());

        assertEquals(1, endpoint.requests().size(), "the room hears nothing");
        JsonObject reply = Json.parseObject(endpoint.bodiesFor(SAMPLE_ID).get(0)).orElseThrow();
        assertEquals("error", reply.get("type").getAsString());
        assertTrue(reply.get("message").getAsString().contains("\"data\""), reply.toString());
    }

    @Test
    void noDomainNameOrStage_andNoConfiguredEndpoint_answers400NamingTheSetting() {
        APIGatewayV2WebSocketEvent event = MalformedEvents.withoutDomainNameOrStage("sendmessage.json");

        var response = handler(Map.of(AppConfig.CONNECTIONS_TABLE, dynamo.tableName()))
                .handleRequest(event, new RecordingContext());

        MalformedEvents.assertRejectedNaming(AppConfig.CONNECTIONS_ENDPOINT, response);
        assertTrue(endpoint.requests().isEmpty());
    }
}
