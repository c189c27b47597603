package com.example.wsapi.local.template;

import static com.example.wsapi.local.template.TemplateFixture.problem;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TemplateReferencesTest {

    @TempDir
    Path folder;

    private static final String TOP = """
            Transform: AWS::Serverless-2016-10-31
            Parameters:
              Stage:
                Type: String
                Default: dev
            Resources:
              WebsocketApi:
                Type: AWS::ApiGatewayV2::Api
                Properties:
                  ProtocolType: WEBSOCKET
                  RouteSelectionExpression: $request.body.action
              Echo:
                Type: AWS::Serverless::Function
                Properties:
                  Handler: example.Echo
                  Runtime: java21
                  CodeUri: .
            """;

    private void check(String yaml) {
        Path file = folder.resolve("template.yaml");
        try {
            Files.writeString(file, yaml);
            Map<String, Object> template = TemplateYaml.read(file);
            TemplateReferences.check(template);
        } catch (IOException | TemplateException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void outputRefToAMisspeltResource_failsNamingItAndTheResourceMeant() {
        // A published sample's Output: CloudFormation refuses it before deploying anything.
        problem(() -> check(TOP + """
                        Outputs:
                          Command:
                            Value: !Join ['', ['wscat -c wss://', !Ref WebSocketApi, '.execute-api.', !Ref AWS::Region]]
                        """),
                "Outputs.Command.Value.Fn::Join[1][1].Ref", "Ref WebSocketApi names no parameter",
                "did you mean WebsocketApi?");
    }

    @Test
    void undeclaredNames_inGetAttSubOrDependsOn_fail() {
        problem(() -> check(TOP + """
                          Permission:
                            Type: AWS::Lambda::Permission
                            DependsOn: [WebsocketApi, Missing]
                        """), "Resources.Permission.DependsOn", "DependsOn Missing names no resource");
        problem(() -> check(TOP + """
                          Integration:
                            Type: AWS::ApiGatewayV2::Integration
                            Properties:
                              IntegrationUri: !Sub arn:aws:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${SendFunction.Arn}/invocations
                        """), "Resources.Integration.Properties.IntegrationUri.Fn::Sub", "${SendFunction.Arn} names no resource");
        problem(() -> check(TOP + """
                        Outputs:
                          Url:
                            Value: !GetAtt Api.ApiEndpoint
                        """), "Outputs.Url.Value.Fn::GetAtt", "GetAtt Api names no resource");
        problem(() -> check(TOP + """
                        Outputs:
                          Url:
                            Value: !Sub wss://${WebsocketApi}.execute-api.${AWS::Regoin}.amazonaws.com/${Stage}
                        """), "${AWS::Regoin} names no parameter");
    }

    @Test
    void declaredParametersPseudoParametersSubVariablesAndSamGeneratedNames_pass() {
        assertDoesNotThrow(() -> check(TOP + """
                          Permission:
                            Type: AWS::Lambda::Permission
                            DependsOn: WebsocketApi
                            Properties:
                              FunctionName: !Ref Echo.Alias
                              SourceArn: !Sub
                                - arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:${Api}/${Stage}/*
                                - Api: !Ref WebsocketApi
                              Role: !GetAtt EchoRole.Arn
                              Literal: !Sub ${!NotAName} and ${ServerlessRestApi}
                        Outputs:
                          Url:
                            Value: !GetAtt [WebsocketApi, ApiEndpoint]
                          NoValue:
                            Value: !If [Never, !Ref AWS::NoValue, !Ref Stage]
                        """));
    }

    @Test
    void templatesWithAMacro_areNotChecked() {
        // A macro may declare resources this cannot see; CloudFormation checks what it returns.
        assertDoesNotThrow(() -> check(TOP.replace("Transform: AWS::Serverless-2016-10-31",
                "Transform: [AWS::LanguageExtensions, AWS::Serverless-2016-10-31]") + """
                        Outputs:
                          Made:
                            Value: !Ref MadeByTheMacro
                        """));
    }
}
