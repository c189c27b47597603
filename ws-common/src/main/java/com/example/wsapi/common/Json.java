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

    /** The deepest nesting of arrays and objects {@link #parse} accepts (gson's default limit). */
    public static final int MAX_NESTING = new JsonReader(new StringReader("")).getNestingLimit();

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

    /**
     * Whether the text nests arrays and objects deeper than {@link #MAX_NESTING}: {@link #parse} refuses it even when
     * it is valid JSON, so the reply must say why rather than "not JSON".
     */
    public static boolean nestsTooDeep(String text) {
        if (text == null) {
            return false;
        }
        int depth = 0;
        boolean inString = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '[' || c == '{') {
                if (++depth > MAX_NESTING) {
                    return true;
                }
            } else if (c == ']' || c == '}') {
                depth--;
            }
        }
        return false;
    }

    /** The reply's words for a message refused for its nesting. */
    public static String tooDeepProblem() {
        return "the message is nested more than " + MAX_NESTING + " levels deep (arrays and objects): "
                + "send a flatter JSON object";
    }

    public static String toJson(Object value) {
        return GSON.toJson(value);
    }
}
