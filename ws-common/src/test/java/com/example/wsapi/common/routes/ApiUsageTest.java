package com.example.wsapi.common.routes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.wsapi.common.Json;
import com.google.gson.JsonObject;
import org.junit.jupiter.api.Test;

class ApiUsageTest {

    @Test
    void error_listsEveryActionAndShowsTheAskedForExample() {
        JsonObject reply = Json.parseObject(ApiUsage.error("bad room", "joinroom")).orElseThrow();

        assertEquals("error", reply.get("type").getAsString());
        assertEquals("bad room", reply.get("message").getAsString());
        assertEquals("[\"echo\",\"joinroom\",\"leaveroom\",\"sendmessage\"]", reply.getAsJsonArray("actions").toString());
        assertEquals(Json.parseObject("{\"action\":\"joinroom\",\"room\":\"lobby\",\"name\":\"ana\"}").orElseThrow(),
                reply.getAsJsonObject("example"));
    }

    @Test
    void everyExample_isRoutedByItsOwnAction() {
        for (String action : ApiUsage.actions()) {
            assertTrue(ApiUsage.exists(action), action);
            JsonObject example = Json.parseObject(ApiUsage.error("x", action)).orElseThrow().getAsJsonObject("example");
            assertEquals(action, example.get("action").getAsString());
        }
    }
}
