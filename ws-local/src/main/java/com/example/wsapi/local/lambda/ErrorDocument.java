package com.example.wsapi.local.lambda;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.nio.charset.StandardCharsets;

/** An error as a runtime posts it ({@code {"errorMessage":...,"errorType":...,"stackTrace":[...]}}) or Lambda makes it. */
record ErrorDocument(String errorType, String errorMessage, String json) {

    /** Reads a posted error; a body that is not the documented JSON is kept as the message. */
    static ErrorDocument parse(byte[] body, String errorTypeHeader) {
        String text = new String(body, StandardCharsets.UTF_8);
        String fallbackType = errorTypeHeader == null || errorTypeHeader.isBlank()
                ? "Runtime.UnknownReason" : errorTypeHeader;
        try {
            JsonElement parsed = JsonParser.parseString(text);
            if (parsed.isJsonObject()) {
                JsonObject object = parsed.getAsJsonObject();
                return new ErrorDocument(string(object, "errorType", fallbackType),
                        string(object, "errorMessage", ""), text);
            }
        } catch (JsonParseException e) {
            // Not JSON: fall through and keep the text.
        }
        return of(fallbackType, text);
    }

    static ErrorDocument of(String errorType, String errorMessage) {
        JsonObject object = new JsonObject();
        object.addProperty("errorType", errorType);
        object.addProperty("errorMessage", errorMessage);
        return new ErrorDocument(errorType, errorMessage, object.toString());
    }

    FunctionFailure toFailure(String functionName, FunctionFailure.Kind kind) {
        return new FunctionFailure(functionName, kind, errorType, errorMessage, json);
    }

    private static String string(JsonObject object, String member, String fallback) {
        JsonElement value = object.get(member);
        return value != null && value.isJsonPrimitive() ? value.getAsString() : fallback;
    }
}
