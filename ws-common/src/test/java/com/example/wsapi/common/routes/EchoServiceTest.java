package com.example.wsapi.common.routes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.wsapi.common.Json;
import com.example.wsapi.common.posting.ConnectionPoster;
import com.example.wsapi.common.posting.Delivery;
import com.example.wsapi.common.testing.RecordingEndpoint;
import com.google.gson.JsonObject;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

class EchoServiceTest {

    private static final String ID = "BFHPhfCWIAMCKlQ=";
    @AutoClose
    private final RecordingEndpoint endpoint = RecordingEndpoint.start();
    private final EchoService echo = new EchoService(new ConnectionPoster(endpoint.client()));

    private String sent() {
        return endpoint.requests().get(0).body();
    }

    @Test
    void echo_sendsAStringVerbatim() {
        assertEquals(Delivery.DELIVERED, echo.echo(ID, "{\"action\":\"echo\",\"data\":\"hello \\\"you\\\"\"}"));
        assertEquals("hello \"you\"", sent());
    }

    @Test
    void echo_serialisesOtherJsonValues() {
        echo.echo(ID, "{\"action\":\"echo\",\"data\":{\"n\":1,\"list\":[true,null]}}");
        assertEquals("{\"n\":1,\"list\":[true,null]}", sent());
    }

    @Test
    void echo_withoutData_repliesWithAnErrorAndAnExample() {
        echo.echo(ID, "{\"action\":\"echo\"}");
        JsonObject reply = Json.parseObject(sent()).orElseThrow();
        assertEquals("error", reply.get("type").getAsString());
        assertEquals("echo needs \"data\": the value to send back", reply.get("message").getAsString());
        assertEquals("echo", reply.getAsJsonObject("example").get("action").getAsString());
    }

    @Test
    void echo_withDataNestedBeyondTheLimit_repliesThatItIsTooDeep_notThatDataIsMissing() {
        echo.echo(ID, "{\"action\":\"echo\",\"data\":" + "[".repeat(300) + "]".repeat(300) + "}");
        String message = Json.parseObject(sent()).orElseThrow().get("message").getAsString();
        assertTrue(message.contains("nested more than 255 levels deep"), message);
    }

    @Test
    void echo_withNullData_repliesWithAnError() {
        echo.echo(ID, "{\"action\":\"echo\",\"data\":null}");
        assertEquals("error", Json.parseObject(sent()).orElseThrow().get("type").getAsString());
    }

    @Test
    void echo_whenSenderGone_reportsGone() {
        endpoint.markGone(ID);
        assertEquals(Delivery.GONE, echo.echo(ID, "{\"action\":\"echo\",\"data\":\"x\"}"));
    }
}
