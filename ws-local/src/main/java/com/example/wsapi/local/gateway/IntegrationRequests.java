package com.example.wsapi.local.gateway;

import com.example.wsapi.local.gateway.integration.IntegrationRequest;
import com.example.wsapi.local.gateway.integration.IntegrationRequest.EventType;
import com.google.gson.JsonElement;
import io.netty.channel.EventLoop;

import java.util.LinkedHashMap;
import java.util.Map;

/** The {@link IntegrationRequest}s of a connection's events: CONNECT, MESSAGE and DISCONNECT. */
final class IntegrationRequests {

    private IntegrationRequests() {}

    static IntegrationRequest connect(GatewayCore core, ConnectionInfo info, HandshakeRequest handshake,
                                      EventLoop loop) {
        String requestId = Ids.newId();
        long now = core.clock.millis();
        return new IntegrationRequest(EventType.CONNECT, "$connect", info.connectionId(), info.connectedAt(),
                info.sourceIp(), info.userAgent(), authorizer(info), handshake.headers(),
                handshake.query() == null ? Map.of() : handshake.query(), null, null, requestId, Ids.requestTime(now),
                now, false, () -> core.events.connect(info, handshake, requestId, now).toString(), loop);
    }

    static IntegrationRequest message(GatewayCore core, ConnectionInfo info, RouteBinding route, String body,
                                      String requestId, long now, EventLoop loop) {
        String messageId = Ids.newId();
        return new IntegrationRequest(EventType.MESSAGE, route.routeKey(), info.connectionId(), info.connectedAt(),
                info.sourceIp(), info.userAgent(), authorizer(info), Map.of(), Map.of(), body, messageId, requestId,
                Ids.requestTime(now), now, route.twoWay(),
                () -> core.events.message(info, route.routeKey(), body, messageId, requestId, now).toString(), loop);
    }

    static IntegrationRequest disconnect(GatewayCore core, ConnectionInfo info, int statusCode, String reason,
                                         EventLoop loop) {
        String requestId = Ids.newId();
        long now = core.clock.millis();
        return new IntegrationRequest(EventType.DISCONNECT, "$disconnect", info.connectionId(), info.connectedAt(),
                info.sourceIp(), info.userAgent(), authorizer(info), Map.of(), Map.of(), null, null, requestId,
                Ids.requestTime(now), now, false,
                () -> core.events.disconnect(info, statusCode, reason, requestId, now).toString(), loop);
    }

    /** The authorizer's principalId and context with every value as text, as {@code $context.authorizer} has them. */
    private static Map<String, String> authorizer(ConnectionInfo info) {
        if (info.authorizer() == null) {
            return Map.of();
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (Map.Entry<String, JsonElement> entry : info.authorizer().entrySet()) {
            JsonElement value = entry.getValue();
            values.put(entry.getKey(), value.isJsonPrimitive() ? value.getAsString() : value.toString());
        }
        return values;
    }
}
