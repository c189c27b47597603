package com.example.wsapi.connect;

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
import com.example.wsapi.common.connections.StoreFailedException;
import com.example.wsapi.common.routes.ConnectService;
import java.time.Clock;

/**
 * $connect: stores the connection; a 500 refuses the handshake when it can't be stored. Answers with the subprotocol
 * {@code chat} when the client offers it (browsers that pass a sign-in token that way need it).
 */
public final class ConnectHandler implements RequestHandler<APIGatewayV2WebSocketEvent, APIGatewayV2WebSocketResponse> {

    private final ConnectService service;
    private Priming priming;

    public ConnectHandler() {
        this(defaultService(AppConfig.fromEnvironment()));
        priming = Priming.register(() -> service.connect(WebSocketRequest.forPriming("$connect", null)));
    }

    ConnectHandler(ConnectService service) {
        this.service = service;
    }

    @Override
    public APIGatewayV2WebSocketResponse handleRequest(APIGatewayV2WebSocketEvent event, Context context) {
        return HandlerSupport.respond(event, context, request -> {
            try {
                service.connect(request);
            } catch (StoreFailedException e) {
                HandlerSupport.log(context, LogLevel.ERROR, "refused " + request.connectionId()
                        + ": the connection could not be stored: " + e.getMessage());
                return Responses.status(500, "the connection could not be stored");
            }
            HandlerSupport.log(context, LogLevel.INFO, "connected " + request.connectionId());
            return service.subprotocol(request).map(Responses::okWithSubprotocol).orElseGet(Responses::ok);
        });
    }

    private static ConnectService defaultService(AppConfig config) {
        return new ConnectService(new ConnectionStore(DynamoDbClients.shared(), config.requireTable(), null,
                config.dynamoDbEndpointName()),
                config.connectionTtl(), Clock.systemUTC());
    }
}
