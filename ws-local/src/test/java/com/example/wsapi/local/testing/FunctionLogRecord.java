package com.example.wsapi.local.testing;

import com.example.wsapi.local.log.LogLine;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.util.Optional;

/**
 * A function's log record as the runtime interface client writes it with {@code LoggingConfig: LogFormat: JSON}
 * (the project's template): one JSON object a line, with its level, message and request id (always both of the
 * first two, so callers need not check them).
 */
public record FunctionLogRecord(String function, String level, String message, String requestId) {

    /** The record a console line carries: a function's output that is a JSON log record; else empty. */
    public static Optional<FunctionLogRecord> of(LogLine line) {
        if (line.kind() != LogLine.Kind.OUTPUT || line.function() == null || !line.text().startsWith("{")) {
            return Optional.empty();
        }
        try {
            JsonObject record = JsonParser.parseString(line.text()).getAsJsonObject();
            String level = text(record, "level");
            String message = text(record, "message");
            // Other JSON a function prints (its own objects on stdout) is no runtime log record.
            return level == null || message == null ? Optional.empty()
                    : Optional.of(new FunctionLogRecord(line.function(), level, message, text(record, "AWSRequestId")));
        } catch (JsonParseException | IllegalStateException e) {
            return Optional.empty();
        }
    }

    private static String text(JsonObject record, String field) {
        JsonElement value = record.get(field);
        return value == null || value.isJsonNull() ? null : value.getAsString();
    }
}
