package com.example.wsapi.common.routes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.wsapi.common.Json;
import com.example.wsapi.common.posting.ConnectionPoster;
import com.example.wsapi.common.testing.RecordingEndpoint;
import com.google.gson.JsonObject;
import org.junit.jupiter.api.Test;

class DefaultRouteServiceTest {

    @Test
    void problemWith_namesWhatIsWrong() {
        assertEquals("the message is not JSON: send a JSON object with an \"action\"",
                DefaultRouteService.problemWith("hello there"));
        assertEquals("the message must be a JSON object with an \"action\"", DefaultRouteService.problemWith("[1]"));
        assertEquals("the message has no \"action\"", DefaultRouteService.problemWith("{\"data\":1}"));
        assertEquals("\"action\" must be a string, got 42", DefaultRouteService.problemWith("{\"action\":42}"));
        assertEquals("unknown action \"x\"", DefaultRouteService.problemWith("{\"action\":\"x\"}"));
        assertTrue(DefaultRouteService.problemWith("").contains("empty"));
        assertEquals("the message is nested more than 255 levels deep (arrays and objects): send a flatter JSON object"
                + " with an \"action\"", DefaultRouteService.problemWith("{\"action\":\"echo\",\"data\":"
                + "[".repeat(300) + "]".repeat(300) + "}"));
    }

    @Test
    void reply_postsTheProblemTheActionsAndAnExample() {
        try (RecordingEndpoint endpoint = RecordingEndpoint.start()) {
            new DefaultRouteService(new ConnectionPoster(endpoint.client())).reply("BFHPhfCWIAMCKlQ=",
                    "{\"action\":\"x\"}");

            JsonObject reply = Json.parseObject(endpoint.requests().get(0).body()).orElseThrow();
            assertEquals("unknown action \"x\"", reply.get("message").getAsString());
            assertTrue(reply.getAsJsonArray("actions").toString().contains("\"echo\""));
            assertEquals("echo", reply.getAsJsonObject("example").get("action").getAsString());
        }
    }
}
