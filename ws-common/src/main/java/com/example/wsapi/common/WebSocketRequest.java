package com.example.wsapi.common;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The parts of an API Gateway WebSocket event the routes use.
 *
 * @param routeKey         the selected route
 * @param connectionId     the connection's id (always present)
 * @param connectedAt      epoch millis of the handshake
 * @param requestTimeEpoch epoch millis of this event
 * @param domainName       requestContext.domainName
 * @param stage            requestContext.stage
 * @param sourceIp         identity.sourceIp, or null
 * @param userAgent        identity.userAgent, or null when the client sent none
 * @param body             the message text (MESSAGE events), or null
 * @param subprotocols     the subprotocols the client offers in {@code Sec-WebSocket-Protocol} (CONNECT events), in
 *                         its order; empty when none
 * @param user             who the connection signed in as ({@code requestContext.authorizer}), or null when sign-in
 *                         is off
 */
public record WebSocketRequest(String routeKey, String connectionId, long connectedAt, long requestTimeEpoch,
                               String domainName, String stage, String sourceIp, String userAgent, String body,
                               List<String> subprotocols, SignedInUser user) {

    public WebSocketRequest {
        subprotocols = List.copyOf(subprotocols);
    }

    /** A request of a connection that offered no subprotocol and did not sign in. */
    public WebSocketRequest(String routeKey, String connectionId, long connectedAt, long requestTimeEpoch,
                            String domainName, String stage, String sourceIp, String userAgent, String body) {
        this(routeKey, connectionId, connectedAt, requestTimeEpoch, domainName, stage, sourceIp, userAgent, body,
                List.of(), null);
    }

    /** Reads an event as Lambda hands it over; fails with a clear message where API Gateway's fields are missing. */
    public static WebSocketRequest from(APIGatewayV2WebSocketEvent event) {
        if (event == null) {
            throw new InvalidEventException("no event: expected an API Gateway WebSocket event");
        }
        APIGatewayV2WebSocketEvent.RequestContext context = event.getRequestContext();
        if (context == null) {
            throw new InvalidEventException("the event has no requestContext: expected an API Gateway WebSocket event");
        }
        String connectionId = context.getConnectionId();
        if (connectionId == null || connectionId.isBlank()) {
            throw new InvalidEventException("the event has no requestContext.connectionId");
        }
        APIGatewayV2WebSocketEvent.RequestIdentity identity = context.getIdentity();
        return new WebSocketRequest(
                context.getRouteKey(),
                connectionId,
                context.getConnectedAt(),
                context.getRequestTimeEpoch(),
                context.getDomainName(),
                context.getStage(),
                identity == null ? null : identity.getSourceIp(),
                identity == null ? null : identity.getUserAgent(),
                event.getBody(),
                subprotocols(event.getHeaders()),
                SignedInUser.from(context.getAuthorizer()));
    }

    /** {@code Sec-WebSocket-Protocol: chat, other} as [chat, other]; header names match without regard to case. */
    private static List<String> subprotocols(Map<String, String> headers) {
        if (headers != null) {
            for (Map.Entry<String, String> header : headers.entrySet()) {
                if ("Sec-WebSocket-Protocol".equalsIgnoreCase(header.getKey()) && header.getValue() != null) {
                    return Arrays.stream(header.getValue().split(",")).map(String::strip)
                            .filter(protocol -> !protocol.isEmpty()).toList();
                }
            }
        }
        return List.of();
    }

    /** A well-formed request for SnapStart priming: it never reaches AWS (see Priming). */
    public static WebSocketRequest forPriming(String routeKey, String body) {
        long now = System.currentTimeMillis();
        return new WebSocketRequest(routeKey, "primingPriming0=", now, now, "priming.invalid", "priming",
                "127.0.0.1", "priming", body);
    }
}
