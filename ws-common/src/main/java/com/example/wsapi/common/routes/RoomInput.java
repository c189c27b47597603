package com.example.wsapi.common.routes;

import com.example.wsapi.common.Json;
import com.google.gson.JsonElement;
import java.util.Optional;

/** Checks the room and display name a client sends with joinroom. */
final class RoomInput {

    /** Characters (code points), not bytes or UTF-16 units. */
    static final int MAX_LENGTH = 64;

    private RoomInput() {}

    /** What is wrong with a field's value, in words a client developer can act on; empty when it is fine. */
    static Optional<String> problemWith(String field, JsonElement value) {
        if (value == null || value.isJsonNull()) {
            return Optional.of("joinroom needs \"" + field + "\": a string of 1 to " + MAX_LENGTH + " characters");
        }
        if (!value.isJsonPrimitive() || !value.getAsJsonPrimitive().isString()) {
            return Optional.of("\"" + field + "\" must be a string, got " + abbreviate(Json.toJson(value)));
        }
        String text = value.getAsString();
        if (text.isBlank()) {
            return Optional.of("\"" + field + "\" must not be empty or only spaces");
        }
        int length = text.codePointCount(0, text.length());
        if (length > MAX_LENGTH) {
            return Optional.of("\"" + field + "\" is " + length + " characters long; at most " + MAX_LENGTH
                    + " are allowed");
        }
        for (int i = 0, position = 1; i < text.length(); position++) {
            int codePoint = text.codePointAt(i);
            if (Character.getType(codePoint) == Character.CONTROL) {
                return Optional.of("\"" + field + "\" must not contain control characters (found U+"
                        + String.format("%04X", codePoint) + " at character " + position + ")");
            }
            if (Character.getType(codePoint) == Character.SURROGATE) {
                return Optional.of("\"" + field + "\" is not valid Unicode (a lone surrogate at character "
                        + position + ")");
            }
            i += Character.charCount(codePoint);
        }
        return Optional.empty();
    }

    private static String abbreviate(String text) {
        return text.length() <= 64 ? text : text.substring(0, 64) + "...";
    }
}
