package com.example.wsapi.local.testing;

/**
 * Pieces of the templates tests write, as YAML lines indented as entries of {@code Resources:} (two spaces), so a
 * test's template shows only what that test is about.
 */
public final class TestTemplates {

    private TestTemplates() {}

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
