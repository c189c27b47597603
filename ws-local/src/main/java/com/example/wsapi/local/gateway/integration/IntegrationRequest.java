package com.example.wsapi.local.gateway.integration;

import io.netty.channel.EventLoop;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * One event of a connection, as an integration needs it: what happened, on which connection, and the request's data.
 *
 * @param eventType        CONNECT, MESSAGE or DISCONNECT
 * @param routeKey         the route that was selected ({@code $default} when it was the fallback)
 * @param connectionId     the connection's id
 * @param connectedAt      epoch milliseconds of the handshake
 * @param sourceIp         the client's address
 * @param userAgent        the client's User-Agent, or null
 * @param authorizer       {@code principalId} and the authorizer's context, values as text; empty without authorizer
 * @param headers          the handshake's headers as the CONNECT event shows them (only CONNECT has any)
 * @param query            the handshake's query parameters (only CONNECT has any)
 * @param body             the text frame as received (only MESSAGE has one), else null
 * @param messageId        only on MESSAGE, else null
 * @param requestId        the request's id
 * @param requestTime      {@code dd/MMM/yyyy:HH:mm:ss +0000}
 * @param requestTimeEpoch epoch milliseconds
 * @param twoWay           whether the route sends the integration's answer back (a MESSAGE of a two-way route)
 * @param lambdaProxyEvent the Lambda proxy event of this request, built when an {@code AWS_PROXY} integration asks
 * @param loop             the connection's event loop: the integration's answer completes on it
 */
public record IntegrationRequest(EventType eventType, String routeKey, String connectionId, long connectedAt,
                                 String sourceIp, String userAgent, Map<String, String> authorizer,
                                 Map<String, List<String>> headers, Map<String, List<String>> query, String body,
                                 String messageId, String requestId, String requestTime, long requestTimeEpoch,
                                 boolean twoWay, Supplier<String> lambdaProxyEvent, EventLoop loop) {

    /** What happened on the connection. */
    public enum EventType { CONNECT, MESSAGE, DISCONNECT }

    /** The last value of a handshake header, matched without regard to case, or null. */
    public String header(String name) {
        for (Map.Entry<String, List<String>> entry : headers.entrySet()) {
            if (entry.getKey().equalsIgnoreCase(name) && !entry.getValue().isEmpty()) {
                return entry.getValue().get(entry.getValue().size() - 1);
            }
        }
        return null;
    }

    /** The last value of a handshake query parameter, or null. */
    public String queryParameter(String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? null : values.get(values.size() - 1);
    }
}
