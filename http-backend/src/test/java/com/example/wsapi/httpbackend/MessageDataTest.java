package com.example.wsapi.httpbackend;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.example.wsapi.common.Json;
import com.google.gson.JsonPrimitive;
import org.junit.jupiter.api.Test;

/** How /handle-event turns any frame into a message's data. */
class MessageDataTest {

    @Test
    void dataOf_aJsonFrame_isThatJson() {
        assertEquals(Json.parse("{\"text\":\"hi\",\"n\":[1,2]}").orElseThrow(),
                Routes.dataOf("{\"text\":\"hi\",\"n\":[1,2]}"));
        assertEquals(new JsonPrimitive("quoted"), Routes.dataOf("\"quoted\""));
        assertEquals(new JsonPrimitive(42), Routes.dataOf("42"));
    }

    @Test
    void dataOf_plainText_isAString() {
        assertEquals(new JsonPrimitive("hello"), Routes.dataOf("hello"));
        assertEquals(new JsonPrimitive("{\"broken\":"), Routes.dataOf("{\"broken\":"));
        assertEquals(new JsonPrimitive(""), Routes.dataOf(""));
    }

    @Test
    void dataOf_theJsonNull_isTheTextNull() {
        // sendmessage refuses null data; a frame that says null is still something someone sent.
        assertEquals(new JsonPrimitive("null"), Routes.dataOf("null"));
    }
}
