package com.example.wsapi.disconnect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.example.wsapi.common.AppConfig;
import com.example.wsapi.common.connections.Connection;
import com.example.wsapi.common.connections.ConnectionStore;
import com.example.wsapi.common.testing.LambdaEvents;
import com.example.wsapi.common.testing.LocalConnectionsTable;
import com.example.wsapi.common.testing.MalformedEvents;
import com.example.wsapi.common.testing.RecordingContext;
import com.example.wsapi.common.testing.RecordingEndpoint;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** $disconnect handed events API Gateway never sends: a 400 naming what is missing; nothing deleted or posted. */
class DisconnectHandlerMalformedEventsIT {

    private static final String SAMPLE_ID =
            LambdaEvents.load("disconnect.json", APIGatewayV2WebSocketEvent.class).getRequestContext().getConnectionId();
    @RegisterExtension
    static final LocalConnectionsTable dynamo = LocalConnectionsTable.oneForTheClass();

    @AutoClose
    private final RecordingEndpoint endpoint = RecordingEndpoint.start();
    private final ConnectionStore store = dynamo.store();

    @BeforeEach
    void saveTheSenderAndARoomMember() {
        store.save(new Connection(SAMPLE_ID, 1L, "203.0.113.24", null, 2L, "porch", "eve"));
        store.save(new Connection("PorchPorchPorc0=", 1L, "203.0.113.25", null, 2L, "porch", "pat"));
    }

    private DisconnectHandler handler(Map<String, String> env) {
        return new DisconnectHandler(AppConfig.from(env), dynamo.client(), uri -> endpoint.client());
    }

    private DisconnectHandler configuredHandler() {
        return handler(Map.of(AppConfig.CONNECTIONS_TABLE, dynamo.tableName(),
                AppConfig.CONNECTIONS_ENDPOINT, endpoint.stageUrl("dev").toString()));
    }

    static Stream<MalformedEvents.Case> malformed() {
        return MalformedEvents.of("disconnect.json");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void malformedEvent_answers400NamingWhatIsMissing_andChangesNothing(MalformedEvents.Case malformed) {
        MalformedEvents.assertRejectedBy(configuredHandler(), malformed);

        assertTrue(store.find(SAMPLE_ID).isPresent(), "no record is deleted on a malformed event");
        assertTrue(endpoint.requests().isEmpty());
    }

    @Test
    void disconnect_ofARoomMember_withNoEndpointAnywhere_stillRemovesTheRecordAndSaysWhyTheRoomWasNotTold() {
        APIGatewayV2WebSocketEvent event = MalformedEvents.withoutDomainNameOrStage("disconnect.json");
        RecordingContext context = new RecordingContext();

        assertEquals(200, handler(Map.of(AppConfig.CONNECTIONS_TABLE, dynamo.tableName())).handleRequest(event, context)
                .getStatusCode());

        assertTrue(store.find(SAMPLE_ID).isEmpty(), "deleting the record never depends on the endpoint");
        assertTrue(context.log().contains("could not tell its room") && context.log().contains("CONNECTIONS_ENDPOINT"),
                context.log());
        assertTrue(endpoint.requests().isEmpty());
    }
}
