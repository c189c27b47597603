package com.example.wsapi.local.gateway;

import java.util.List;

/**
 * A route as the gateway serves it.
 *
 * @param routeKey     {@code $connect}, {@code $disconnect}, {@code $default} or a custom key
 * @param functionName the function of its integration
 * @param twoWay       whether the function's response body is sent back to the client
 * @param authorizer   a Lambda REQUEST authorizer (only on {@code $connect}), or null
 */
public record RouteBinding(String routeKey, String functionName, boolean twoWay, AuthorizerBinding authorizer) {

    /** @param identitySources e.g. {@code route.request.header.Auth}, {@code route.request.querystring.token} */
    public record AuthorizerBinding(String functionName, List<String> identitySources) {}
}
