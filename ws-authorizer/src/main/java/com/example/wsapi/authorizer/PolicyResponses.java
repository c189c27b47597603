package com.example.wsapi.authorizer;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

/**
 * A REQUEST authorizer's answers: an IAM policy allowing or denying {@code execute-api:Invoke} on the handshake's
 * methodArn, with the principal and, when allowed, the context API Gateway hands every later event of the connection
 * as {@code requestContext.authorizer}.
 */
final class PolicyResponses {

    /** The context key of the display name (ws-common's SignedInUser reads it). */
    static final String NAME = "name";

    private static final Gson GSON = new Gson();

    private PolicyResponses() {}

    static String allow(String principalId, String methodArn, String name) {
        JsonObject response = policy(principalId, "Allow", methodArn);
        JsonObject context = new JsonObject();
        context.addProperty(NAME, name);
        response.add("context", context);
        return GSON.toJson(response);
    }

    /** A Deny policy: API Gateway refuses the handshake with 403. */
    static String deny(String principalId, String methodArn) {
        return GSON.toJson(policy(principalId, "Deny", methodArn));
    }

    private static JsonObject policy(String principalId, String effect, String methodArn) {
        JsonObject statement = new JsonObject();
        statement.addProperty("Action", "execute-api:Invoke");
        statement.addProperty("Effect", effect);
        statement.addProperty("Resource", methodArn);
        JsonArray statements = new JsonArray();
        statements.add(statement);
        JsonObject document = new JsonObject();
        document.addProperty("Version", "2012-10-17");
        document.add("Statement", statements);
        JsonObject response = new JsonObject();
        response.addProperty("principalId", principalId);
        response.add("policyDocument", document);
        return response;
    }
}
