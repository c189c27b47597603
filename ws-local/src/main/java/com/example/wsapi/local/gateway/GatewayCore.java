package com.example.wsapi.local.gateway;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** What every channel of one gateway shares. */
final class GatewayCore {

    final GatewaySettings settings;
    final FunctionInvoker invoker;
    final Clock clock;
    final Events events;
    final RouteSelector routeSelector;
    final NewConnectionRateLimiter rateLimiter;
    /** Open connections by id: what {@code @connections} can reach (not during $connect, not once closing). */
    final ConcurrentMap<String, WebSocketConnection> openConnections = new ConcurrentHashMap<>();
    /** Connections whose $disconnect has not finished yet, open or not. */
    final Set<WebSocketConnection> unfinishedConnections = ConcurrentHashMap.newKeySet();
    private final Map<String, RouteBinding> routes;
    volatile boolean closing;

    GatewayCore(GatewaySettings settings, FunctionInvoker invoker, Clock clock) {
        this.settings = settings;
        this.invoker = invoker;
        this.clock = clock;
        this.events = new Events(settings.stage(), settings.apiId(), settings.region());
        this.routeSelector = RouteSelector.parse(settings.routeSelectionExpression());
        this.rateLimiter = new NewConnectionRateLimiter(settings.maxNewConnectionsPerSecond(), clock);
        Map<String, RouteBinding> byKey = new LinkedHashMap<>();
        settings.routes().forEach(route -> byKey.put(route.routeKey(), route));
        this.routes = Map.copyOf(byKey);
    }

    /** The route with this key, or null. */
    RouteBinding route(String routeKey) {
        return routes.get(routeKey);
    }
}
