package com.example.wsapi.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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

    @Test
    void nestsTooDeep_countsArraysAndObjectsOutsideStrings() {
        int limit = Json.MAX_NESTING;
        assertEquals(255, limit, "gson's default");
        assertFalse(Json.nestsTooDeep("[".repeat(limit) + "]".repeat(limit)));
        assertTrue(Json.parse("[".repeat(limit) + "]".repeat(limit)).isPresent(), "the limit itself parses");
        assertTrue(Json.nestsTooDeep("[".repeat(limit + 1) + "]".repeat(limit + 1)));
        assertTrue(Json.nestsTooDeep("{\"a\":".repeat(limit + 1) + "1" + "}".repeat(limit + 1)));
        assertFalse(Json.nestsTooDeep("{\"data\":\"" + "[".repeat(1000) + "\"}"), "brackets in a string");
        assertFalse(Json.nestsTooDeep("{\"data\":\"\\\"" + "[".repeat(1000) + "\"}"), "after an escaped quote");
        assertFalse(Json.nestsTooDeep(null));
    }
}
