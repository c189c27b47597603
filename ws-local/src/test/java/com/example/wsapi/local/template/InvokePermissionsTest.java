package com.example.wsapi.local.template;

import static com.example.wsapi.local.template.TemplateFixture.API;
import static com.example.wsapi.local.template.TemplateFixture.context;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.wsapi.local.testing.TestTemplates;
import com.example.wsapi.local.vtl.MappingTemplates;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InvokePermissionsTest {

    @TempDir
    Path folder;

    /** A chat API: $connect (authorized by Auth) and sendmessage call functions; {@code permissions} are added. */
    private List<String> notes(String permissions) {
        TemplateContext context = context(folder, "Transform: AWS::Serverless-2016-10-31\n" + API + """
                  Connect:
                    Type: AWS::Serverless::Function
                    Properties: {Handler: example.Connect, Runtime: java21, CodeUri: .}
                  Send:
                    Type: AWS::Serverless::Function
                    Properties: {Handler: example.Send, Runtime: java21, CodeUri: ., AutoPublishAlias: live}
                  AuthFn:
                    Type: AWS::Serverless::Function
                    Properties: {Handler: example.Auth, Runtime: java21, CodeUri: .}
                  Auth:
                    Type: AWS::ApiGatewayV2::Authorizer
                    Properties:
                      ApiId: !Ref Api
                      Name: auth
                      AuthorizerType: REQUEST
                      AuthorizerUri: !Sub arn:aws:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${AuthFn.Arn}/invocations
                      IdentitySource: [route.request.querystring.token]
                  ConnectIntegration:
                    Type: AWS::ApiGatewayV2::Integration
                    Properties:
                      ApiId: !Ref Api
                      IntegrationType: AWS_PROXY
                      IntegrationUri: !Sub arn:aws:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${Connect.Arn}/invocations
                  SendIntegration:
                    Type: AWS::ApiGatewayV2::Integration
                    Properties:
                      ApiId: !Ref Api
                      IntegrationType: AWS_PROXY
                      IntegrationUri: !Sub arn:aws:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${Send.Alias}/invocations
                  ConnectRoute:
                    Type: AWS::ApiGatewayV2::Route
                    Properties:
                      ApiId: !Ref Api
                      RouteKey: $connect
                      AuthorizationType: CUSTOM
                      AuthorizerId: !Ref Auth
                      Target: !Sub integrations/${ConnectIntegration}
                  SendRoute:
                    Type: AWS::ApiGatewayV2::Route
                    Properties:
                      ApiId: !Ref Api
                      RouteKey: sendmessage
                      Target: !Sub integrations/${SendIntegration}
                """ + permissions);
        ApiReader api = new ApiReader(context);
        FunctionsReader functions = new FunctionsReader(context,
                new EndpointRewriter(api.webSocketApiId(), Set.of("dev"), "dev", context.settings()));
        List<Route> routes = new RoutesReader(context, api,
                new IntegrationsReader(context, Map.of(), new MappingTemplates(), functions),
                new AuthorizersReader(context, functions), functions).routes();
        return new InvokePermissions(context, api.webSocketApiId(), Set.of("dev")).notes("Api", routes);
    }

    private static String permission(String id, String properties) {
        return """
                  %s:
                    Type: AWS::Lambda::Permission
                    Properties:
                      Action: lambda:InvokeFunction
                      Principal: apigateway.amazonaws.com
                """.formatted(id) + properties.indent(6);
    }

    @Test
    void functionsWithoutAPermissionForApiGateway_areNoted_withThePermissionToAdd() {
        List<String> notes = notes("");

        assertEquals(1, notes.size(), notes::toString);
        assertTrue(notes.get(0).startsWith("API Gateway may not invoke Connect (route $connect), AuthFn (authorizer "
                + "Auth), Send (route sendmessage): no AWS::Lambda::Permission"), notes.get(0));
        assertTrue(notes.get(0).contains("FunctionName: !Ref <function>, Principal: apigateway.amazonaws.com"),
                notes.get(0));
    }

    @Test
    void permissionsAsPublishedSamplesWriteThem_byNameArnOrAlias_withOrWithoutSourceArn_letApiGatewayIn() {
        assertEquals(List.of(), notes(
                permission("ConnectPermission", "FunctionName: !Ref Connect\n")
                + permission("SendPermission", """
                        FunctionName: !Ref Send.Alias
                        SourceArn: !Sub arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:${Api}/dev/sendmessage
                        """)
                + permission("AuthPermission", """
                        FunctionName: !GetAtt AuthFn.Arn
                        SourceArn: !Sub arn:aws:execute-api:${AWS::Region}:${AWS::AccountId}:${Api}/*
                        """)));
    }

    @Test
    void permissionForAnotherRoute_orAnotherPrincipal_doesNotCount() {
        List<String> notes = notes(permission("ConnectPermission", """
                        FunctionName: !Ref Connect
                        SourceArn: !Sub arn:aws:execute-api:${AWS::Region}:${AWS::AccountId}:${Api}/*/$disconnect
                        """)
                + permission("SendPermission", "FunctionName: !Ref Send.Alias\n")
                        .replace("apigateway.amazonaws.com", "events.amazonaws.com")
                + permission("AuthPermission", "FunctionName: !Ref AuthFn\n"));

        assertEquals(1, notes.size(), notes::toString);
        assertTrue(notes.get(0).startsWith("API Gateway may not invoke Connect (route $connect), Send (route "
                + "sendmessage): "), notes.get(0));
    }

    // ---------------------------------------------------------------- aliases and versions, through TemplateLoader

    /**
     * The notes of a template whose route sendmessage invokes SendFunction (AutoPublishAlias live) through
     * {@code ${<functionRef>}} in its IntegrationUri, with {@code more} resources.
     */
    private List<String> loadedNotes(String functionRef, String more) throws Exception {
        Path file = folder.resolve("template.yaml");
        Files.writeString(file, "Transform: AWS::Serverless-2016-10-31\n" + API
                + TestTemplates.lambdaRoute("Send", "sendmessage", false).replace("${SendFunction.Arn}",
                        "${" + functionRef + "}") + """
                  SendFunction:
                    Type: AWS::Serverless::Function
                    Properties: {Handler: example.Send, Runtime: java21, CodeUri: ., AutoPublishAlias: live}
                """ + more);
        return TemplateLoader.load(file, TemplateFixture.settings(null)).notes();
    }

    @Test
    void permissionOnTheFunction_whileTheIntegrationInvokesItsAlias_isNoted_namingThePermissionToWrite()
            throws Exception {
        assertEquals(List.of("API Gateway may not invoke SendFunction:live (route sendmessage): the "
                + "AWS::Lambda::Permission for apigateway.amazonaws.com SendPermission is on SendFunction itself, and "
                + "Lambda keeps a policy per function, version and alias: a permission on one does not cover another. "
                + "ws-local runs it; on AWS every such event fails (Internal server error, a refused handshake on "
                + "$connect; API Gateway logs \"Invalid permissions on Lambda function\"). Give the permission the "
                + "function the integration invokes, FunctionName: !Ref SendFunction.Alias, or have the integration "
                + "invoke the one the permission names"),
                loadedNotes("SendFunction.Alias", permission("SendPermission", "FunctionName: !Ref SendFunction\n")));
    }

    @Test
    void permissionOnTheAlias_whileTheIntegrationInvokesTheFunction_isNoted_namingThePermissionToWrite()
            throws Exception {
        List<String> notes = loadedNotes("SendFunction.Arn",
                permission("SendPermission", "FunctionName: !Ref SendFunction.Alias\n"));

        assertEquals(1, notes.size(), notes::toString);
        assertTrue(notes.get(0).startsWith("API Gateway may not invoke SendFunction itself (no alias or version) "
                + "(route sendmessage): the AWS::Lambda::Permission for apigateway.amazonaws.com SendPermission is on "
                + "SendFunction:live, and Lambda keeps a policy per function"), notes.get(0));
        assertTrue(notes.get(0).endsWith("FunctionName: !Ref SendFunction, or have the integration invoke the one "
                + "the permission names"), notes.get(0));
    }

    @Test
    void permissionOnTheAliasAStageVariableNames_letsApiGatewayIn() throws Exception {
        // The alias chosen per stage, as API Gateway's documentation shows: ...:function:Name:${stageVariables.alias}.
        String api = API.replace("StageName: dev", "StageName: dev\n      StageVariables: {alias: live}");
        Path file = folder.resolve("template.yaml");
        Files.writeString(file, "Transform: AWS::Serverless-2016-10-31\n" + api
                + TestTemplates.lambdaRoute("Send", "sendmessage", false).replace("${SendFunction.Arn}",
                        "${SendFunction.Arn}:${!stageVariables.alias}") + """
                  SendFunction:
                    Type: AWS::Serverless::Function
                    Properties: {Handler: example.Send, Runtime: java21, CodeUri: ., AutoPublishAlias: live}
                """ + permission("SendPermission", "FunctionName: !Ref SendFunction.Alias\n"));

        assertEquals(List.of(), TemplateLoader.load(file, TemplateFixture.settings(null)).notes());
    }
}
