package com.example.wsapi.local.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.wsapi.local.testing.TestTemplates;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Routes, integrations and authorizers whose ApiId is not the served WebSocket API, through {@link TemplateLoader}. */
class ApiMembershipTest {

    @TempDir
    Path folder;

    /**
     * The API {@code Api} (stage dev) with $connect to ConnectFunction, which API Gateway may invoke, and {@code more}
     * resources.
     */
    private SamTemplate load(String more) throws TemplateException, IOException {
        return load("", more);
    }

    /** As {@link #load(String)}, with the template's {@code Parameters} section. */
    private SamTemplate load(String parameters, String more) throws TemplateException, IOException {
        Path file = folder.resolve("template.yaml");
        Files.writeString(file, "Transform: AWS::Serverless-2016-10-31\n" + parameters + TemplateFixture.API
                + TestTemplates.lambdaRoute("Connect", "$connect", false) + function("ConnectFunction") + """
                  ConnectPermission:
                    Type: AWS::Lambda::Permission
                    Properties:
                      Action: lambda:InvokeFunction
                      FunctionName: !Ref ConnectFunction
                      Principal: apigateway.amazonaws.com
                """ + more);
        return TemplateLoader.load(file, TemplateFixture.settings(null));
    }

    private static String function(String id) {
        return """
                  %s:
                    Type: AWS::Serverless::Function
                    Properties: {Handler: example.Handler, Runtime: java21, CodeUri: .}
                """.formatted(id);
    }

    /** A route {@code sendmessage} to SendFunction whose route and integration have the ApiId {@code apiId}. */
    private static String sendRoute(String apiId) {
        return TestTemplates.lambdaRoute("Send", "sendmessage", false).replace("ApiId: !Ref Api", "ApiId: " + apiId)
                + function("SendFunction");
    }

    private String failure(String more) {
        TemplateException e = assertThrows(TemplateException.class, () -> load(more));
        return e.getMessage();
    }

    private static void assertMentions(String message, String... fragments) {
        for (String fragment : fragments) {
            assertTrue(message.contains(fragment), () -> "\"" + fragment + "\" missing from: " + message);
        }
    }

    private static List<String> routeKeys(SamTemplate template) {
        return template.api().routes().stream().map(Route::routeKey).toList();
    }

    @Test
    void routeWhoseApiIdRefIsMisspelt_isRefused_namingTheRouteAndProperty_asCloudFormationRefusesIt() {
        assertMentions(failure(sendRoute("!Ref API")), "Resources.SendRoute.Properties.ApiId.Ref",
                "Ref API names no parameter, pseudo parameter or resource", "CloudFormation would refuse the template",
                "did you mean Api?");
    }

    @Test
    void routeWhoseApiIdRefIsAResourceButNoApi_isRefused_asApiGatewayFindsNoSuchApi() {
        assertEquals("Resources.SendRoute.Properties.ApiId: ApiId !Ref Stage gives \"dev\", which is no API's id: "
                + "Stage is an AWS::ApiGatewayV2::Stage, not an AWS::ApiGatewayV2::Api, so API Gateway finds no such "
                + "API and the stack fails; write ApiId: !Ref Api",
                failure(sendRoute("!Ref Stage")).replaceFirst("^.*?: ", ""));
    }

    @Test
    void routeWithoutApiId_isRefused_asCloudFormationRequiresIt() {
        assertMentions(failure(sendRoute("!Ref Api").replace("      ApiId: !Ref Api\n      RouteKey", "      RouteKey")),
                "Resources.SendRoute.Properties.ApiId: ApiId is missing: CloudFormation requires it of an "
                + "AWS::ApiGatewayV2::Route", "write ApiId: !Ref Api");
    }

    @Test
    void routeAndIntegrationWithALiteralApiId_areNotServed_andTheBannerSaysSo() throws Exception {
        SamTemplate template = load(sendRoute("abc1234567"));

        assertEquals(List.of("$connect"), routeKeys(template));
        assertEquals(List.of("route SendRoute (sendmessage), integration SendIntegration have ApiId \"abc1234567\", "
                + "not WebSocket API Api's: on AWS they join the API of that id (the stack fails if there is none), "
                + "and ws-local, serving Api only, does not serve them. If Api is meant, write ApiId: !Ref Api"),
                template.notes());
    }

    @Test
    void routeWhoseApiIdIsAParameter_isNotServed_andTheNoteNamesTheParameter() throws Exception {
        SamTemplate template = load("Parameters:\n  OtherApiId:\n    Type: String\n    Default: abc1234567\n",
                sendRoute("!Ref OtherApiId").replace("ApiId: !Ref OtherApiId\n      IntegrationType",
                        "ApiId: !Ref Api\n      IntegrationType"));

        assertEquals(List.of("$connect"), routeKeys(template));
        assertEquals(1, template.notes().size(), template.notes()::toString);
        assertTrue(template.notes().get(0).startsWith("route SendRoute (sendmessage) has ApiId !Ref OtherApiId "
                + "(\"abc1234567\"), not WebSocket API Api's: on AWS it joins"), template.notes().get(0));
    }

    @Test
    void routesOfAnHttpApiOfTheTemplate_areNotServed_silently_asWsLocalServesWebSocketApisOnly() throws Exception {
        SamTemplate template = load("""
                  HttpApi:
                    Type: AWS::ApiGatewayV2::Api
                    Properties: {Name: http, ProtocolType: HTTP}
                """ + sendRoute("!Ref HttpApi").replace("RouteKey: sendmessage", "RouteKey: GET /items"));

        assertEquals(List.of("$connect"), routeKeys(template));
        assertEquals(List.of(), template.notes());
    }

    @Test
    void routeAndIntegrationWhoseApiIdIsImported_areNotServed_andTheBannerNamesTheExport() throws Exception {
        // Another stack's API: its stage and route responses may be declared here too, and are not refused either.
        SamTemplate template = load(sendRoute("!ImportValue SharedApiId") + """
                  SendRouteResponse:
                    Type: AWS::ApiGatewayV2::RouteResponse
                    Properties:
                      ApiId: !ImportValue SharedApiId
                      RouteId: !Ref SendRoute
                      RouteResponseKey: $default
                  SharedStage:
                    Type: AWS::ApiGatewayV2::Stage
                    Properties:
                      ApiId: !ImportValue SharedApiId
                      StageName: shared
                """);

        assertEquals(List.of("$connect"), routeKeys(template));
        assertEquals("dev", template.api().stageName());
        assertEquals(List.of("route SendRoute (sendmessage), integration SendIntegration have ApiId !ImportValue "
                + "SharedApiId: on AWS they join the API another stack exports as SharedApiId (the stack fails if no "
                + "stack exports it), and ws-local, which runs no other stacks and serves Api only, does not serve "
                + "them. If Api is meant, write ApiId: !Ref Api"), template.notes());
    }

    @Test
    void importedApiId_whoseExportNameIsComputed_isNotedUnderThatName() throws Exception {
        SamTemplate template = load("Parameters:\n  Env:\n    Type: String\n    Default: prod\n",
                sendRoute("\n        Fn::ImportValue: !Sub '${Env}-ApiId'").replace(
                        "ApiId: \n        Fn::ImportValue: !Sub '${Env}-ApiId'\n      IntegrationType",
                        "ApiId: !Ref Api\n      IntegrationType"));

        assertEquals(1, template.notes().size(), template.notes()::toString);
        assertTrue(template.notes().get(0).startsWith("route SendRoute (sendmessage) has ApiId !ImportValue "
                + "prod-ApiId: on AWS it joins the API another stack exports as prod-ApiId"), template.notes().get(0));
    }

    @Test
    void integrationOfAServedRoute_whoseApiIdIsImported_isRefused_asItIsAnotherStacksApis() {
        String servedRoute = sendRoute("!Ref Api").replace("ApiId: !Ref Api\n      IntegrationType",
                "ApiId: !ImportValue SharedApiId\n      IntegrationType");

        assertEquals("Resources.SendIntegration.Properties.ApiId: ApiId !ImportValue SharedApiId (an API of another "
                + "stack) is not WebSocket API Api, but integration SendIntegration serves route SendRoute "
                + "(sendmessage) of that API: API Gateway would create it in another API or refuse it; write ApiId: "
                + "!Ref Api", failure(servedRoute).replaceFirst("^.*?: ", ""));
    }

    @Test
    void templateWhoseRoutesAllImportTheirApi_isRefused_sayingTheApiIsAnotherStacks() throws IOException {
        Path file = folder.resolve("template.yaml");
        Files.writeString(file, "Transform: AWS::Serverless-2016-10-31\nResources:\n"
                + sendRoute("!ImportValue SharedApiId"));

        TemplateException e = assertThrows(TemplateException.class,
                () -> TemplateLoader.load(file, TemplateFixture.settings(null)));

        assertMentions(e.getMessage(), "Resources: no WebSocket API in the template", "(its routes join an API of "
                + "another stack, by ApiId !ImportValue SharedApiId: ws-local runs the WebSocket API of the template "
                + "it reads, and no other stacks, so run it on the template that declares that API)");
    }

    @Test
    void importValueWhereWsLocalNeedsTheValue_isStillRefused() {
        assertMentions(failure(sendRoute("!Ref Api").replace("${SendFunction.Arn}", "${Imported}").replace(
                "IntegrationUri: !Sub arn", "IntegrationUri: !Sub\n        - arn").replace("/invocations\n",
                "/invocations\n        - Imported: !ImportValue SharedFunctionArn\n")),
                "Resources.SendIntegration.Properties.IntegrationUri", "Fn::ImportValue cannot be resolved locally "
                + "(ws-local runs no other stacks): put the value in a parameter and Ref it");
    }
}
