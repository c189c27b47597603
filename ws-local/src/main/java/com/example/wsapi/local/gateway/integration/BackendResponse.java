package com.example.wsapi.local.gateway.integration;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * A backend's HTTP response.
 *
 * @param status  the status code
 * @param headers each header's last value, names matched without regard to case
 * @param body    the body byte for byte (empty when there is none)
 */
public record BackendResponse(int status, Map<String, String> headers, byte[] body) {

    public BackendResponse {
        Map<String, String> byName = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        byName.putAll(headers);
        headers = Collections.unmodifiableMap(byName);
    }

    /** The body as text (UTF-8), as a frame or a mapping template sees it. */
    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** A header's value, or null. */
    public String header(String name) {
        return headers.get(name);
    }
}
