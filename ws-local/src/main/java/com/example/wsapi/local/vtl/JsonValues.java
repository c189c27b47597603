package com.example.wsapi.local.vtl;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonPrimitive;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * JSON as mapping templates see it. API Gateway evaluates JSONPath with Jayway JsonPath on json-smart, so a template
 * navigates plain Java values: an object is a {@link LinkedHashMap} (printing {@code {a=1, b=x}}), an array a
 * {@link JsonList} (printing as JSON), a number an Integer, Long, BigInteger, Double or BigDecimal the way json-smart
 * types it (so {@code 10.00} prints {@code 10.0}; only {@code $input.body} keeps the digits as sent).
 */
final class JsonValues {

    /** Compact, nulls kept, no HTML escaping: what json-smart writes. */
    private static final Gson GSON = new GsonBuilder().serializeNulls().disableHtmlEscaping().create();

    /** json-smart reads a decimal of more than 18 characters as a BigDecimal, a shorter one as a Double. */
    private static final int MAX_DOUBLE_LENGTH = 18;

    private JsonValues() {}

    /**
     * What a template gets for a JSON value: a JsonElement from gson or a value Jayway already unwrapped (String,
     * Number, Boolean, null) becomes a map, list, String, Number, Boolean or null.
     */
    static Object toTemplateValue(Object value) {
        if (value instanceof JsonElement element) {
            return fromElement(element);
        }
        if (value instanceof Number number) {
            return number(number.toString());
        }
        return value;
    }

    private static Object fromElement(JsonElement element) {
        if (element.isJsonObject()) {
            Map<String, Object> map = new LinkedHashMap<>();
            element.getAsJsonObject().entrySet()
                    .forEach(entry -> map.put(entry.getKey(), fromElement(entry.getValue())));
            return map;
        }
        if (element.isJsonArray()) {
            JsonList list = new JsonList(element.getAsJsonArray().size());
            element.getAsJsonArray().forEach(item -> list.add(fromElement(item)));
            return list;
        }
        if (element.isJsonNull()) {
            return null;
        }
        JsonPrimitive primitive = element.getAsJsonPrimitive();
        if (primitive.isBoolean()) {
            return primitive.getAsBoolean();
        }
        if (primitive.isNumber()) {
            return number(primitive.getAsNumber().toString());
        }
        return primitive.getAsString();
    }

    /** A JSON number's text typed as json-smart types it (unconfirmed beyond the documented 10.00 of the body). */
    static Number number(String text) {
        if (text.indexOf('.') >= 0 || text.indexOf('e') >= 0 || text.indexOf('E') >= 0) {
            Double asDouble = text.length() > MAX_DOUBLE_LENGTH ? null : Double.valueOf(text);
            return asDouble == null || asDouble.isInfinite() ? new BigDecimal(text) : asDouble;
        }
        BigInteger integer = new BigInteger(text);
        if (integer.bitLength() < Integer.SIZE) {
            return integer.intValue();
        }
        return integer.bitLength() < Long.SIZE ? (Number) integer.longValue() : integer;
    }

    /** A template value (map, list, String, Number, Boolean, null) as compact JSON text. */
    static String toJson(Object value) {
        return GSON.toJson(value);
    }
}
