package com.example.wsapi.local.template;

import java.util.List;

/**
 * An {@code AWS::ApiGatewayV2::Authorizer} of type REQUEST backed by a function of the template.
 *
 * @param logicalId         the authorizer's logical id
 * @param functionLogicalId the authorizer function
 * @param functionQualifier the alias or version its AuthorizerUri invokes ({@code live}), null for the function
 *                          itself: API Gateway needs a permission on that one (ws-local runs the same code either way)
 * @param identitySources   e.g. {@code route.request.header.Auth}, {@code route.request.querystring.token}
 */
public record Authorizer(String logicalId, String functionLogicalId, String functionQualifier,
                         List<String> identitySources) {
    public Authorizer {
        identitySources = List.copyOf(identitySources);
    }

    /** An authorizer invoking the unqualified function. */
    public Authorizer(String logicalId, String functionLogicalId, List<String> identitySources) {
        this(logicalId, functionLogicalId, null, identitySources);
    }
}
