package com.example.wsapi.defaultroute;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.example.wsapi.common.AppConfig;
import com.example.wsapi.common.Json;
import com.example.wsapi.common.testing.LambdaEvents;
import com.example.wsapi.common.testing.RecordingContext;
import com.example.wsapi.common.testing.RecordingEndpoint;
import com.google.gson.JsonObject;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/** $default fed by events/default.json (a body that is not JSON), posting to a real recording endpoint. */
class DefaultHandlerTest {

    @AutoClose
    private final RecordingEndpoint endpoint = RecordingEndpoint.start();
    private final DefaultHandler handler = new DefaultHandler(
            AppConfig.from(Map.of(AppConfig.CONNECTIONS_ENDPOINT, endpoint.stageUrl("dev").toString())),
            uri -> endpoint.client());

    private JsonObject reply() {
        return Json.parseObject(endpoint.requests().get(0).body()).orElseThrow();
    }

    @Test
    void default_withNonJsonBody_explainsAndShowsUsage() {
        APIGatewayV2WebSocketEvent event = LambdaEvents.load("default.json", APIGatewayV2WebSocketEvent.class);

        assertEquals(200, handler.handleRequest(event, new RecordingContext()).getStatusCode());

        assertEquals(event.getRequestContext().getConnectionId(), endpoint.requests().get(0).connectionId());
        JsonObject reply = reply();
        assertEquals("error", reply.get("type").getAsString());
        assertTrue(reply.get("message").getAsString().contains("not JSON"), reply.toString());
        assertTrue(reply.getAsJsonArray("actions").size() > 0);
        assertTrue(reply.getAsJsonObject("example").has("action"));
    }

    @Test
    void default_withUnknownAction_namesIt() {
        APIGatewayV2WebSocketEvent event = LambdaEvents.load("default.json", APIGatewayV2WebSocketEvent.class);
        event.setBody("{\"action\":\"x\"}");
        handler.handleRequest(event, new RecordingContext());
        assertEquals("unknown action \"x\"", reply().get("message").getAsString());
    }

    @Test
    void default_whenSenderGone_answers410() {
        APIGatewayV2WebSocketEvent event = LambdaEvents.load("default.json", APIGatewayV2WebSocketEvent.class);
        endpoint.markGone(event.getRequestContext().getConnectionId());
        assertEquals(410, handler.handleRequest(event, new RecordingContext()).getStatusCode());
    }
}
