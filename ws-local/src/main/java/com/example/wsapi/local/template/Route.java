package com.example.wsapi.local.template;

/**
 * An {@code AWS::ApiGatewayV2::Route} joined with its integration.
 *
 * @param logicalId   the route's logical id
 * @param routeKey    {@code $connect}, {@code $disconnect}, {@code $default} or a custom key
 * @param integration what the route calls
 * @param twoWay      true when the route has {@code RouteResponseSelectionExpression} and a {@code $default}
 *                    RouteResponse: the integration's answer goes back to the client
 * @param authorizer  the Lambda REQUEST authorizer of a {@code $connect} route, or null
 */
public record Route(String logicalId, String routeKey, IntegrationSpec integration, boolean twoWay,
                    Authorizer authorizer) {}
