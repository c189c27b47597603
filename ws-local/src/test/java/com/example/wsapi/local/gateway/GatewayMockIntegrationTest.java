package com.example.wsapi.local.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.wsapi.local.template.IntegrationResponse;
import com.example.wsapi.local.template.IntegrationSpec;
import com.example.wsapi.local.template.RequestTemplates;
import com.example.wsapi.local.template.RequestTemplates.PassthroughBehavior;
import com.example.wsapi.local.testing.JdkClient;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** MOCK integrations: the request template's statusCode decides, the selected integration response replies. */
class GatewayMockIntegrationTest extends GatewayTestBase {

    private static IntegrationSpec.Mock mock(String requestTemplate, IntegrationResponse... responses) {
        RequestTemplates templates = requestTemplate == null ? RequestTemplates.NONE
                : new RequestTemplates(Map.of("$default", requestTemplate), null, PassthroughBehavior.WHEN_NO_MATCH);
        return new IntegrationSpec.Mock("Mock", templates, 29_000, List.of(responses));
    }

    @Test
    void twoWayRoute_statusFromTheRequestTemplateSelectsItsResponse_renderedExactlyAsWritten() {
        IntegrationResponse ok = new IntegrationResponse("Ok", "/200/",
                Map.of("$default", "{\"pong\": \"$input.body\"}\n  \t"), null);
        IntegrationResponse missing = new IntegrationResponse("Missing", "/404/",
                Map.of("$default", "  nothing for $context.routeKey  "), null);
        start(settings(new RouteBinding("ping", mock("""
                #if($input.path('$.found') == "no")
                {"statusCode": 404}
                #else
                {"statusCode": 200}
                #end""", ok, missing), true, null)));
        JdkClient client = connect();

        client.send("{\"action\":\"ping\"}");
        assertEquals("{\"pong\": \"{}\"}\n  \t", client.nextMessage(), "a MOCK answer's body is empty: {} to a template");
        client.send("{\"action\":\"ping\",\"found\":\"no\"}");
        assertEquals("  nothing for ping  ", client.nextMessage());
    }

    @Test
    void oneWayRoute_sendsNothing() {
        start(settings(new RouteBinding("ping", mock("{\"statusCode\": 200}",
                new IntegrationResponse("Ok", "$default", Map.of("$default", "never sent"), null)), false, null)));
        JdkClient client = connect();

        client.send("{\"action\":\"ping\"}");

        assertNull(client.pollMessage(300));
    }

    @Test
    void connect_isAcceptedOn2xx_andRefusedWithTheMockedStatus() {
        start(settings(new RouteBinding("$connect", mock("{\"statusCode\": $input.params('code')}"), false, null)));

        JdkClient.connect(ws("/dev?code=200"));
        assertEquals(401, JdkClient.refusedStatus(ws("/dev?code=401")));
        assertEquals(429, JdkClient.refusedStatus(ws("/dev?code=429")));
    }

    @Test
    void connect_withoutRequestTemplate_isAccepted() {
        start(settings(new RouteBinding("$connect", mock(null), false, null)));

        JdkClient.connect(ws());
    }

    @Test
    void twoWayRoute_whoseStatusNoResponseTakes_orAnInvalidStatus_getsTheInternalServerErrorFrame() {
        IntegrationResponse ok = new IntegrationResponse("Ok", "/200/", Map.of("$default", "fine"), null);
        start(settings(new RouteBinding("$default", mock("{\"statusCode\": $input.json('$.status')}", ok), true, null)));
        JdkClient client = connect();

        client.send("{\"status\":500}");
        String unmatched = client.nextMessage();
        client.send("{\"status\":42}");
        String invalid = client.nextMessage();
        client.send("{\"status\":200}");

        assertTrue(unmatched.startsWith("{\"message\": \"Internal server error\""), unmatched);
        assertTrue(invalid.startsWith("{\"message\": \"Internal server error\""), invalid);
        assertEquals("fine", client.nextMessage());
    }
}
