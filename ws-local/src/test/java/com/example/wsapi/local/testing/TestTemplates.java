package com.example.wsapi.local.testing;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Pieces of the templates tests write, as YAML lines indented as entries of {@code Resources:} (two spaces), so a
 * test's template shows only what that test is about.
 */
public final class TestTemplates {

    private TestTemplates() {}

    /**
     * Writes {@code dir/template.yaml}: every function runs {@code handler} from the tests' own classes (linked as a
     * Maven project's {@code probe/target/classes}), with {@code globals} (YAML lines indented as Globals.Function
     * entries, e.g. {@code "    Timeout: 60\n"}) and the WebSocket API of {@link #webSocketApi(String, String)}, then
     * {@code resources}.
     */
    public static Path probeProject(Path dir, Class<?> handler, String globals, String resources)
            throws IOException, URISyntaxException {
        Path testClasses = Path.of(handler.getProtectionDomain().getCodeSource().getLocation().toURI());
        Files.createDirectories(dir.resolve("probe/target"));
        Files.createSymbolicLink(dir.resolve("probe/target/classes"), testClasses);
        return Files.writeString(dir.resolve("template.yaml"), """
                Transform: AWS::Serverless-2016-10-31
                Globals:
                  Function:
                    CodeUri: probe
                    Handler: %s::handleRequest
                    Runtime: java25
                    MemorySize: 256
                """.formatted(handler.getName()) + globals + "Resources:\n" + webSocketApi("probe", "dev")
                + resources);
    }

    /**
     * A WebSocket API {@code Api} that selects routes by {@code $request.body.action}, and its stage {@code Stage},
     * which API Gateway deploys after every change ({@code AutoDeploy}), as a deployable template has it.
     *
     * @param name      the API's Name
     * @param stageName the stage's StageName as YAML: {@code dev}, or {@code !Ref StageName}
     */
    public static String webSocketApi(String name, String stageName) {
        return """
                  Api:
                    Type: AWS::ApiGatewayV2::Api
                    Properties:
                      Name: %s
                      ProtocolType: WEBSOCKET
                      RouteSelectionExpression: $request.body.action
                  Stage:
                    Type: AWS::ApiGatewayV2::Stage
                    Properties:
                      ApiId: !Ref Api
                      AutoDeploy: true
                      StageName: %s
                """.formatted(name, stageName);
    }

    /**
     * As {@link #webSocketApi(String, String)}, the API's logical id {@code logicalId} and its stage's
     * {@code <logicalId>Stage}: for a template with several WebSocket APIs.
     */
    public static String webSocketApi(String logicalId, String name, String stageName) {
        return webSocketApi(name, stageName).replace("  Api:\n", "  " + logicalId + ":\n")
                .replace("  Stage:\n", "  " + logicalId + "Stage:\n").replace("!Ref Api\n", "!Ref " + logicalId + "\n");
    }

    /**
     * A two-way route of the API {@code apiId} to a MOCK integration whose reply is {@code reply} (a mapping template,
     * written in single quotes): {@code <name>Route}, {@code <name>RouteResponse}, {@code <name>Integration} and
     * {@code <name>IntegrationResponse}. Nothing to build or run.
     */
    public static String mockRoute(String apiId, String name, String routeKey, String reply) {
        return """
                  %2$sRoute:
                    Type: AWS::ApiGatewayV2::Route
                    Properties:
                      ApiId: !Ref %1$s
                      RouteKey: %3$s
                      RouteResponseSelectionExpression: $default
                      Target: !Sub integrations/${%2$sIntegration}
                  %2$sRouteResponse:
                    Type: AWS::ApiGatewayV2::RouteResponse
                    Properties:
                      ApiId: !Ref %1$s
                      RouteId: !Ref %2$sRoute
                      RouteResponseKey: $default
                  %2$sIntegration:
                    Type: AWS::ApiGatewayV2::Integration
                    Properties:
                      ApiId: !Ref %1$s
                      IntegrationType: MOCK
                      RequestTemplates:
                        $default: '{"statusCode": 200}'
                  %2$sIntegrationResponse:
                    Type: AWS::ApiGatewayV2::IntegrationResponse
                    Properties:
                      ApiId: !Ref %1$s
                      IntegrationId: !Ref %2$sIntegration
                      IntegrationResponseKey: $default
                      ResponseTemplates:
                        $default: '%4$s'
                """.formatted(apiId, name, routeKey, reply);
    }

    /**
     * A route of {@link #webSocketApi} to the function {@code <name>Function} through a Lambda proxy integration:
     * {@code <name>Route}, {@code <name>Integration}, and for a two-way route {@code <name>RouteResponse}. The
     * function itself is the test's to declare.
     */
    public static String lambdaRoute(String name, String routeKey, boolean twoWay) {
        String route = """
                  %1$sRoute:
                    Type: AWS::ApiGatewayV2::Route
                    Properties:
                      ApiId: !Ref Api
                      RouteKey: %2$s
                      Target: !Sub integrations/${%1$sIntegration}
                """.formatted(name, routeKey);
        String response = !twoWay ? "" : """
                      RouteResponseSelectionExpression: $default
                  %1$sRouteResponse:
                    Type: AWS::ApiGatewayV2::RouteResponse
                    Properties:
                      ApiId: !Ref Api
                      RouteId: !Ref %1$sRoute
                      RouteResponseKey: $default
                """.formatted(name);
        return route + response + """
                  %1$sIntegration:
                    Type: AWS::ApiGatewayV2::Integration
                    Properties:
                      ApiId: !Ref Api
                      IntegrationType: AWS_PROXY
                      IntegrationUri: !Sub arn:aws:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${%1$sFunction.Arn}/invocations
                """.formatted(name);
    }
}
