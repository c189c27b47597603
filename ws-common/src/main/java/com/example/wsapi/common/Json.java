package com.example.wsapi.common;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.IOException;
import java.io.StringReader;
import java.util.Optional;

/** JSON with gson: one configured instance per JVM. */
public final class Json {

    public static final Gson GSON = new GsonBuilder().disableHtmlEscaping().create();

    private Json() {}

    /** The text as a JSON object, or empty when it is not strict JSON or not an object. */
    public static Optional<JsonObject> parseObject(String text) {
        return parse(text).filter(JsonElement::isJsonObject).map(JsonElement::getAsJsonObject);
    }

    /** The text as JSON, or empty when it is not one strict JSON document (trailing content included). */
    public static Optional<JsonElement> parse(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        try (JsonReader reader = new JsonReader(new StringReader(text))) {
            reader.setStrictness(Strictness.STRICT); // gson's default nesting limit (255) bounds deep documents
            JsonElement element = JsonParser.parseReader(reader);
            return reader.peek() == JsonToken.END_DOCUMENT ? Optional.of(element) : Optional.empty();
        } catch (JsonParseException | IOException e) {
            return Optional.empty();
        }
    }

    public static String toJson(Object value) {
        return GSON.toJson(value);
    }
}
