package com.example.wsapi.local.gateway.integration;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The headers API Gateway sends an HTTP backend on its own, before the mapped ones. */
final class BackendHeaders {

    /** The client's handshake headers an {@code HTTP_PROXY} integration passes on {@code $connect}. */
    private static final List<String> PROXIED_HANDSHAKE_HEADERS = List.of("Sec-WebSocket-Key",
            "Sec-WebSocket-Version", "Sec-WebSocket-Extensions", "X-Forwarded-For", "X-Forwarded-Port",
            "X-Forwarded-Proto");
    private static final SecureRandom RANDOM = new SecureRandom();

    private BackendHeaders() {}

    /**
     * {@code User-Agent: AmazonAPIGateway_<apiId>}, a new {@code X-Amzn-Trace-Id} and the API id: on message routes
     * API Gateway is seen to send these (and Host); unconfirmed which others, so none (not even a Content-Type:
     * map {@code integration.request.header.Content-Type: "'application/json'"} for a backend that needs one).
     */
    static Map<String, String> base(IntegrationRequest request, ApiStage api) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("User-Agent", "AmazonAPIGateway_" + api.apiId());
        headers.put("X-Amzn-Trace-Id", traceId(request.requestTimeEpoch()));
        headers.put("x-amzn-apigateway-api-id", api.apiId());
        return headers;
    }

    /**
     * {@link #base} plus, on {@code $connect}, the client's WebSocket and forwarding headers (as an execution log
     * shows them; which others API Gateway passes is unconfirmed: none here, nor the URL's query string; map them).
     */
    static Map<String, String> proxy(IntegrationRequest request, ApiStage api) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (request.eventType() == IntegrationRequest.EventType.CONNECT) {
            for (String name : PROXIED_HANDSHAKE_HEADERS) {
                String value = request.header(name);
                if (value != null) {
                    headers.put(name, value);
                }
            }
        }
        headers.putAll(base(request, api));
        return headers;
    }

    /** An X-Ray trace header: {@code Root=1-<epoch seconds, hex>-<96 random bits, hex>}. */
    private static String traceId(long epochMillis) {
        byte[] random = new byte[12];
        RANDOM.nextBytes(random);
        return "Root=1-" + String.format("%08x", epochMillis / 1000) + "-" + HexFormat.of().formatHex(random);
    }
}
