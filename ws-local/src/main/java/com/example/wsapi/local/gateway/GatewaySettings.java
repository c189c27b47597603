package com.example.wsapi.local.gateway;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Everything the gateway serves and the limits it enforces.
 *
 * @param host                     the address to bind
 * @param port                     the port to bind (0 picks a free one)
 * @param stage                    the stage: clients connect to {@code /<stage>}
 * @param apiId                    the API id that events carry
 * @param region                   the region in {@code domainName}
 * @param routeSelectionExpression e.g. {@code $request.body.action}
 * @param routes                   the routes
 * @param idleTimeout              closes a connection without traffic either way (API Gateway: 10 minutes)
 * @param maxLifetime              closes any connection after this long (API Gateway: 2 hours)
 * @param integrationTimeout       API Gateway's 29 s
 * @param maxFrameBytes            32 KB
 * @param maxMessageBytes          128 KB
 * @param maxNewConnectionsPerSecond the handshake rate past which 429 is returned
 * @param stageVariables           the stage's variables, for mapping templates and request parameters
 */
public record GatewaySettings(String host, int port, String stage, String apiId, String region,
                              String routeSelectionExpression, List<RouteBinding> routes, Duration idleTimeout,
                              Duration maxLifetime, Duration integrationTimeout, int maxFrameBytes,
                              int maxMessageBytes, int maxNewConnectionsPerSecond, Map<String, String> stageVariables) {

    /** Settings of a stage without stage variables. */
    public GatewaySettings(String host, int port, String stage, String apiId, String region,
                           String routeSelectionExpression, List<RouteBinding> routes, Duration idleTimeout,
                           Duration maxLifetime, Duration integrationTimeout, int maxFrameBytes, int maxMessageBytes,
                           int maxNewConnectionsPerSecond) {
        this(host, port, stage, apiId, region, routeSelectionExpression, routes, idleTimeout, maxLifetime,
                integrationTimeout, maxFrameBytes, maxMessageBytes, maxNewConnectionsPerSecond, Map.of());
    }

    /** These settings with the stage's variables. */
    public GatewaySettings withStageVariables(Map<String, String> variables) {
        return new GatewaySettings(host, port, stage, apiId, region, routeSelectionExpression, routes, idleTimeout,
                maxLifetime, integrationTimeout, maxFrameBytes, maxMessageBytes, maxNewConnectionsPerSecond,
                Map.copyOf(variables));
    }

    /** The API's host as AWS names it, and as events' {@code requestContext.domainName} say. */
    public static String domainName(String apiId, String region) {
        return apiId + ".execute-api." + region + ".amazonaws.com";
    }

    /** API Gateway's limits with the given binding and routes. */
    public static GatewaySettings withDefaults(String host, int port, String stage, String apiId, String region,
                                               String routeSelectionExpression, List<RouteBinding> routes) {
        return new GatewaySettings(host, port, stage, apiId, region, routeSelectionExpression, List.copyOf(routes),
                Duration.ofMinutes(10), Duration.ofHours(2), Duration.ofSeconds(29), 32 * 1024, 128 * 1024, 500);
    }
}
