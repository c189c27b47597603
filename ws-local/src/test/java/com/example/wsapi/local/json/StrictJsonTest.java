package com.example.wsapi.local.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonParser;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StrictJsonTest {

    @ParameterizedTest
    @ValueSource(strings = {"{\"action\":\"echo\",\"n\":[1,2.5,true,null]}", " \"text\" ", "42", "[]", "null"})
    void jsonDocuments_parseToTheirValue(String text) {
        assertEquals(JsonParser.parseString(text), StrictJson.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"hello", "{'action':'echo'}", "{action:\"echo\"}", "{\"a\":1} trailing", "{\"a\":1}{}",
        "{\"a\":1,}", "[1,]", "// note\n{}", "{\"a\":NaN}", "{\"a\":1", "\"unterminated"})
    void whatLenientParsersTake_isNotJson(String text) {
        assertNull(StrictJson.parse(text), text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  "})
    void anEmptyText_isJsonNull_asGsonReadsIt(String text) {
        assertTrue(StrictJson.parse(text).isJsonNull());
    }
}
