package com.example.wsapi.echo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.example.wsapi.common.AppConfig;
import com.example.wsapi.common.Json;
import com.example.wsapi.common.posting.PostFailedException;
import com.example.wsapi.common.testing.LambdaEvents;
import com.example.wsapi.common.testing.RecordingContext;
import com.example.wsapi.common.testing.RecordingEndpoint;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiClient;

/** echo fed by events/echo.json, posting to a real local HTTP endpoint that records requests. */
class EchoHandlerTest {

    @AutoClose
    private final RecordingEndpoint endpoint = RecordingEndpoint.start();
    private final List<URI> endpointsUsed = new ArrayList<>();
    private final List<ApiGatewayManagementApiClient> clients = new ArrayList<>();

    @AfterEach
    void closeClients() {
        clients.forEach(ApiGatewayManagementApiClient::close);
    }

    /** Every endpoint the handler asks for is served by the recording endpoint (its path kept). */
    private EchoHandler handler(Map<String, String> env) {
        return new EchoHandler(AppConfig.from(env), uri -> {
            endpointsUsed.add(uri);
            ApiGatewayManagementApiClient client = RecordingEndpoint.clientFor(
                    URI.create(endpoint.stageUrl("").toString().replaceAll("/$", "") + uri.getPath()));
            clients.add(client);
            return client;
        });
    }

    private EchoHandler configuredHandler() {
        return handler(Map.of(AppConfig.CONNECTIONS_ENDPOINT, endpoint.stageUrl("dev").toString()));
    }

    private static APIGatewayV2WebSocketEvent event() {
        return LambdaEvents.load("echo.json", APIGatewayV2WebSocketEvent.class);
    }

    @Test
    void echo_postsDataBackToTheSender() {
        APIGatewayV2WebSocketEvent event = event();
        String data = Json.parseObject(event.getBody()).orElseThrow().get("data").getAsString();
        RecordingContext context = new RecordingContext();

        assertEquals(200, configuredHandler().handleRequest(event, context).getStatusCode());

        RecordingEndpoint.Request request = endpoint.requests().get(0);
        assertEquals(event.getRequestContext().getConnectionId(), request.connectionId());
        assertEquals("/dev/@connections/" + event.getRequestContext().getConnectionId().replace("=", "%3D"),
                request.path());
        assertEquals(data, request.body());
        assertFalse(context.log().contains(data), "message bodies stay out of logs");
        assertFalse(context.rawMessages().isEmpty());
        assertTrue(context.rawMessages().stream().allMatch(message -> message.endsWith("\n")),
                "each line ends itself: on plain stdout the runtime adds no newline " + context.rawMessages());
    }

    @Test
    void echo_usesTheConfiguredEndpointBeforeTheEventsDomain() {
        configuredHandler().handleRequest(event(), new RecordingContext());
        assertEquals(List.of(endpoint.stageUrl("dev")), endpointsUsed);
    }

    @Test
    void echo_withoutConfiguredEndpoint_derivesItFromDomainAndStage() {
        APIGatewayV2WebSocketEvent event = event();
        handler(Map.of()).handleRequest(event, new RecordingContext());
        String domain = event.getRequestContext().getDomainName();
        String stage = event.getRequestContext().getStage();
        assertEquals(List.of(URI.create("https://" + domain + "/" + stage)), endpointsUsed);
        assertEquals("/" + stage + "/@connections/" + event.getRequestContext().getConnectionId().replace("=", "%3D"),
                endpoint.requests().get(0).path());
    }

    @Test
    void echo_whenSenderGone_answers410AndDoesNotRetry() {
        APIGatewayV2WebSocketEvent event = event();
        endpoint.markGone(event.getRequestContext().getConnectionId());
        RecordingContext context = new RecordingContext();

        assertEquals(410, configuredHandler().handleRequest(event, context).getStatusCode());

        assertEquals(1, endpoint.requests().size());
        assertTrue(context.log().contains("gone"), context.log());
    }

    @Test
    void echo_whenPostFails_throwsSoTheClientGetsAnError() {
        APIGatewayV2WebSocketEvent event = event();
        endpoint.answer(event.getRequestContext().getConnectionId(), 403);
        assertThrows(PostFailedException.class, () -> configuredHandler().handleRequest(event, new RecordingContext()));
    }

    @Test
    void echo_withNullBody_repliesWithAnError() {
        APIGatewayV2WebSocketEvent event = event();
        event.setBody(null);
        assertEquals(200, configuredHandler().handleRequest(event, new RecordingContext()).getStatusCode());
        assertEquals("error", Json.parseObject(endpoint.requests().get(0).body()).orElseThrow()
                .get("type").getAsString());
    }

    @Test
    void echo_withoutRequestContext_answers400AndPostsNothing() {
        APIGatewayV2WebSocketEvent event = event();
        event.setRequestContext(null);
        assertEquals(400, configuredHandler().handleRequest(event, new RecordingContext()).getStatusCode());
        assertTrue(endpoint.requests().isEmpty());
    }
}
