package com.example.wsapi.common.routes;

import com.example.wsapi.common.Json;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The actions clients can send, each with an example: the help that error replies carry. Add new routes here. */
public final class ApiUsage {

    private static final Map<String, String> EXAMPLES = new LinkedHashMap<>();

    static {
        EXAMPLES.put("echo", "{\"action\":\"echo\",\"data\":\"hello\"}");
        EXAMPLES.put("joinroom", "{\"action\":\"joinroom\",\"room\":\"lobby\",\"name\":\"ana\"}");
        EXAMPLES.put("leaveroom", "{\"action\":\"leaveroom\"}");
        EXAMPLES.put("sendmessage", "{\"action\":\"sendmessage\",\"data\":\"hello\"}");
    }

    private ApiUsage() {}

    /** An error reply: what was wrong, the actions that exist, and an example of one. */
    public static String error(String message) {
        return error(message, EXAMPLES.keySet().iterator().next());
    }

    /** An error reply whose example is the given action's. */
    public static String error(String message, String exampleAction) {
        JsonObject reply = new JsonObject();
        reply.addProperty("type", "error");
        reply.addProperty("message", message);
        JsonArray actions = new JsonArray();
        EXAMPLES.keySet().forEach(actions::add);
        reply.add("actions", actions);
        reply.add("example", Json.parseObject(EXAMPLES.get(exampleAction)).orElseThrow());
        return Json.toJson(reply);
    }

    public static boolean exists(String action) {
        return EXAMPLES.containsKey(action);
    }

    /** The actions error replies list, in their order: one per route a client can send besides $default. */
    public static List<String> actions() {
        return List.copyOf(EXAMPLES.keySet());
    }
}
