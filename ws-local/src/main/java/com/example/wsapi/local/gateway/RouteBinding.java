package com.example.wsapi.local.gateway;

import com.example.wsapi.local.template.IntegrationSpec;

import java.util.List;

/**
 * A route as the gateway serves it.
 *
 * @param routeKey    {@code $connect}, {@code $disconnect}, {@code $default} or a custom key
 * @param integration what the route calls, as the template declares it
 * @param twoWay      whether the integration's answer is sent back to the client (a {@code $default} route response)
 * @param authorizer  a Lambda REQUEST authorizer (only on {@code $connect}), or null
 */
public record RouteBinding(String routeKey, IntegrationSpec integration, boolean twoWay, AuthorizerBinding authorizer) {

    /** A route to a function through a Lambda proxy integration with API Gateway's timeout. */
    public RouteBinding(String routeKey, String functionName, boolean twoWay, AuthorizerBinding authorizer) {
        this(routeKey, new IntegrationSpec.AwsProxy(routeKey + " integration", functionName,
                IntegrationSpec.DEFAULT_TIMEOUT_MILLIS), twoWay, authorizer);
    }

    /** @param identitySources e.g. {@code route.request.header.Auth}, {@code route.request.querystring.token} */
    public record AuthorizerBinding(String functionName, List<String> identitySources) {}
}
