package com.example.wsapi.local.template;

import static com.example.wsapi.local.template.TemplateFixture.API;
import static com.example.wsapi.local.template.TemplateFixture.context;
import static com.example.wsapi.local.template.TemplateFixture.problem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.wsapi.local.vtl.MappingTemplates;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RoutesReaderTest {

    @TempDir
    Path folder;

    private List<Route> routes(String resources) {
        TemplateContext context = context(folder, "Transform: AWS::Serverless-2016-10-31\n" + API + resources);
        ApiReader api = new ApiReader(context);
        FunctionsReader functions = new FunctionsReader(context,
                new EndpointRewriter(api.webSocketApiId(), Set.of("dev"), "dev", context.settings()));
        return new RoutesReader(context, api,
                new IntegrationsReader(context, Map.of(), new MappingTemplates(), functions),
                new AuthorizersReader(context, functions), functions).routes();
    }

    private static String route(String id, String key, String integration, String extra) {
        return """
                  %s:
                    Type: AWS::ApiGatewayV2::Route
                    Properties:
                      ApiId: !Ref Api
                      RouteKey: %s
                      Target: !Sub integrations/${%s}
                """.formatted(id, key, integration) + extra.indent(6);
    }

    private static String integration(String id, String properties) {
        return """
                  %s:
                    Type: AWS::ApiGatewayV2::Integration
                    Properties:
                      ApiId: !Ref Api
                """.formatted(id) + properties.indent(6);
    }

    private static String routeResponse(String id, String route, String key) {
        return """
                  %s:
                    Type: AWS::ApiGatewayV2::RouteResponse
                    Properties:
                      ApiId: !Ref Api
                      RouteId: !Ref %s
                      RouteResponseKey: %s
                """.formatted(id, route, key);
    }

    private static final String HTTP_PROXY = """
            IntegrationType: HTTP_PROXY
            IntegrationMethod: POST
            IntegrationUri: http://127.0.0.1:8080/events
            """;

    @Test
    void routes_areJoinedWithTheirIntegrations_andTwoWayWithASelectionExpressionAndADefaultRouteResponse() {
        List<Route> routes = routes(integration("Backend", HTTP_PROXY) + integration("Mock", "IntegrationType: MOCK\n")
                + route("SendRoute", "sendmessage", "Backend", "")
                + route("WhoRoute", "whoami", "Backend", "RouteResponseSelectionExpression: $default\n")
                + routeResponse("WhoResponse", "WhoRoute", "$default")
                + route("PingRoute", "ping", "Backend", "RouteResponseSelectionExpression: $default\n"));

        assertEquals(List.of("sendmessage", "whoami", "ping"), routes.stream().map(Route::routeKey).toList());
        assertFalse(routes.get(0).twoWay());
        assertTrue(routes.get(1).twoWay());
        assertFalse(routes.get(2).twoWay(), "a selection expression without a $default RouteResponse is one-way");
        assertInstanceOf(IntegrationSpec.HttpProxy.class, routes.get(0).integration());
        assertEquals(routes.get(0).integration(), routes.get(1).integration(), "one integration serves both");
    }

    @Test
    void route_toAFunctionNamedByItsFunctionName_callsThatFunction() {
        List<Route> routes = routes("""
                  Echo:
                    Type: AWS::Serverless::Function
                    Properties:
                      FunctionName: !Sub ${AWS::StackName}-echo
                      Handler: example.Echo::handleRequest
                      Runtime: java21
                      CodeUri: .
                """ + integration("Lambda", """
                IntegrationType: AWS_PROXY
                IntegrationUri: !Sub arn:aws:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/\
                arn:aws:lambda:${AWS::Region}:${AWS::AccountId}:function:${AWS::StackName}-echo/invocations
                """) + route("EchoRoute", "echo", "Lambda", ""));

        assertEquals("Echo", ((IntegrationSpec.AwsProxy) routes.get(0).integration()).functionLogicalId());
    }

    @Test
    void route_requiringAnApiKey_failsSayingApiKeysAreNotEmulated() {
        problem(() -> routes(integration("Backend", HTTP_PROXY)
                        + route("ConnectRoute", "$connect", "Backend", "ApiKeyRequired: true\n")),
                "Resources.ConnectRoute.Properties.ApiKeyRequired", "API keys", "ApiKeyRequired: false");
        assertEquals(1, routes(integration("Backend", HTTP_PROXY)
                + route("ConnectRoute", "$connect", "Backend", "ApiKeyRequired: false\n")).size());
    }

    @Test
    void routeResponse_withAnotherKeyThanDefault_failsSayingWebSocketApisHaveOnlyDefault() {
        problem(() -> routes(integration("Backend", HTTP_PROXY)
                        + route("WhoRoute", "whoami", "Backend", "RouteResponseSelectionExpression: $default\n")
                        + routeResponse("WhoResponse", "WhoRoute", "ok")),
                "Resources.WhoResponse.Properties.RouteResponseKey", "only $default route responses");
    }

    @Test
    void twoWayRoute_withANonProxyIntegrationWithoutIntegrationResponses_failsAskingForOne() {
        problem(() -> routes(integration("Mock", "IntegrationType: MOCK\n")
                        + route("PingRoute", "ping", "Mock", "RouteResponseSelectionExpression: $default\n")
                        + routeResponse("PingResponse", "PingRoute", "$default")),
                "Resources.Mock.Properties", "route PingRoute (ping) is two-way", "IntegrationResponseKey: $default");
    }

    @Test
    void handshakeSources_inAnIntegrationOfAMessageRoute_failSayingTheyExistOnlyOnConnect() {
        problem(() -> routes(integration("Backend", HTTP_PROXY + """
                        RequestParameters:
                          integration.request.header.X-Token: route.request.header.Authorization
                        """) + route("ConnectRoute", "$connect", "Backend", "")
                        + route("DefaultRoute", "$default", "Backend", "")),
                "Resources.Backend.Properties.RequestParameters", "route.request.header.Authorization",
                "only on $connect", "route DefaultRoute ($default)");
    }

    @Test
    void handshakeSources_onConnect_areRead() {
        List<Route> routes = routes(integration("Backend", HTTP_PROXY + """
                RequestParameters:
                  integration.request.header.X-Token: route.request.querystring.token
                """) + route("ConnectRoute", "$connect", "Backend", """
                RequestParameters:
                  route.request.querystring.token:
                    Required: false
                """));

        assertEquals(List.of(new RequestParameter(RequestParameter.Target.HEADER, "X-Token",
                        "route.request.querystring.token")),
                ((IntegrationSpec.HttpProxy) routes.get(0).integration()).requestParameters());
    }

    @Test
    void requestValidation_modelsOrRequiredParameters_isRefusedNamingTheProperty() {
        problem(() -> routes(integration("Backend", HTTP_PROXY) + route("SendRoute", "send", "Backend", """
                        ModelSelectionExpression: $request.body.action
                        RequestModels:
                          $default: MessageModel
                        """)), "Resources.SendRoute.Properties.RequestModels", "not emulated");
        problem(() -> routes(integration("Backend", HTTP_PROXY) + route("ConnectRoute", "$connect", "Backend", """
                        RequestParameters:
                          route.request.header.Authorization:
                            Required: true
                        """)), "Resources.ConnectRoute.Properties.RequestParameters.route.request.header.Authorization"
                        + ".Required", "Required: false");
    }

    @Test
    void routeRequestParameters_onAMessageRoute_failSayingOnlyConnectHasThem() {
        problem(() -> routes(integration("Backend", HTTP_PROXY) + route("SendRoute", "send", "Backend", """
                        RequestParameters:
                          route.request.querystring.token:
                            Required: false
                        """)), "Resources.SendRoute.Properties.RequestParameters.route.request.querystring.token",
                "only the $connect route");
    }

    @Test
    void lambdaIntegrations_mustCallAFunctionOfTheTemplate() {
        problem(() -> routes(integration("Legacy", """
                        IntegrationType: AWS
                        IntegrationUri: arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:Elsewhere/invocations
                        """) + route("LegacyRoute", "legacy", "Legacy", "")),
                "Resources.Legacy.Properties.IntegrationUri", "route LegacyRoute (legacy)", "Elsewhere");
    }

    @Test
    void integrationAuthorizerOrRouteResponse_ofAnotherApi_failsNamingItsApiId() {
        // As in a published sample: "ApiId: Ref! WebsocketApi" is a literal id, which API Gateway refuses.
        String typo = integration("Backend", HTTP_PROXY).replace("ApiId: !Ref Api", "ApiId: Ref! Api");
        problem(() -> routes(typo + route("SendRoute", "send", "Backend", "")),
                "Resources.Backend.Properties.ApiId", "ApiId \"Ref! Api\" is not WebSocket API Api",
                "route SendRoute (send)", "ApiId: !Ref Api");

        String otherApi = """
                  Http:
                    Type: AWS::ApiGatewayV2::Api
                    Properties:
                      Name: http
                      ProtocolType: HTTP
                """;
        problem(() -> routes(otherApi + integration("Backend", HTTP_PROXY).replace("!Ref Api", "!Ref Http")
                        + route("SendRoute", "send", "Backend", "")),
                "Resources.Backend.Properties.ApiId", "ApiId !Ref Http is not WebSocket API Api");

        problem(() -> routes(integration("Backend", HTTP_PROXY) + route("WhoRoute", "whoami", "Backend",
                        "RouteResponseSelectionExpression: $default\n")
                        + routeResponse("WhoResponse", "WhoRoute", "$default").replace("!Ref Api", "!Ref Apii")
                        .replace("ApiId: !Ref Apii", "ApiId: apii")),
                "Resources.WhoResponse.Properties.ApiId", "route response WhoResponse serves route WhoRoute (whoami)");

        problem(() -> routes("""
                  Authorizer:
                    Type: AWS::ApiGatewayV2::Authorizer
                    Properties:
                      ApiId: wrong
                      Name: auth
                      AuthorizerType: REQUEST
                      AuthorizerUri: !Sub arn:aws:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${Auth.Arn}/invocations
                  Auth:
                    Type: AWS::Serverless::Function
                    Properties:
                      Handler: example.Auth
                      Runtime: java21
                      CodeUri: .
                """ + integration("Backend", HTTP_PROXY) + route("ConnectRoute", "$connect", "Backend", """
                        AuthorizationType: CUSTOM
                        AuthorizerId: !Ref Authorizer
                        """)),
                "Resources.Authorizer.Properties.ApiId", "authorizer Authorizer serves route ConnectRoute ($connect)");
    }
}
