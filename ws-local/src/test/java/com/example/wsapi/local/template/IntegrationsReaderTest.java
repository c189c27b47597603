package com.example.wsapi.local.template;

import static com.example.wsapi.local.template.TemplateFixture.API;
import static com.example.wsapi.local.template.TemplateFixture.context;
import static com.example.wsapi.local.template.TemplateFixture.problem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.example.wsapi.local.template.RequestParameter.Target;
import com.example.wsapi.local.template.RequestTemplates.PassthroughBehavior;
import com.example.wsapi.local.vtl.MappingTemplates;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IntegrationsReaderTest {

    private static final Map<String, String> STAGE_VARIABLES = Map.of("backend", "127.0.0.1:8080");

    @TempDir
    Path folder;

    /** Reads the integration {@code Integration} of a template made of the API and {@code resources}. */
    private IntegrationSpec read(String resources) {
        TemplateContext context = context(folder, API + resources);
        FunctionsReader functions = new FunctionsReader(context, new EndpointRewriter(
                new ApiReader(context).webSocketApiId(), Set.of("dev"), "dev", context.settings()));
        return new IntegrationsReader(context, STAGE_VARIABLES, new MappingTemplates(), functions)
                .integration("Integration", "Route", "Resources.Route.Properties.Target");
    }

    private static String integration(String properties) {
        return """
                  Integration:
                    Type: AWS::ApiGatewayV2::Integration
                    Properties:
                      ApiId: !Ref Api
                """ + properties.indent(6);
    }

    @Test
    void httpProxy_readsMethodUriTimeoutAndParameters_stageVariablesSubstituted() {
        IntegrationSpec spec = read(integration("""
                IntegrationType: HTTP_PROXY
                IntegrationMethod: post
                IntegrationUri: http://${stageVariables.backend}/messages?from=ws
                TimeoutInMillis: 5000
                RequestParameters:
                  integration.request.header.connectionId: context.connectionId
                  integration.request.querystring.user: context.authorizer.principalId
                  integration.request.header.X-Token: route.request.header.Auth
                  integration.request.header.X-Room: route.request.body.room.id
                  integration.request.header.X-Backend: stageVariables.backend
                  integration.request.header.Content-Type: "'application/json'"
                """));

        assertEquals(new IntegrationSpec.HttpProxy("Integration", "POST", "http://127.0.0.1:8080/messages?from=ws",
                List.of(new RequestParameter(Target.HEADER, "connectionId", "context.connectionId"),
                        new RequestParameter(Target.QUERYSTRING, "user", "context.authorizer.principalId"),
                        new RequestParameter(Target.HEADER, "X-Token", "route.request.header.Auth"),
                        new RequestParameter(Target.HEADER, "X-Room", "route.request.body.room.id"),
                        new RequestParameter(Target.HEADER, "X-Backend", "stageVariables.backend"),
                        new RequestParameter(Target.HEADER, "Content-Type", "'application/json'")),
                5000, List.of()), spec);
    }

    @Test
    void awsProxy_readsTheFunctionItsAliasAndApiGatewaysDefaultTimeout() {
        IntegrationSpec spec = read(integration("""
                IntegrationType: AWS_PROXY
                IntegrationUri: arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:Echo:live/invocations
                """));

        assertEquals(new IntegrationSpec.AwsProxy("Integration", "Echo", "live", 29_000), spec);
    }

    @Test
    void mock_withoutTemplates_passesWhenNoMatch_andHasItsResponsesByKey() {
        IntegrationSpec spec = read(integration("""
                IntegrationType: MOCK
                """) + """
                  NotFound:
                    Type: AWS::ApiGatewayV2::IntegrationResponse
                    Properties:
                      ApiId: !Ref Api
                      IntegrationId: !Ref Integration
                      IntegrationResponseKey: /404/
                  Default:
                    Type: AWS::ApiGatewayV2::IntegrationResponse
                    Properties:
                      ApiId: !Ref Api
                      IntegrationId: !Ref Integration
                      IntegrationResponseKey: $default
                """);

        assertEquals(new IntegrationSpec.Mock("Integration", RequestTemplates.NONE, 29_000,
                List.of(new IntegrationResponse("NotFound", "/404/", Map.of(), null),
                        new IntegrationResponse("Default", "$default", Map.of(), null))), spec);
    }

    @Test
    void timeout_outsideApiGatewaysRange_failsNamingIt() {
        for (String timeout : List.of("49", "29001")) {
            problem(() -> read(integration("IntegrationType: MOCK\nTimeoutInMillis: " + timeout + "\n")),
                    "Resources.Integration.Properties.TimeoutInMillis", "50 to 29000");
        }
    }

    @Test
    void vpcLink_isRefusedNamingTheProperty() {
        problem(() -> read(integration("""
                IntegrationType: HTTP_PROXY
                IntegrationMethod: POST
                IntegrationUri: http://internal/x
                ConnectionType: VPC_LINK
                ConnectionId: abc123
                """)), "Resources.Integration.Properties.ConnectionType", "VPC_LINK", "not emulated");
    }

    @Test
    void contentHandlingStrategy_isRefusedNamingTheProperty() {
        problem(() -> read(integration("""
                IntegrationType: MOCK
                ContentHandlingStrategy: CONVERT_TO_TEXT
                """)), "Resources.Integration.Properties.ContentHandlingStrategy", "binary conversions");
    }

    @Test
    void awsIntegrationWithAnotherServiceThanLambda_isRefused() {
        problem(() -> read(integration("""
                IntegrationType: AWS
                IntegrationMethod: POST
                IntegrationUri: arn:aws:apigateway:us-east-1:dynamodb:action/PutItem
                """)), "Resources.Integration.Properties.IntegrationUri", "dynamodb", "Lambda");
    }

    @Test
    void awsIntegrationWithAnotherService_whoseUriHasNoLocalValue_isRefusedForTheService() {
        // The shape of a published SQS sample: the queue's name resolves, the integration is what is refused.
        String sqs = """
                  Queue:
                    Type: AWS::SQS::Queue
                """ + integration("""
                IntegrationType: AWS
                IntegrationMethod: POST
                IntegrationUri: !Join
                  - ""
                  - - "arn:aws:apigateway:"
                    - !Ref AWS::Region
                    - :sqs:path/
                    - !Ref AWS::AccountId
                    - /
                    - !GetAtt Queue.QueueName
                """);
        String message = problem(() -> read(sqs), "Resources.Integration.Properties.IntegrationUri",
                "an AWS integration with sqs is not emulated");
        assertFalse(message.contains("QueueName"), message);

        problem(() -> read(integration("""
                IntegrationType: AWS
                IntegrationUri: !Sub arn:aws:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${Missing.Arn}/invocations
                """)), "GetAtt Missing.Arn");
    }

    @Test
    void awsIntegrationWithLambda_readsTheFunction() {
        IntegrationSpec spec = read(integration("""
                IntegrationType: AWS
                IntegrationMethod: POST
                IntegrationUri: arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:Legacy/invocations
                PassthroughBehavior: NEVER
                """));

        assertEquals(new IntegrationSpec.Aws("Integration", "Legacy",
                new RequestTemplates(Map.of(), null, PassthroughBehavior.NEVER), 29_000, List.of()), spec);
    }

    @Test
    void httpIntegration_withoutMethod_orWithAnUnsupportedOne_failsAskingForOne() {
        problem(() -> read(integration("IntegrationType: HTTP\nIntegrationUri: http://x/y\n")),
                "IntegrationMethod is missing", "IntegrationMethod: POST");
        problem(() -> read(integration("IntegrationType: HTTP\nIntegrationMethod: ANY\nIntegrationUri: http://x/y\n")),
                "Resources.Integration.Properties.IntegrationMethod", "ANY");
    }

    @Test
    void httpIntegration_withAUriThatIsNoHttpUrl_failsNamingIt() {
        problem(() -> read(integration("IntegrationType: HTTP_PROXY\nIntegrationMethod: GET\nIntegrationUri: backend:8080/x\n")),
                "Resources.Integration.Properties.IntegrationUri", "http:// or https://");
    }

    @Test
    void undefinedStageVariable_failsNamingItAndTheDefinedOnes() {
        problem(() -> read(integration("""
                IntegrationType: HTTP_PROXY
                IntegrationMethod: POST
                IntegrationUri: http://${stageVariables.missing}/x
                """)), "Resources.Integration.Properties.IntegrationUri", "stage variable missing", "[backend]");
    }

    @Test
    void requestParameters_withADestinationOrSourceWsLocalDoesNotMap_failNamingIt() {
        problem(() -> read(integration("""
                IntegrationType: HTTP_PROXY
                IntegrationMethod: POST
                IntegrationUri: http://x/y
                RequestParameters:
                  integration.request.path.id: context.connectionId
                """)), "RequestParameters.integration.request.path.id", "integration.request.header.<name>");
        problem(() -> read(integration("""
                IntegrationType: HTTP_PROXY
                IntegrationMethod: POST
                IntegrationUri: http://x/y
                RequestParameters:
                  integration.request.header.X: context.nope
                """)), "RequestParameters.integration.request.header.X", "context.nope", "connectionId");
        problem(() -> read(integration("""
                IntegrationType: HTTP_PROXY
                IntegrationMethod: POST
                IntegrationUri: http://x/y
                RequestParameters:
                  integration.request.header.X: method.request.header.Y
                """)), "RequestParameters.integration.request.header.X", "a quoted 'literal'");
    }

    @Test
    void passthroughBehavior_thatDoesNotExist_failsListingTheValidOnes() {
        problem(() -> read(integration("IntegrationType: MOCK\nPassthroughBehavior: ALWAYS\n")),
                "Resources.Integration.Properties.PassthroughBehavior", "WHEN_NO_MATCH, WHEN_NO_TEMPLATES or NEVER");
    }

    @Test
    void integrationResponses_withDuplicateOrInvalidKeys_failNamingThem() {
        String responses = integration("IntegrationType: MOCK\n") + """
                  First:
                    Type: AWS::ApiGatewayV2::IntegrationResponse
                    Properties:
                      ApiId: !Ref Api
                      IntegrationId: !Ref Integration
                      IntegrationResponseKey: KEY
                  Second:
                    Type: AWS::ApiGatewayV2::IntegrationResponse
                    Properties:
                      ApiId: !Ref Api
                      IntegrationId: !Ref Integration
                      IntegrationResponseKey: /2\\d\\d/
                """;

        problem(() -> read(responses.replace("KEY", "/2\\d\\d/")), "both have key /2\\d\\d/");
        problem(() -> read(responses.replace("KEY", "/[0-9/")), "Resources.First.Properties.IntegrationResponseKey",
                "not a valid regular expression");
        problem(() -> read(responses.replace("KEY", "200")), "\"200\" is not an integration response key");
    }

    @Test
    void integrationResponse_withResponseParameters_isRefused() {
        problem(() -> read(integration("IntegrationType: MOCK\n") + """
                  Response:
                    Type: AWS::ApiGatewayV2::IntegrationResponse
                    Properties:
                      ApiId: !Ref Api
                      IntegrationId: !Ref Integration
                      IntegrationResponseKey: $default
                      ResponseParameters:
                        method.response.header.X: "'1'"
                """), "Resources.Response.Properties.ResponseParameters", "not emulated");
    }

    @Test
    void unknownIntegrationType_failsListingTheTypes() {
        problem(() -> read(integration("IntegrationType: HTTP_PROXIED\n")), "IntegrationType HTTP_PROXIED",
                "AWS_PROXY, AWS, HTTP_PROXY, HTTP or MOCK");
    }

    @Test
    void selectionExpressions_thatWsLocalCannotEvaluate_failNamingThem() {
        problem(() -> read(integration("IntegrationType: MOCK\nTemplateSelectionExpression: ${request.header.X}\n")),
                "Resources.Integration.Properties.TemplateSelectionExpression", "${request.body.<path>}");
        problem(() -> read(integration("IntegrationType: MOCK\n") + """
                  Response:
                    Type: AWS::ApiGatewayV2::IntegrationResponse
                    Properties:
                      ApiId: !Ref Api
                      IntegrationId: !Ref Integration
                      IntegrationResponseKey: $default
                      TemplateSelectionExpression: ${context.routeKey}
                """), "Resources.Response.Properties.TemplateSelectionExpression", "${integration.response.statuscode}");
    }

    @Test
    void requestTemplates_areReadWithTheirSelection_andCheckedWhenRead() {
        IntegrationSpec spec = read(integration("""
                IntegrationType: HTTP
                IntegrationMethod: POST
                IntegrationUri: http://x/events
                TemplateSelectionExpression: ${request.body.type}
                PassthroughBehavior: WHEN_NO_TEMPLATES
                RequestTemplates:
                  chat: >-
                    {"text": $input.json('$.text')}
                  $default: '{"connection_id": "$context.connectionId"}'
                """));

        assertEquals(new RequestTemplates(Map.of("chat", "{\"text\": $input.json('$.text')}",
                        "$default", "{\"connection_id\": \"$context.connectionId\"}"), "${request.body.type}",
                        PassthroughBehavior.WHEN_NO_TEMPLATES),
                ((IntegrationSpec.Http) spec).requestTemplates());
    }

    @Test
    void aMappingTemplateThatDoesNotParse_failsTheLoad_namingItsResourceAndProperty() {
        problem(() -> read(integration("""
                IntegrationType: MOCK
                RequestTemplates:
                  $default: '#if($input.body == "x") {"statusCode": 200}'
                """)), "Resources.Integration.Properties.RequestTemplates.$default",
                "the mapping template does not parse", "#end");
        problem(() -> read(integration("IntegrationType: MOCK\n") + """
                  Response:
                    Type: AWS::ApiGatewayV2::IntegrationResponse
                    Properties:
                      ApiId: !Ref Api
                      IntegrationId: !Ref Integration
                      IntegrationResponseKey: $default
                      ResponseTemplates:
                        $default: '#foreach($x in) #end'
                """), "Resources.Response.Properties.ResponseTemplates.$default", "does not parse");
    }
}
