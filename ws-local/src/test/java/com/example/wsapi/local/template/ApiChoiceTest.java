package com.example.wsapi.local.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.example.wsapi.local.testing.TestTemplates;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which WebSocket API of the template is served (the {@code --api} option), through {@link TemplateLoader}. */
class ApiChoiceTest {

    /**
     * Two WebSocket APIs: Chat (stage dev, route hello) and Admin (stage ops, routes status and hello); an HTTP API;
     * a function.
     */
    static final String TWO_APIS = "Transform: AWS::Serverless-2016-10-31\nResources:\n"
            + TestTemplates.webSocketApi("Chat", "chat", "dev")
            + TestTemplates.mockRoute("Chat", "Hello", "hello", "{\"api\":\"chat\"}")
            + TestTemplates.webSocketApi("Admin", "admin", "ops")
            + TestTemplates.mockRoute("Admin", "Status", "status", "{\"api\":\"admin\"}")
            + TestTemplates.mockRoute("Admin", "AdminHello", "hello", "{\"api\":\"admin\"}")
            + """
              Http:
                Type: AWS::ApiGatewayV2::Api
                Properties: {Name: http, ProtocolType: HTTP}
              Fn:
                Type: AWS::Serverless::Function
                Properties: {Handler: example.Handler, Runtime: java21, CodeUri: .}
            """;

    @TempDir
    Path folder;

    /** Loads {@code yaml} with {@code --api api} (null: none given), the gateway on port 3001. */
    private SamTemplate load(String yaml, String api) throws TemplateException, IOException {
        Path file = Files.writeString(folder.resolve("template.yaml"), yaml);
        return TemplateLoader.load(file, new LocalSettings("us-east-1", "123456789012", "stack", null,
                URI.create("http://127.0.0.1:3001"), api));
    }

    /** The message of the refusal, without the file name before it. */
    private String refusal(String yaml, String api) {
        TemplateException e = assertThrows(TemplateException.class, () -> load(yaml, api));
        return e.getMessage().substring(folder.resolve("template.yaml").toString().length() + 2);
    }

    private static List<String> routeKeys(SamTemplate template) {
        return template.api().routes().stream().map(Route::routeKey).toList();
    }

    @Test
    void severalWebSocketApis_withoutApi_areRefused_namingEachAndTheOption() {
        assertEquals("Resources: 2 WebSocket APIs [Chat, Admin]: ws-local serves one at a time, so choose it with "
                + "--api <LogicalId> (--api Chat or --api Admin); to serve another too, run a second ws-local with "
                + "its --api and a --port of its own (or put the APIs you do not want under a false Condition)",
                refusal(TWO_APIS, null));
    }

    @Test
    void api_servesThatApi_itsStageAndRoutesOnly_andTheBannerSaysHowToServeTheOther() throws Exception {
        SamTemplate admin = load(TWO_APIS, "Admin");

        assertEquals("Admin", admin.api().logicalId());
        assertEquals(TemplateLoader.apiId("Admin"), admin.api().apiId());
        assertEquals("ops", admin.api().stageName());
        assertEquals(List.of("status", "hello"), routeKeys(admin));
        assertEquals(List.of("WebSocket API Chat is not served (its route hello): ws-local serves one WebSocket API "
                + "at a time, Admin here (--api Admin). To serve Chat as well, run another ws-local on this template "
                + "with --api Chat --port 3002; to share this one's tables, as the two APIs share the stack's on AWS, "
                + "give it --dynamodb-endpoint with the DynamoDB endpoint this banner names"),
                admin.notes());
    }

    @Test
    void api_ofTheOtherApi_servesIt_andNotesTheFirst() throws Exception {
        SamTemplate chat = load(TWO_APIS, "Chat");

        assertEquals("dev", chat.api().stageName());
        assertEquals(List.of("hello"), routeKeys(chat));
        assertEquals(List.of("WebSocket API Admin is not served (its routes status, hello): ws-local serves one "
                + "WebSocket API at a time, Chat here (--api Chat). To serve Admin as well, run another ws-local on "
                + "this template with --api Admin --port 3002; to share this one's tables, as the two APIs share the "
                + "stack's on AWS, give it --dynamodb-endpoint with the DynamoDB endpoint this banner names"),
                chat.notes());
    }

    @Test
    void noteOnTheOtherApi_withWsLocalsOwnDynamoDbLocal_givesItsEndpointToShareTheTables() throws Exception {
        Path file = Files.writeString(folder.resolve("template.yaml"), TWO_APIS);

        SamTemplate chat = TemplateLoader.load(file, new LocalSettings("us-east-1", "123456789012", "stack", null,
                URI.create("http://127.0.0.1:3001"), "Chat", URI.create("http://127.0.0.1:8000"), false));

        assertEquals(List.of("WebSocket API Admin is not served (its routes status, hello): ws-local serves one "
                + "WebSocket API at a time, Chat here (--api Chat). To serve Admin as well, run another ws-local on "
                + "this template with --api Admin --port 3002 --dynamodb-endpoint http://127.0.0.1:8000: the two then "
                + "share this one's DynamoDB Local and its tables while this one runs, as the two APIs share the "
                + "stack's tables on AWS (without that option the other starts its own DynamoDB Local, and the two do "
                + "not share tables)"), chat.notes());
    }

    @Test
    void noteOnTheOtherApi_withADynamoDbGiven_givesTheSameEndpoint() throws Exception {
        Path file = Files.writeString(folder.resolve("template.yaml"), TWO_APIS);

        SamTemplate chat = TemplateLoader.load(file, new LocalSettings("us-east-1", "123456789012", "stack", null,
                URI.create("http://127.0.0.1:3001"), "Chat", URI.create("http://127.0.0.1:8000"), true));

        assertEquals(List.of("WebSocket API Admin is not served (its routes status, hello): ws-local serves one "
                + "WebSocket API at a time, Chat here (--api Chat). To serve Admin as well, run another ws-local on "
                + "this template with --api Admin --port 3002 --dynamodb-endpoint http://127.0.0.1:8000: the two then "
                + "share that DynamoDB and its tables, as the two APIs share the stack's tables on AWS"),
                chat.notes());
    }

    @Test
    void theOtherApisRoutes_areNotRead_soWhatWsLocalWouldRefuseInThemDoesNotStopTheStart() throws Exception {
        // API keys are refused in a served route (ws-local does not emulate them): Admin's are for Admin's ws-local.
        String adminNeedsKeys = TWO_APIS.replace("RouteKey: status\n",
                "RouteKey: status\n      ApiKeyRequired: true\n");

        assertEquals(List.of("hello"), routeKeys(load(adminNeedsKeys, "Chat")));
        assertEquals("Resources.StatusRoute.Properties.ApiKeyRequired", refusal(adminNeedsKeys, "Admin")
                .replaceFirst(": .*", ""));
    }

    @Test
    void api_namingNoResource_isRefused_listingTheWebSocketApis_andAMisspellingIsPointedOut() {
        assertEquals("Resources: --api Nope: the template has no resource Nope; the template's WebSocket APIs: "
                + "Chat, Admin", refusal(TWO_APIS, "Nope"));
        assertEquals("Resources: --api admin: the template has no resource admin; the template's WebSocket APIs: "
                + "Chat, Admin (did you mean Admin?)", refusal(TWO_APIS, "admin"));
    }

    @Test
    void api_namingAnHttpApiOrAnotherResource_isRefused_sayingWhatItIs() {
        assertEquals("Resources.Http: --api Http: Http is an HTTP API (ProtocolType: HTTP), not a WebSocket API "
                + "(AWS::ApiGatewayV2::Api with ProtocolType: WEBSOCKET), and ws-local serves WebSocket APIs only; the "
                + "template's WebSocket APIs: Chat, Admin", refusal(TWO_APIS, "Http"));
        assertEquals("Resources.Fn: --api Fn: Fn is an AWS::Serverless::Function, not a WebSocket API "
                + "(AWS::ApiGatewayV2::Api with ProtocolType: WEBSOCKET), and ws-local serves WebSocket APIs only; the "
                + "template's WebSocket APIs: Chat, Admin", refusal(TWO_APIS, "Fn"));
    }

    @Test
    void api_namingAnApiWhoseConditionIsFalse_isRefused_asItDoesNotExist() {
        String adminOff = "Conditions:\n  Never: !Equals [a, b]\nResources:\n"
                + TestTemplates.webSocketApi("Chat", "chat", "dev")
                + TestTemplates.mockRoute("Chat", "Hello", "hello", "{}") + """
                  Admin:
                    Type: AWS::ApiGatewayV2::Api
                    Condition: Never
                    Properties: {Name: admin, ProtocolType: WEBSOCKET, RouteSelectionExpression: $request.body.action}
                """;

        assertEquals("Resources: --api Admin: Admin's Condition is false, so it does not exist; the template's "
                + "WebSocket APIs: Chat", refusal(adminOff, "Admin"));
    }

    @Test
    void api_namingTheTemplatesOnlyWebSocketApi_servesIt_withoutANote_andNamingAnotherIsRefused() throws Exception {
        String one = "Resources:\n" + TestTemplates.webSocketApi("Chat", "chat", "dev")
                + TestTemplates.mockRoute("Chat", "Hello", "hello", "{}");

        assertEquals(List.of(), load(one, "Chat").notes());
        assertEquals("Resources: --api Admin: the template has no resource Admin; the template's WebSocket APIs: "
                + "Chat", refusal(one, "Admin"));
    }

    @Test
    void api_inATemplateWithoutWebSocketApi_saysThereIsNone() {
        String none = "Resources:\n  Http:\n    Type: AWS::ApiGatewayV2::Api\n    Properties: {ProtocolType: HTTP}\n";

        assertEquals("Resources.Http: --api Http: Http is an HTTP API (ProtocolType: HTTP), not a WebSocket API "
                + "(AWS::ApiGatewayV2::Api with ProtocolType: WEBSOCKET), and ws-local serves WebSocket APIs only; the "
                + "template has no WebSocket API (AWS::ApiGatewayV2::Api with ProtocolType: WEBSOCKET) to serve",
                refusal(none, "Http"));
    }

    @Test
    void stageOverride_appliesToTheApiChosen() throws Exception {
        Path file = Files.writeString(folder.resolve("template.yaml"), TWO_APIS);

        SamTemplate admin = TemplateLoader.load(file, new LocalSettings("us-east-1", "123456789012", "stack", "test",
                URI.create("http://127.0.0.1:3001"), "Admin"));

        assertEquals("test", admin.api().stageName());
        assertEquals(List.of("status", "hello"), routeKeys(admin));
    }
}
