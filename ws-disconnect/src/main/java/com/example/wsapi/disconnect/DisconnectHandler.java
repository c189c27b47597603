package com.example.wsapi.disconnect;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;
import com.example.wsapi.common.AppConfig;
import com.example.wsapi.common.HandlerSupport;
import com.example.wsapi.common.Responses;
import com.example.wsapi.common.WebSocketRequest;
import com.example.wsapi.common.aws.DynamoDbClients;
import com.example.wsapi.common.aws.Priming;
import com.example.wsapi.common.connections.ConnectionStore;
import com.example.wsapi.common.routes.DisconnectService;

/** $disconnect: removes the connection's record (a missing record is fine). */
public final class DisconnectHandler
        implements RequestHandler<APIGatewayV2WebSocketEvent, APIGatewayV2WebSocketResponse> {

    private final DisconnectService service;
    private Priming priming;

    public DisconnectHandler() {
        this(new DisconnectService(new ConnectionStore(DynamoDbClients.shared(),
                AppConfig.fromEnvironment().requireTable())));
        priming = Priming.register(() -> service.disconnect(WebSocketRequest.forPriming("$disconnect", null)
                .connectionId()));
    }

    DisconnectHandler(DisconnectService service) {
        this.service = service;
    }

    @Override
    public APIGatewayV2WebSocketResponse handleRequest(APIGatewayV2WebSocketEvent event, Context context) {
        return HandlerSupport.respond(event, context, request -> {
            if (service.disconnect(request.connectionId())) {
                HandlerSupport.log(context, LogLevel.INFO, "disconnected " + request.connectionId());
                return Responses.ok();
            }
            // The record's TTL removes it later; API Gateway ignores $disconnect's response anyway.
            HandlerSupport.log(context, LogLevel.ERROR, "could not delete " + request.connectionId()
                    + " now: its TTL will remove it");
            return Responses.status(500, "the connection record is left to its TTL");
        });
    }
}
