package com.example.wsapi.local.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.wsapi.local.gateway.integration.FunctionError;
import com.example.wsapi.local.gateway.integration.InvokeThrottled;
import com.example.wsapi.local.template.IntegrationResponse;
import com.example.wsapi.local.template.IntegrationSpec;
import com.example.wsapi.local.template.RequestTemplates;
import com.example.wsapi.local.template.RequestTemplates.PassthroughBehavior;
import com.example.wsapi.local.testing.JdkClient;
import com.google.gson.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * AWS integrations calling a function non-proxy, with the functions faked in-process (the real runtime's path is
 * {@code AwsLambdaIntegrationIT}): the rendered template is the event, errorMessage selects the response.
 */
class GatewayAwsIntegrationTest extends GatewayTestBase {

    private static final RequestTemplates EVENT = new RequestTemplates(Map.of("$default",
            "{\"connection\":\"$context.connectionId\",\"data\":$input.json('$.data')}"), null,
            PassthroughBehavior.WHEN_NO_MATCH);
    private static final IntegrationResponse NOT_FOUND = new IntegrationResponse("NotFound", "/Not found: .*/",
            Map.of("$default", "{\"error\":\"$input.path('$.errorMessage')\"}"), null);
    private static final IntegrationResponse RESULT = new IntegrationResponse("Result", "$default",
            Map.of("$default", "result=$input.json('$.value')"), null);

    private static IntegrationSpec.Aws aws(String function, IntegrationResponse... responses) {
        return new IntegrationSpec.Aws("Legacy", function, EVENT, 29_000, List.of(responses));
    }

    /** The function answers {"value": data}, or fails with the error the data names. */
    private void scriptLegacy() {
        functions.on("legacyFn", event -> {
            String data = event.get("data").getAsString();
            if (data.startsWith("fail:")) {
                return CompletableFuture.failedFuture(FunctionError.of("java.lang.IllegalStateException",
                        data.substring("fail:".length())));
            }
            return CompletableFuture.completedFuture("{\"value\":\"" + data + "\"}");
        });
    }

    @Test
    void theRenderedRequestTemplate_isTheFunctionsEvent() {
        start(settings(new RouteBinding("$default", aws("legacyFn", RESULT), false, null)));
        JdkClient client = connect();

        client.send("{\"data\":\"hello\"}");

        JsonObject event = functions.awaitCall("legacyFn", 1).event();
        assertEquals("hello", event.get("data").getAsString());
        assertTrue(ID.matcher(event.get("connection").getAsString()).matches());
        assertEquals(2, event.size(), "the event is the template's output, not API Gateway's proxy event");
    }

    @Test
    void twoWay_success_rendersTheDefaultResponse_andErrorMessage_selectsTheMatchingOne() {
        scriptLegacy();
        start(settings(new RouteBinding("$default", aws("legacyFn", NOT_FOUND, RESULT), true, null)));
        JdkClient client = connect();

        client.send("{\"data\":\"hello\"}");
        assertEquals("result=\"hello\"", client.nextMessage());
        client.send("{\"data\":\"fail:Not found: room 7\"}");
        assertEquals("{\"error\":\"Not found: room 7\"}", client.nextMessage());
        client.send("{\"data\":\"fail:Database down\"}");
        assertEquals("result=\"\"", client.nextMessage(), "an error no /regex/ matches takes $default");
    }

    @Test
    void twoWay_errorThatNoResponseTakes_getsTheInternalServerErrorFrame() {
        scriptLegacy();
        start(settings(new RouteBinding("$default", aws("legacyFn", NOT_FOUND), true, null)));
        JdkClient client = connect();

        client.send("{\"data\":\"fail:Database down\"}");

        assertTrue(client.nextMessage().startsWith("{\"message\": \"Internal server error\""));
    }

    @Test
    void twoWay_throttledInvoke_isAnIntegrationFailure_thatNoIntegrationResponseTakes() {
        // The runtime's throttle, as LocalApi's invoker hands it over (faked: no function process is needed).
        functions.on("legacyFn", event -> CompletableFuture.failedFuture(new InvokeThrottled("legacyFn throttled",
                "ReservedConcurrentExecutions 1 reached", "raise it", null)));
        start(settings(new RouteBinding("$default", aws("legacyFn", NOT_FOUND, RESULT), true, null)));
        JdkClient client = connect();

        client.send("{\"data\":\"hello\"}");

        assertTrue(client.nextMessage().startsWith("{\"message\": \"Internal server error\""),
                "not RESULT's $default rendering: a throttle is no function error");
    }

    @Test
    void oneWay_functionError_getsTheInternalServerErrorFrame_asWithAProxyIntegration() {
        scriptLegacy();
        start(settings(new RouteBinding("$default", aws("legacyFn", NOT_FOUND, RESULT), false, null)));
        JdkClient client = connect();

        client.send("{\"data\":\"fail:Not found: x\"}");

        assertTrue(client.nextMessage().startsWith("{\"message\": \"Internal server error\""));
    }

    @Test
    void connect_functionError_refusesTheHandshakeWith502() {
        functions.on("connectFn", event -> CompletableFuture.failedFuture(FunctionError.of("Error", "no")));
        start(settings(new RouteBinding("$connect", new IntegrationSpec.Aws("Connect", "connectFn",
                RequestTemplates.NONE, 29_000, List.of()), false, null)));

        assertEquals(502, JdkClient.refusedStatus(ws()));
        assertEquals("{}", functions.awaitCall("connectFn", 1).event().toString(),
                "no template and no body: the function gets an empty object");
    }
}
