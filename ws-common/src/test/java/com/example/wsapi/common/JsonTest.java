package com.example.wsapi.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class JsonTest {

    @Test
    void parseObject_readsAStrictJsonObject() {
        assertEquals("echo", Json.parseObject("{\"action\":\"echo\"}").orElseThrow().get("action").getAsString());
    }

    @Test
    void parseObject_rejectsWhatIsNotOneJsonObject() {
        assertTrue(Json.parseObject("hello").isEmpty());
        assertTrue(Json.parseObject("[1,2]").isEmpty());
        assertTrue(Json.parseObject("\"text\"").isEmpty());
        assertTrue(Json.parseObject("{\"a\":1} trailing").isEmpty());
        assertTrue(Json.parseObject("{a:1}").isEmpty(), "unquoted names are not JSON");
        assertTrue(Json.parseObject("").isEmpty());
        assertTrue(Json.parseObject(null).isEmpty());
    }

    @Test
    void parse_survivesAbsurdNesting() {
        String deep = "[".repeat(100_000) + "]".repeat(100_000);
        assertTrue(Json.parse(deep).isEmpty());
    }
}
