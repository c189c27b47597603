package com.example.wsapi.local.vtl;

import com.example.wsapi.local.json.StrictJson;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.jayway.jsonpath.Configuration;
import com.jayway.jsonpath.InvalidPathException;
import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.PathNotFoundException;
import com.jayway.jsonpath.spi.json.GsonJsonProvider;
import com.jayway.jsonpath.spi.mapper.GsonMappingProvider;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code $input} in a mapping template: the payload ({@code body}, {@code json(path)}, {@code path(path)}) and the
 * request's parameters ({@code params()}, {@code params(name)}), as API Gateway's mapping template reference defines
 * them. One instance per rendering; public only so that the template engine can call it.
 */
public final class InputVariable {

    /** JSONPath by Jayway JsonPath (the library API Gateway's reference points to), evaluated on gson's tree. */
    private static final Configuration JSON_PATH = Configuration.builder()
            .jsonProvider(new GsonJsonProvider())
            .mappingProvider(new GsonMappingProvider())
            .build();

    /** What {@code $input.json(...)} gives when there is nothing at the path: the JSON text of an empty string. */
    private static final String NOTHING_AS_JSON = "\"\"";

    private final String body;
    private final Map<String, String> headers;
    private final Map<String, String> queryString;
    private JsonElement document;
    private boolean parsed;

    InputVariable(String body, Map<String, String> headers, Map<String, String> queryString) {
        // API Gateway gives a template "{}" for an empty body (seen for REST APIs; unconfirmed for an empty frame).
        this.body = body == null || body.isEmpty() ? "{}" : body;
        this.headers = headers == null ? Map.of() : headers;
        this.queryString = queryString == null ? Map.of() : queryString;
    }

    /** {@code $input.body}: the payload as received, JSON or not. */
    public String getBody() {
        return body;
    }

    /**
     * {@code $input.json('$.a')}: the JSON text of the value at the path, e.g. {@code "bar"} with its quotes for a
     * string; {@code ""} (the JSON text of an empty string) when the path finds nothing or the payload is not JSON.
     */
    public String json(String path) {
        Object value = read(path);
        return value == Missing.VALUE ? NOTHING_AS_JSON : JsonValues.toJson(value);
    }

    /**
     * {@code $input.path('$.a')}: the value at the path as an object to navigate ({@code .b}, {@code .size()},
     * {@code [0]}, {@code #foreach}); null (rendered empty) when the path finds nothing or the payload is not JSON.
     */
    public Object path(String path) {
        Object value = read(path);
        return value == Missing.VALUE ? null : value;
    }

    /** {@code $input.params()}: {@code path} (always empty on a WebSocket API), {@code header}, {@code querystring}. */
    public Map<String, Map<String, String>> params() {
        Map<String, Map<String, String>> all = new LinkedHashMap<>();
        all.put("path", new LinkedHashMap<>());
        all.put("header", new LinkedHashMap<>(headers));
        all.put("querystring", new LinkedHashMap<>(queryString));
        return all;
    }

    /**
     * {@code $input.params('name')}: the parameter from the path, else the query string, else the headers (in that
     * order, as documented); an empty string when there is none.
     */
    public String params(String name) {
        if (name == null) {
            return "";
        }
        String fromQuery = queryString.get(name);
        if (fromQuery != null) {
            return fromQuery;
        }
        // Unconfirmed: API Gateway's lookup here is undocumented; header names are case-insensitive in HTTP.
        return headers.entrySet().stream()
                .filter(header -> header.getKey().equalsIgnoreCase(name))
                .map(Map.Entry::getValue)
                .findFirst()
                .orElse("");
    }

    private Object read(String path) {
        if (path == null || path.isBlank()) {
            throw new IllegalArgumentException("the JSONPath is empty; use e.g. '$' or '$.message'");
        }
        JsonElement root = document();
        if (root == null) {
            return Missing.VALUE;
        }
        try {
            return JsonValues.toTemplateValue(JsonPath.using(JSON_PATH).parse(root).read(path));
        } catch (PathNotFoundException e) {
            return Missing.VALUE;
        } catch (InvalidPathException e) {
            // Unconfirmed what API Gateway does with a path that is not JSONPath: the template fails, saying why.
            // Jayway's message is sometimes only an internal exception's name: then the path alone says enough.
            String why = e.getMessage() == null || e.getMessage().startsWith("java.") ? "" : ": " + e.getMessage();
            throw new IllegalArgumentException("'" + path + "' is not a JSONPath expression" + why, e);
        }
    }

    /** The payload parsed once per rendering; null when it is not JSON. */
    private JsonElement document() {
        // Strict JSON, as for route selection: unconfirmed whether API Gateway reads a bare word as a JSON string.
        if (!parsed) {
            document = "{}".equals(body) ? new JsonObject() : StrictJson.parse(body);
            parsed = true;
        }
        return document;
    }

    /** Nothing at the path. Unconfirmed: an explicit JSON null is a value here, {@code json()} gives {@code null}. */
    private enum Missing { VALUE }
}
