package com.example.wsapi.local.gateway;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.wsapi.local.template.IntegrationResponse;
import com.example.wsapi.local.template.IntegrationSpec;
import com.example.wsapi.local.template.RequestParameter;
import com.example.wsapi.local.template.RequestTemplates;
import com.example.wsapi.local.template.RequestTemplates.PassthroughBehavior;
import com.example.wsapi.local.testing.JdkClient;
import com.example.wsapi.local.testing.TestBackend;
import com.google.gson.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * HTTP integrations against a real HTTP server: request templates rendered by the real VTL engine and picked by the
 * selection expression, passthrough behaviours, integration responses selected by status, two-way replies.
 */
class GatewayHttpIntegrationTest extends GatewayTestBase {

    @AutoClose
    final TestBackend backend = TestBackend.start();

    private IntegrationSpec.Http http(String path, RequestTemplates templates, List<IntegrationResponse> responses,
                                      RequestParameter... parameters) {
        return new IntegrationSpec.Http("Http" + path.replace("/", ""), "POST", backend.url(path),
                List.of(parameters), templates, 29_000, responses);
    }

    private static RequestTemplates templates(String selection, PassthroughBehavior passthrough, String... keysAndTemplates) {
        Map<String, String> templates = new LinkedHashMap<>();
        for (int i = 0; i < keysAndTemplates.length; i += 2) {
            templates.put(keysAndTemplates[i], keysAndTemplates[i + 1]);
        }
        return new RequestTemplates(templates, selection, passthrough);
    }

    private static final IntegrationResponse PASS = new IntegrationResponse("Pass", "$default", Map.of(), null);

    @Test
    void connect_sendsTheRenderedTemplate_withTheConnectionIdAndHandshakeParameters_andAcceptsOn2xx() {
        RequestTemplates connectTemplate = templates(null, PassthroughBehavior.WHEN_NO_MATCH, "$default",
                "{\"connection_id\":\"$context.connectionId\",\"event\":\"$context.eventType\","
                        + "\"token\":\"$input.params('token')\",\"stage\":\"$stageVariables.env\"}");
        start(settings(new RouteBinding("$connect", http("/connect", connectTemplate, List.of()), false, null))
                .withStageVariables(Map.of("env", "local")));

        JdkClient.connect(ws("/dev?token=abc"));

        JsonObject sent = json(backend.awaitRequest("/connect", 1).bodyText());
        assertTrue(ID.matcher(sent.get("connection_id").getAsString()).matches(), sent.toString());
        assertEquals("CONNECT", sent.get("event").getAsString());
        assertEquals("abc", sent.get("token").getAsString());
        assertEquals("local", sent.get("stage").getAsString());
    }

    @Test
    void connect_whenTheBackendAnswersNon2xx_isRefusedWithThatStatus() {
        backend.answer("/connect", 403, "{\"message\":\"no\"}");
        start(settings(new RouteBinding("$connect", http("/connect", RequestTemplates.NONE, List.of()), false, null)));

        assertEquals(403, JdkClient.refusedStatus(ws()));
    }

    @Test
    void message_picksTheTemplateTheSelectionExpressionNames_elseTheDefaultOne() {
        RequestTemplates byType = templates("${request.body.type}", PassthroughBehavior.WHEN_NO_MATCH,
                "chat", "{\"chat\":$input.json('$.text'),\"from\":\"$context.connectionId\"}",
                "$default", "{\"other\":\"$util.escapeJavaScript($input.body)\",\"route\":\"$context.routeKey\"}");
        start(settings(new RouteBinding("$default", http("/events", byType, List.of()), false, null)));
        JdkClient client = connect();

        client.send("{\"type\":\"chat\",\"text\":\"hi \\\"you\\\"\"}");
        JsonObject chat = json(backend.awaitRequest("/events", 1).bodyText());
        client.send("{\"type\":\"unknown\"}");
        JsonObject unknown = json(backend.awaitRequest("/events", 2).bodyText());
        client.send("plain \"text\"");
        JsonObject plain = json(backend.awaitRequest("/events", 3).bodyText());

        assertEquals("hi \"you\"", chat.get("chat").getAsString());
        assertTrue(ID.matcher(chat.get("from").getAsString()).matches());
        assertEquals("{\"type\":\"unknown\"}", unknown.get("other").getAsString());
        assertEquals("$default", unknown.get("route").getAsString());
        assertEquals("plain \"text\"", plain.get("other").getAsString(), "a frame that is not JSON selects $default");
    }

    @Test
    void message_staticSelectionKey_picksThatTemplate() {
        RequestTemplates fixed = templates("application/json", PassthroughBehavior.NEVER,
                "application/json", "{\"fixed\":true}");
        start(settings(new RouteBinding("$default", http("/events", fixed, List.of()), false, null)));

        connect().send("anything");

        assertEquals("{\"fixed\":true}", backend.awaitRequest("/events", 1).bodyText());
    }

    @Test
    void passthrough_whenNoMatch_sendsTheFrameByteForByte() {
        RequestTemplates onlyChat = templates("${request.body.type}", PassthroughBehavior.WHEN_NO_MATCH,
                "chat", "{\"chat\":true}");
        start(settings(new RouteBinding("$default", http("/events", onlyChat, List.of()), false, null)));
        String frame = "{ \"type\" : \"other\", \"é\": 1 }";

        connect().send(frame);

        assertArrayEquals(frame.getBytes(StandardCharsets.UTF_8), backend.awaitRequest("/events", 1).body());
    }

    @Test
    void passthrough_neverOrWhenNoTemplatesWithTemplates_failsTheIntegration_withoutCallingTheBackend() {
        start(settings(
                new RouteBinding("never", http("/never", templates("${request.body.type}", PassthroughBehavior.NEVER,
                        "chat", "{}"), List.of()), false, null),
                new RouteBinding("notemplates", http("/notemplates", templates("${request.body.type}",
                        PassthroughBehavior.WHEN_NO_TEMPLATES, "chat", "{}"), List.of()), false, null),
                new RouteBinding("empty", http("/empty", templates(null, PassthroughBehavior.WHEN_NO_TEMPLATES),
                        List.of()), false, null)));
        JdkClient client = connect();

        client.send("{\"action\":\"never\"}");
        String never = client.nextMessage();
        client.send("{\"action\":\"notemplates\"}");
        String noTemplates = client.nextMessage();
        client.send("{\"action\":\"empty\"}");

        assertTrue(never.startsWith("{\"message\": \"Internal server error\""), never);
        assertTrue(noTemplates.startsWith("{\"message\": \"Internal server error\""), noTemplates);
        assertEquals("{\"action\":\"empty\"}", backend.awaitRequest("/empty", 1).bodyText(),
                "WHEN_NO_TEMPLATES passes the body when there are no templates at all");
        assertTrue(backend.requests("/never").isEmpty() && backend.requests("/notemplates").isEmpty());
    }

    @Test
    void twoWay_theIntegrationResponseSelectedByStatus_rendersTheReply_withItsTemplateSelection() {
        backend.on("/reply", request -> TestBackend.Answer.of(Integer.parseInt(request.bodyText()),
                "{\"message\":\"status " + request.bodyText() + "\"}"));
        IntegrationResponse clientErrors = new IntegrationResponse("ClientErrors", "/4\\d\\d/",
                Map.of("$default", "error $context.status: $input.path('$.message')"), null);
        IntegrationResponse others = new IntegrationResponse("Others", "$default",
                Map.of("200", "ok: $input.json('$.message')", "$default", "other: $input.body"),
                "${integration.response.statuscode}");
        start(settings(new RouteBinding("$default", http("/reply", RequestTemplates.NONE,
                List.of(clientErrors, others)), true, null)));
        JdkClient client = connect();

        client.send("200");
        assertEquals("ok: \"status 200\"", client.nextMessage());
        client.send("201");
        assertEquals("other: {\"message\":\"status 201\"}", client.nextMessage(), "no 201 template: $default");
        client.send("404");
        assertEquals("error 404: status 404", client.nextMessage());
        client.send("503");
        assertEquals("other: {\"message\":\"status 503\"}", client.nextMessage(), "no /5xx/ key: $default");
    }

    @Test
    void twoWay_withAResponseWithoutTemplates_sendsTheBackendsBodyUnchanged() {
        backend.answer("/reply", 200, "  raw ✓ ");
        start(settings(new RouteBinding("$default", http("/reply", RequestTemplates.NONE, List.of(PASS)), true, null)));
        JdkClient client = connect();

        client.send("x");

        assertEquals("  raw ✓ ", client.nextMessage());
    }

    @Test
    void twoWay_whenNoIntegrationResponseTakesTheStatus_getsTheInternalServerErrorFrame() {
        backend.answer("/reply", 500, "boom");
        IntegrationResponse onlySuccess = new IntegrationResponse("Success", "/2\\d\\d/", Map.of(), null);
        start(settings(new RouteBinding("$default", http("/reply", RequestTemplates.NONE, List.of(onlySuccess)),
                true, null)));
        JdkClient client = connect();

        client.send("x");

        assertTrue(client.nextMessage().startsWith("{\"message\": \"Internal server error\""));
    }

    @Test
    void oneWay_sendsNothingBack_whateverTheStatus() {
        backend.answer("/events", 500, "never sent");
        start(settings(new RouteBinding("$default", http("/events", RequestTemplates.NONE, List.of(PASS)), false, null)));
        JdkClient client = connect();

        client.send("x");

        backend.awaitRequest("/events", 1);
        assertNull(client.pollMessage(300));
    }

    @Test
    void mappedParameters_reachTheBackendAsHeadersAndQuery_fromContextBodyStageAndLiterals() {
        start(settings(new RouteBinding("$default", http("/events", RequestTemplates.NONE, List.of(),
                new RequestParameter(RequestParameter.Target.HEADER, "connectionId", "context.connectionId"),
                new RequestParameter(RequestParameter.Target.HEADER, "Content-Type", "'application/json'"),
                new RequestParameter(RequestParameter.Target.QUERYSTRING, "room", "route.request.body.room.name"),
                new RequestParameter(RequestParameter.Target.QUERYSTRING, "env", "stageVariables.env"),
                new RequestParameter(RequestParameter.Target.HEADER, "X-Missing", "route.request.body.nope")),
                false, null)).withStageVariables(Map.of("env", "local dev")));

        connect().send("{\"room\":{\"name\":\"lobby & co\"}}");

        TestBackend.Request request = backend.awaitRequest("/events", 1);
        assertTrue(ID.matcher(request.header("connectionId")).matches());
        assertEquals("application/json", request.header("Content-Type"));
        assertEquals("room=lobby%20%26%20co&env=local%20dev", request.query());
        assertNull(request.header("X-Missing"), "a path not in the frame maps nothing");
    }
}
