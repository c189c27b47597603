package com.example.wsapi.local.gateway;

import com.example.wsapi.local.testing.JdkClient;

import com.google.gson.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GatewayAuthorizerTest extends GatewayTestBase {

    private static final RouteBinding AUTHORIZED_CONNECT = new RouteBinding("$connect", "connectFn", false,
            new RouteBinding.AuthorizerBinding("authFn",
                    List.of("route.request.header.Auth", "route.request.querystring.token")));

    private static String policy(String effect, String resource) {
        return "{\"principalId\":\"user-42\",\"policyDocument\":{\"Version\":\"2012-10-17\",\"Statement\":[{"
                + "\"Action\":\"execute-api:Invoke\",\"Effect\":\"" + effect + "\",\"Resource\":\"" + resource + "\"}]},"
                + "\"context\":{\"role\":\"admin\",\"level\":3,\"beta\":true}}";
    }

    @Test
    void missingHeaderIdentitySource_gives401_withoutCallingTheAuthorizer() {
        start(settings(AUTHORIZED_CONNECT, DEFAULT));

        assertEquals(401, JdkClient.refusedStatus(ws("/dev?token=t")));

        assertTrue(functions.callsTo("authFn").isEmpty());
        assertTrue(functions.callsTo("connectFn").isEmpty());
    }

    @Test
    void missingQueryStringIdentitySource_gives401_withoutCallingTheAuthorizer() {
        start(settings(AUTHORIZED_CONNECT, DEFAULT));

        assertEquals(401, JdkClient.refusedStatus(ws(), builder -> builder.header("Auth", "secret")));

        assertTrue(functions.callsTo("authFn").isEmpty());
    }

    @Test
    void authorizerThrowingUnauthorized_gives401() {
        functions.failWith("authFn", "Unauthorized");
        start(settings(AUTHORIZED_CONNECT, DEFAULT));

        assertEquals(401, JdkClient.refusedStatus(ws("/dev?token=t"), builder -> builder.header("Auth", "secret")));

        assertEquals(1, functions.callsTo("authFn").size());
        assertTrue(functions.callsTo("connectFn").isEmpty());
    }

    @Test
    void authorizerFailingAsLambdaErrorJson_withUnauthorized_gives401() {
        functions.failWith("authFn", "{\"errorMessage\":\"Unauthorized\",\"errorType\":\"java.lang.RuntimeException\"}");
        start(settings(AUTHORIZED_CONNECT, DEFAULT));

        assertEquals(401, JdkClient.refusedStatus(ws("/dev?token=t"), builder -> builder.header("Auth", "secret")));
    }

    @Test
    void denyPolicy_gives403() {
        functions.on("authFn", event -> CompletableFuture.completedFuture(
                policy("Deny", event.get("methodArn").getAsString())));
        start(settings(AUTHORIZED_CONNECT, DEFAULT));

        assertEquals(403, JdkClient.refusedStatus(ws("/dev?token=t"), builder -> builder.header("Auth", "secret")));
        assertTrue(functions.callsTo("connectFn").isEmpty());
    }

    @Test
    void allowPolicyForAnotherResource_gives403() {
        functions.answer("authFn", policy("Allow", "arn:aws:execute-api:eu-west-1:123456789012:otherapi/dev/$connect"));
        start(settings(AUTHORIZED_CONNECT, DEFAULT));

        assertEquals(403, JdkClient.refusedStatus(ws("/dev?token=t"), builder -> builder.header("Auth", "secret")));
    }

    @Test
    void malformedAnswer_gives500() {
        functions.answer("authFn", "{\"principalId\":\"user-42\"}");
        start(settings(AUTHORIZED_CONNECT, DEFAULT));

        assertEquals(500, JdkClient.refusedStatus(ws("/dev?token=t"), builder -> builder.header("Auth", "secret")));
        assertTrue(functions.callsTo("connectFn").isEmpty());
    }

    @Test
    void allowPolicy_runsConnect_andEveryEventCarriesPrincipalAndContext() {
        functions.answer("authFn", policy("Allow", "arn:aws:execute-api:*:*:" + API_ID + "/*"));
        start(settings(AUTHORIZED_CONNECT, DISCONNECT, DEFAULT));

        JdkClient client = JdkClient.connect(ws("/dev?token=t"), builder -> builder.header("Auth", "secret"));
        client.send("hello");
        functions.awaitCall("defaultFn", 1);
        JdkClient.join(client.socket().sendClose(1000, "done"));

        JsonObject authorizerEvent = functions.awaitCall("authFn", 1).event();
        assertEquals("REQUEST", authorizerEvent.get("type").getAsString());
        assertEquals("arn:aws:execute-api:" + REGION + ":123456789012:" + API_ID + "/" + STAGE + "/$connect",
                authorizerEvent.get("methodArn").getAsString());
        assertEquals("secret", authorizerEvent.getAsJsonObject("headers").get("Auth").getAsString());
        assertEquals("t", authorizerEvent.getAsJsonObject("queryStringParameters").get("token").getAsString());
        assertEquals("$connect", authorizerEvent.getAsJsonObject("requestContext").get("routeKey").getAsString());
        List<JsonObject> contexts = List.of(functions.awaitCall("connectFn", 1).requestContext(),
                functions.awaitCall("defaultFn", 1).requestContext(),
                functions.awaitCall("disconnectFn", 1).requestContext());
        for (JsonObject context : contexts) {
            JsonObject authorizer = context.getAsJsonObject("authorizer");
            assertEquals("user-42", authorizer.get("principalId").getAsString(), context.toString());
            assertEquals("admin", authorizer.get("role").getAsString());
            assertEquals(3, authorizer.get("level").getAsInt());
            assertTrue(authorizer.get("beta").getAsBoolean());
        }
    }

    @Test
    void connectWithoutAuthorizer_hasNoAuthorizerInEvents() {
        start(settings(CONNECT, DEFAULT));

        connect().send("hello");

        assertFalse(functions.awaitCall("connectFn", 1).requestContext().has("authorizer"));
        assertFalse(functions.awaitCall("defaultFn", 1).requestContext().has("authorizer"));
    }
}
