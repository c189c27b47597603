package com.example.wsapi.local.template;

import java.util.List;

/**
 * An {@code AWS::ApiGatewayV2::Api} with {@code ProtocolType: WEBSOCKET}, its routes and stage.
 *
 * @param logicalId                the resource's logical id
 * @param apiId                    the local API id (10 lowercase alphanumerics, like API Gateway's)
 * @param routeSelectionExpression e.g. {@code $request.body.action}
 * @param stageName                the stage name (the template's, or the --stage override)
 * @param routes                   every route of the API
 */
public record WebSocketApi(String logicalId, String apiId, String routeSelectionExpression, String stageName,
                           List<Route> routes) {}
