package com.example.wsapi.local.gateway.integration;

import com.example.wsapi.local.template.RequestParameter;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/** The HTTP backend of an {@code HTTP_PROXY} or {@code HTTP} integration: its method, URL and mapped parameters. */
final class HttpBackend {

    private final BackendHttpClient client;
    private final String method;
    private final String uri;
    private final List<RequestParameter> parameters;
    private final ApiStage api;
    private final Duration timeout;

    HttpBackend(BackendHttpClient client, String method, String uri, List<RequestParameter> parameters, ApiStage api,
                Duration timeout) {
        this.client = client;
        this.method = method;
        this.uri = uri;
        this.parameters = parameters;
        this.api = api;
        this.timeout = timeout;
    }

    /**
     * Sends the request, with the mapped parameters added to {@code headers} and the query string, under the timeout.
     *
     * @param body       the body byte for byte, or null for none
     * @param onResponse what the backend's answer means
     */
    CompletableFuture<IntegrationAnswer> send(IntegrationRequest request, Map<String, String> headers, byte[] body,
                                              Function<BackendResponse, IntegrationAnswer> onResponse) {
        return Deadline.answer(() -> client.send(backendRequest(request, headers, body), request.loop()), timeout,
                request.loop(),
                "the backend (" + method + " " + uri + ")", onResponse,
                // Unconfirmed: an unreachable backend (refused, reset, not HTTP) fails the integration like a function error.
                failure -> new IntegrationAnswer.Failed("backend failed: " + Deadline.rootMessage(failure)));
    }

    private BackendRequest backendRequest(IntegrationRequest request, Map<String, String> headers, byte[] body) {
        Map<String, String> query = new LinkedHashMap<>();
        RequestParameters.apply(parameters, request, MappingContext.context(request, api, ""), api.stageVariables(),
                headers, query);
        return new BackendRequest(method, withQuery(query), headers, body);
    }

    /** The integration's URL with the mapped query parameters appended. */
    private URI withQuery(Map<String, String> query) {
        if (query.isEmpty()) {
            return URI.create(uri);
        }
        StringBuilder url = new StringBuilder(uri);
        int fragment = uri.indexOf('#');
        if (fragment >= 0) {
            url.setLength(fragment);
        }
        char separator = url.indexOf("?") >= 0 ? '&' : '?';
        for (Map.Entry<String, String> parameter : query.entrySet()) {
            url.append(separator).append(encode(parameter.getKey())).append('=').append(encode(parameter.getValue()));
            separator = '&';
        }
        return URI.create(url.toString());
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** {@code "backend answered 200"}, for the log. */
    static String answered(BackendResponse response) {
        return "backend answered " + response.status();
    }
}
