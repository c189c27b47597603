package com.example.wsapi.local.gateway.integration;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;

import java.io.IOException;
import java.io.StringReader;
import java.util.List;

/** Values at a dotted path of a JSON text, as API Gateway's {@code request.body.a.b} expressions read them. */
public final class JsonPaths {

    private JsonPaths() {}

    /**
     * The value at {@code path} (property names from the root) of {@code text}: null when the text is not strict JSON,
     * or the path leads nowhere.
     */
    public static JsonElement at(String text, List<String> path) {
        JsonElement current = text == null ? null : parseStrictly(text);
        for (String name : path) {
            if (current == null || !current.isJsonObject()) {
                return null;
            }
            current = ((JsonObject) current).get(name);
        }
        return current;
    }

    /** The text of a string, number or boolean at {@code path}, else null. */
    public static String primitiveAt(String text, List<String> path) {
        JsonElement value = at(text, path);
        return value != null && value.isJsonPrimitive() ? value.getAsString() : null;
    }

    /** Parses strict JSON (gson's default is lenient, API Gateway's is not); null when it isn't JSON. */
    public static JsonElement parseStrictly(String text) {
        try (JsonReader reader = new JsonReader(new StringReader(text))) {
            reader.setStrictness(Strictness.STRICT);
            JsonElement element = JsonParser.parseReader(reader);
            return reader.peek() == JsonToken.END_DOCUMENT ? element : null;
        } catch (JsonParseException | IOException | IllegalStateException e) {
            return null;
        }
    }
}
