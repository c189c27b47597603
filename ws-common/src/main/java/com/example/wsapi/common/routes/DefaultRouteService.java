package com.example.wsapi.common.routes;

import com.example.wsapi.common.Json;
import com.example.wsapi.common.posting.ConnectionPoster;
import com.example.wsapi.common.posting.Delivery;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.Optional;

/** $default: tells the sender what was wrong with a message no route took, and how to use the API. */
public final class DefaultRouteService {

    private final ConnectionPoster poster;

    public DefaultRouteService(ConnectionPoster poster) {
        this.poster = poster;
    }

    public Delivery reply(String connectionId, String body) {
        return poster.post(connectionId, ApiUsage.error(problemWith(body)));
    }

    /** Why no route took this message, in words a client developer can act on. */
    static String problemWith(String body) {
        if (body == null || body.isEmpty()) {
            return "the message is empty: send a JSON object with an \"action\"";
        }
        Optional<JsonObject> message = Json.parseObject(body);
        if (message.isEmpty()) {
            if (Json.nestsTooDeep(body)) {
                return Json.tooDeepProblem() + " with an \"action\"";
            }
            return Json.parse(body).isPresent() ? "the message must be a JSON object with an \"action\""
                    : "the message is not JSON: send a JSON object with an \"action\"";
        }
        JsonElement action = message.get().get("action");
        if (action == null || action.isJsonNull()) {
            return "the message has no \"action\"";
        }
        if (!action.isJsonPrimitive() || !action.getAsJsonPrimitive().isString()) {
            return "\"action\" must be a string, got " + abbreviate(Json.toJson(action));
        }
        return "unknown action \"" + abbreviate(action.getAsString()) + "\"";
    }

    private static String abbreviate(String text) {
        return text.length() <= 64 ? text : text.substring(0, 64) + "...";
    }
}
