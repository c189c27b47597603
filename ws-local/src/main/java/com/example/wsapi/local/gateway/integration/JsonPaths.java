package com.example.wsapi.local.gateway.integration;

import com.example.wsapi.local.json.StrictJson;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import java.util.List;

/** Values at a dotted path of a JSON text, as API Gateway's {@code request.body.a.b} expressions read them. */
public final class JsonPaths {

    private JsonPaths() {}

    /**
     * The value at {@code path} (property names from the root) of {@code text}: null when the text is not strict JSON,
     * or the path leads nowhere.
     */
    public static JsonElement at(String text, List<String> path) {
        JsonElement current = text == null ? null : StrictJson.parse(text);
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
}
