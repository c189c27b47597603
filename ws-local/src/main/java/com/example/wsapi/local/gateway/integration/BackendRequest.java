package com.example.wsapi.local.gateway.integration;

import java.net.URI;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An HTTP request to an integration's backend.
 *
 * @param method  e.g. {@code POST}
 * @param uri     an absolute http(s) URL, query included
 * @param headers header names to values, in the order sent (Host and Content-Length are added when sending)
 * @param body    the body byte for byte, or null for none
 */
public record BackendRequest(String method, URI uri, Map<String, String> headers, byte[] body) {

    public BackendRequest {
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    }
}
