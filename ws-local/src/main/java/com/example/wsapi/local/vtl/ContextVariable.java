package com.example.wsapi.local.vtl;

import com.google.gson.JsonPrimitive;

import java.util.LinkedHashMap;
import java.util.Map;

/** {@code $context} for one rendering: a fresh copy, so a template that changes it changes nothing else. */
final class ContextVariable {

    private ContextVariable() {}

    /**
     * The copy prints like a Java map in the given order ({@code {routeKey=$default, eventType=MESSAGE, ...}}), the
     * authorizer's values are strings ({@code $context.authorizer.numKey} is {@code "1"} for {@code "numKey": 1}), and
     * {@code error.messageString} is {@code error.message} quoted when only the message is given.
     */
    static Map<String, Object> of(Map<String, Object> context) {
        Map<String, Object> copy = new LinkedHashMap<>();
        if (context == null) {
            return copy;
        }
        context.forEach((key, value) -> copy.put(key, switch (key) {
            case "authorizer" -> stringValues(value);
            case "error" -> withMessageString(value);
            default -> deepCopy(value);
        }));
        return copy;
    }

    private static Object stringValues(Object value) {
        if (!(value instanceof Map<?, ?> map)) {
            return deepCopy(value);
        }
        Map<String, Object> strings = new LinkedHashMap<>();
        map.forEach((key, item) -> strings.put(String.valueOf(key), item == null ? null : String.valueOf(item)));
        return strings;
    }

    private static Object withMessageString(Object value) {
        Object copy = deepCopy(value);
        if (copy instanceof Map<?, ?> map && map.get("message") != null && !map.containsKey("messageString")) {
            @SuppressWarnings("unchecked") Map<String, Object> error = (Map<String, Object>) map;
            // Documented as the message quoted; unconfirmed whether quotes inside it are escaped as JSON.
            error.put("messageString", new JsonPrimitive(String.valueOf(map.get("message"))).toString());
        }
        return copy;
    }

    private static Object deepCopy(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((key, item) -> copy.put(String.valueOf(key), deepCopy(item)));
            return copy;
        }
        return value;
    }
}
