package com.example.wsapi.local.gateway;

import java.util.List;
import java.util.Map;

/**
 * The parts of an upgrade request that events carry.
 *
 * @param headers the headers as CONNECT events show them (sorted by name, names as sent)
 * @param query   the query parameters, or null when the URL has no query string
 */
record HandshakeRequest(Map<String, List<String>> headers, Map<String, List<String>> query) {

    /** The last value of a header, matched without regard to case, or null. */
    String header(String name) {
        for (Map.Entry<String, List<String>> entry : headers.entrySet()) {
            if (entry.getKey().equalsIgnoreCase(name) && !entry.getValue().isEmpty()) {
                return entry.getValue().get(entry.getValue().size() - 1);
            }
        }
        return null;
    }

    /** The last value of a query parameter, or null. */
    String queryParameter(String name) {
        if (query == null) {
            return null;
        }
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? null : values.get(values.size() - 1);
    }
}
