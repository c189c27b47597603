package com.example.wsapi.local.template;

import java.util.List;

/**
 * An {@code AWS::ApiGatewayV2::Authorizer} of type REQUEST backed by a function of the template.
 *
 * @param logicalId         the authorizer's logical id
 * @param functionLogicalId the authorizer function
 * @param identitySources   e.g. {@code route.request.header.Auth}, {@code route.request.querystring.token}
 */
public record Authorizer(String logicalId, String functionLogicalId, List<String> identitySources) {
    public Authorizer {
        identitySources = List.copyOf(identitySources);
    }
}
