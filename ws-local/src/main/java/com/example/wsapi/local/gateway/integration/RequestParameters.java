package com.example.wsapi.local.gateway.integration;

import com.example.wsapi.local.template.RequestParameter;
import com.google.gson.JsonElement;

import java.util.List;
import java.util.Map;

/**
 * An integration's {@code RequestParameters}: values from the handshake, the frame, {@code $context}, the stage's
 * variables or a literal, put into the backend request's headers and query string.
 */
final class RequestParameters {

    private RequestParameters() {}

    /**
     * Adds each mapped value to {@code headers} or {@code query} (a header replaces one of the same name, whatever its
     * case); a source with no value (a header the client did not send, a path not in the frame) maps nothing.
     */
    static void apply(List<RequestParameter> parameters, IntegrationRequest request, Map<String, Object> context,
                      Map<String, String> stageVariables, Map<String, String> headers, Map<String, String> query) {
        for (RequestParameter parameter : parameters) {
            String value = value(parameter.source(), request, context, stageVariables);
            if (value == null) {
                continue; // unconfirmed: a source without a value leaves the destination out
            }
            if (parameter.target() == RequestParameter.Target.HEADER) {
                headers.keySet().removeIf(name -> name.equalsIgnoreCase(parameter.name()));
                headers.put(parameter.name(), value);
            } else {
                query.put(parameter.name(), value);
            }
        }
    }

    private static String value(String source, IntegrationRequest request, Map<String, Object> context,
                                Map<String, String> stageVariables) {
        if (source.startsWith("'") && source.endsWith("'") && source.length() >= 2) {
            return source.substring(1, source.length() - 1);
        }
        if (source.startsWith("route.request.header.")) {
            return request.header(source.substring("route.request.header.".length()));
        }
        if (source.startsWith("route.request.querystring.")) {
            return request.queryParameter(source.substring("route.request.querystring.".length()));
        }
        if (source.startsWith("route.request.body.")) {
            JsonElement value = JsonPaths.at(request.body(),
                    List.of(source.substring("route.request.body.".length()).split("\\.")));
            if (value == null || value.isJsonNull()) {
                return null;
            }
            return value.isJsonPrimitive() ? value.getAsString() : value.toString();
        }
        if (source.startsWith("context.")) {
            return MappingContext.value(context, source.substring("context.".length()));
        }
        if (source.startsWith("stageVariables.")) {
            return stageVariables.get(source.substring("stageVariables.".length()));
        }
        throw new IllegalArgumentException("unknown request parameter source " + source);
    }
}
