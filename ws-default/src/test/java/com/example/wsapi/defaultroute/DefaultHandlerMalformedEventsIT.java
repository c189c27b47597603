package com.example.wsapi.defaultroute;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.example.wsapi.common.AppConfig;
import com.example.wsapi.common.Json;
import com.example.wsapi.common.testing.MalformedEvents;
import com.example.wsapi.common.testing.RecordingContext;
import com.example.wsapi.common.testing.RecordingEndpoint;
import com.google.gson.JsonObject;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** $default handed events API Gateway never sends: a 400 naming what is missing, and nothing posted. */
class DefaultHandlerMalformedEventsIT {

    @AutoClose
    private final RecordingEndpoint endpoint = RecordingEndpoint.start();

    private DefaultHandler handler(Map<String, String> env) {
        return new DefaultHandler(AppConfig.from(env), uri -> endpoint.client());
    }

    private DefaultHandler configuredHandler() {
        return handler(Map.of(AppConfig.CONNECTIONS_ENDPOINT, endpoint.stageUrl("dev").toString()));
    }

    static Stream<MalformedEvents.Case> malformed() {
        return MalformedEvents.of("default.json");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void malformedEvent_answers400NamingWhatIsMissing_andPostsNothing(MalformedEvents.Case malformed) {
        MalformedEvents.assertRejectedBy(configuredHandler(), malformed);

        assertTrue(endpoint.requests().isEmpty());
    }

    @Test
    void nullBody_repliesToTheSenderThatTheMessageIsEmpty() {
        APIGatewayV2WebSocketEvent event = MalformedEvents.changed("default.json", e -> e.setBody(null));

        assertEquals(200, configuredHandler().handleRequest(event, new RecordingContext()).getStatusCode());

        JsonObject reply = Json.parseObject(endpoint.requests().get(0).body()).orElseThrow();
        assertEquals("error", reply.get("type").getAsString());
        assertTrue(reply.get("message").getAsString().contains("empty"), reply.toString());
    }

    @Test
    void noDomainNameOrStage_andNoConfiguredEndpoint_answers400NamingTheSetting() {
        APIGatewayV2WebSocketEvent event = MalformedEvents.withoutDomainNameOrStage("default.json");

        var response = handler(Map.of()).handleRequest(event, new RecordingContext());

        MalformedEvents.assertRejectedNaming(AppConfig.CONNECTIONS_ENDPOINT, response);
        assertTrue(endpoint.requests().isEmpty());
    }
}
