package com.example.wsapi.local.json;

import com.google.gson.JsonElement;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;

import java.io.IOException;
import java.io.StringReader;

/**
 * The one JSON parser of ws-local for what clients and templates send: route selection, selection expressions,
 * request parameters, MOCK status codes and the mapping templates' {@code $input} and {@code $util.parseJson} all
 * read a text as JSON the same way. Strict, because API Gateway's parser is (gson's default is lenient).
 */
public final class StrictJson {

    private StrictJson() {}

    /**
     * The text as one strict JSON document; null when it is not one (lenient forms, trailing content). An empty text
     * is JSON null, as gson reads it.
     */
    public static JsonElement parse(String text) {
        try (JsonReader reader = new JsonReader(new StringReader(text))) {
            reader.setStrictness(Strictness.STRICT);
            JsonElement element = JsonParser.parseReader(reader);
            return reader.peek() == JsonToken.END_DOCUMENT ? element : null;
        } catch (JsonParseException | IOException | IllegalStateException e) {
            return null;
        }
    }
}
