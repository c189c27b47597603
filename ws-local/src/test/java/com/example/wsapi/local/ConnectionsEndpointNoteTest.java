package com.example.wsapi.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.wsapi.local.template.IntegrationSpec;
import com.example.wsapi.local.template.LambdaFunction;
import com.example.wsapi.local.template.Route;
import com.example.wsapi.local.template.SamTemplate;
import com.example.wsapi.local.template.WebSocketApi;

import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ConnectionsEndpointNoteTest {

    private static final URI CONNECTIONS = URI.create("http://127.0.0.1:4201/Prod/@connections");

    private static LambdaFunction function(String id, Map<String, String> environment, boolean managesConnections) {
        return new LambdaFunction(id, id, "example.Handler", "java21", Path.of(id), 256, 30, environment, false,
                List.of(), managesConnections);
    }

    /** A chat API whose sendmessage route calls {@code send}, and whose $connect calls a function that never posts. */
    private static SamTemplate template(LambdaFunction send) {
        LambdaFunction connect = function("OnConnect", Map.of("TABLE_NAME", "connections"), false);
        Map<String, LambdaFunction> functions = new LinkedHashMap<>();
        functions.put(connect.logicalId(), connect);
        functions.put(send.logicalId(), send);
        WebSocketApi api = new WebSocketApi("ChatApi", "abcdefghij", "$request.body.action", "Prod", Map.of(), List.of(
                new Route("ConnectRoute", "$connect", new IntegrationSpec.AwsProxy("C", "OnConnect", 29000), false, null),
                new Route("SendRoute", "sendmessage", new IntegrationSpec.AwsProxy("S", send.logicalId(), 29000), false,
                        null)));
        return new SamTemplate(Path.of("template.yaml"), api, functions, List.of());
    }

    @Test
    void functionAllowedToManageConnections_withoutTheApisUrlInItsEnvironment_isNamedWithTheVariableToAdd() {
        // The published samples' way: the endpoint comes from the event's domainName, which is AWS's host.
        String note = ConnectionsEndpointNote.of(template(function("SendMessage", Map.of("TABLE_NAME", "t"), true)),
                CONNECTIONS);

        assertTrue(note.contains("SendMessage may post to @connections"), note);
        assertTrue(note.contains("domainName"), note);
        assertTrue(note.contains("CONNECTIONS_ENDPOINT: !Sub https://${ChatApi}.execute-api.${AWS::Region}"
                + ".amazonaws.com/Prod"), note);
        assertTrue(note.contains("http://127.0.0.1:4201/Prod"), note);
        assertFalse(note.contains("OnConnect"), note);
    }

    @Test
    void functionWithTheApisUrlRewrittenToTheGateway_orNotAllowedToPost_getsNoNote() {
        assertEquals("", ConnectionsEndpointNote.of(template(function("SendMessage",
                Map.of("ENDPOINT", "http://127.0.0.1:4201/Prod"), true)), CONNECTIONS));
        assertEquals("", ConnectionsEndpointNote.of(template(function("SendMessage",
                Map.of("API_ENDPOINT", "ws://127.0.0.1:4201"), true)), CONNECTIONS));
        assertEquals("", ConnectionsEndpointNote.of(template(function("SendMessage", Map.of(), false)), CONNECTIONS));
    }
}
