package com.example.wsapi.common;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;

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
 */
public record WebSocketRequest(String routeKey, String connectionId, long connectedAt, long requestTimeEpoch,
                               String domainName, String stage, String sourceIp, String userAgent, String body) {

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
                event.getBody());
    }

    /** A well-formed request for SnapStart priming: it never reaches AWS (see Priming). */
    public static WebSocketRequest forPriming(String routeKey, String body) {
        long now = System.currentTimeMillis();
        return new WebSocketRequest(routeKey, "primingPriming0=", now, now, "priming.invalid", "priming",
                "127.0.0.1", "priming", body);
    }
}
