package com.example.wsapi.local.gateway;

import com.google.gson.JsonObject;

/**
 * What every event of one connection repeats.
 *
 * @param connectionId the connection's id
 * @param connectedAt  epoch milliseconds of the handshake
 * @param sourceIp     the client's address
 * @param userAgent    the client's User-Agent, or null when it sent none
 * @param authorizer   {@code requestContext.authorizer} (principalId and context) when a Lambda authorizer
 *                     accepted the connection, else null; never modified
 */
record ConnectionInfo(String connectionId, long connectedAt, String sourceIp, String userAgent, JsonObject authorizer) {

    ConnectionInfo withAuthorizer(JsonObject authorizerContext) {
        return new ConnectionInfo(connectionId, connectedAt, sourceIp, userAgent, authorizerContext);
    }
}
