package com.example.wsapi.common.routes;

import com.example.wsapi.common.Json;
import com.example.wsapi.common.posting.ConnectionPoster;
import com.example.wsapi.common.posting.Delivery;
import com.google.gson.JsonElement;
import java.util.Optional;

/** echo: sends a message's {@code data} back to its sender. */
public final class EchoService {

    private final ConnectionPoster poster;

    public EchoService(ConnectionPoster poster) {
        this.poster = poster;
    }

    /** A string {@code data} goes back verbatim, any other JSON value serialised; no {@code data} gets an error reply. */
    public Delivery echo(String connectionId, String body) {
        Optional<JsonElement> data = Json.parseObject(body).map(message -> message.get("data"));
        if (data.isEmpty() || data.get().isJsonNull()) {
            String problem = Json.nestsTooDeep(body) ? Json.tooDeepProblem()
                    : "echo needs \"data\": the value to send back";
            return poster.post(connectionId, ApiUsage.error(problem, "echo"));
        }
        JsonElement value = data.get();
        boolean isString = value.isJsonPrimitive() && value.getAsJsonPrimitive().isString();
        return poster.post(connectionId, isString ? value.getAsString() : Json.toJson(value));
    }

}
