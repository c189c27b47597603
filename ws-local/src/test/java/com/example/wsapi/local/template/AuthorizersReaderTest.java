package com.example.wsapi.local.template;

import static com.example.wsapi.local.template.TemplateFixture.API;
import static com.example.wsapi.local.template.TemplateFixture.context;
import static com.example.wsapi.local.template.TemplateFixture.problem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuthorizersReaderTest {

    @TempDir
    Path folder;

    private Authorizer read(String authorizerProperties) {
        TemplateContext context = context(folder, "Transform: AWS::Serverless-2016-10-31\n" + API + """
                  AuthFn:
                    Type: AWS::Serverless::Function
                    Properties:
                      CodeUri: .
                      Handler: example.Auth::handleRequest
                      Runtime: java25
                  Auth:
                    Type: AWS::ApiGatewayV2::Authorizer
                    Properties:
                      ApiId: !Ref Api
                      Name: auth
                      AuthorizerUri: !Sub arn:${AWS::Partition}:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${AuthFn.Arn}/invocations
                """ + authorizerProperties.indent(6));
        ApiReader api = new ApiReader(context);
        FunctionsReader functions = new FunctionsReader(context,
                new EndpointRewriter(api.webSocketApiId(), Set.of("dev"), "dev", context.settings()));
        return new AuthorizersReader(context, functions).authorizer("Auth", "Resources.Route.Properties.AuthorizerId");
    }

    @Test
    void requestAuthorizer_readsItsFunctionAndIdentitySources_listOrCommaSeparated() {
        Authorizer expected = new Authorizer("Auth", "AuthFn",
                List.of("route.request.header.Auth", "route.request.querystring.token"));

        assertEquals(expected, read("""
                AuthorizerType: REQUEST
                IdentitySource: [route.request.header.Auth, route.request.querystring.token]
                """));
        assertEquals(expected, read("""
                AuthorizerType: REQUEST
                IdentitySource: route.request.header.Auth, route.request.querystring.token
                """));
    }

    @Test
    void jwtAuthorizer_isRefusedAsUnavailableToWebSocketApis() {
        problem(() -> read("AuthorizerType: JWT\n"), "Resources.Auth.Properties.AuthorizerType",
                "not available to WebSocket APIs", "REQUEST");
    }

    @Test
    void authorizerIdNamingSomethingElse_failsNamingTheProperty() {
        TemplateContext context = context(folder, API);
        problem(() -> new AuthorizersReader(context, null).authorizer("Stage", "Resources.Route.Properties.AuthorizerId"),
                "Resources.Route.Properties.AuthorizerId", "not an AWS::ApiGatewayV2::Authorizer");
    }
}
