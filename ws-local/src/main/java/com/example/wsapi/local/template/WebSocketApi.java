package com.example.wsapi.local.template;

import java.util.List;
import java.util.Map;

/**
 * An {@code AWS::ApiGatewayV2::Api} with {@code ProtocolType: WEBSOCKET}, its routes and stage.
 *
 * @param logicalId                the resource's logical id
 * @param apiId                    the local API id (10 lowercase alphanumerics, like API Gateway's)
 * @param routeSelectionExpression e.g. {@code $request.body.action}
 * @param stageName                the stage name (the template's, or the --stage override)
 * @param stageVariables           the stage's {@code StageVariables}
 * @param routes                   every route of the API
 */
public record WebSocketApi(String logicalId, String apiId, String routeSelectionExpression, String stageName,
                           Map<String, String> stageVariables, List<Route> routes) {}
