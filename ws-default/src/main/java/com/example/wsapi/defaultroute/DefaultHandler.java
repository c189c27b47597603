package com.example.wsapi.defaultroute;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;
import com.example.wsapi.common.AppConfig;
import com.example.wsapi.common.HandlerSupport;
import com.example.wsapi.common.Responses;
import com.example.wsapi.common.WebSocketRequest;
import com.example.wsapi.common.aws.ManagementApiClients;
import com.example.wsapi.common.aws.Priming;
import com.example.wsapi.common.posting.ConnectionPoster;
import com.example.wsapi.common.posting.Delivery;
import com.example.wsapi.common.routes.DefaultRouteService;
import java.net.URI;
import java.util.function.Function;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiClient;

/** $default: a message no route took gets a reply saying what was wrong and how to use the API. */
public final class DefaultHandler implements RequestHandler<APIGatewayV2WebSocketEvent, APIGatewayV2WebSocketResponse> {

    private final AppConfig config;
    private final Function<URI, ApiGatewayManagementApiClient> clients;
    private Priming priming;

    public DefaultHandler() {
        this(AppConfig.fromEnvironment(), ManagementApiClients::forEndpoint);
        WebSocketRequest sample = WebSocketRequest.forPriming("$default", "not json");
        priming = Priming.register(() -> service(sample).reply(sample.connectionId(), sample.body()));
    }

    DefaultHandler(AppConfig config, Function<URI, ApiGatewayManagementApiClient> clients) {
        this.config = config;
        this.clients = clients;
    }

    @Override
    public APIGatewayV2WebSocketResponse handleRequest(APIGatewayV2WebSocketEvent event, Context context) {
        return HandlerSupport.respond(event, context, request -> {
            Delivery delivery = service(request).reply(request.connectionId(), request.body());
            HandlerSupport.log(context, LogLevel.INFO, "usage reply to " + request.connectionId() + ": " + delivery);
            return delivery == Delivery.GONE ? Responses.status(410, "connection gone") : Responses.ok();
        });
    }

    private DefaultRouteService service(WebSocketRequest request) {
        return new DefaultRouteService(new ConnectionPoster(clients.apply(config.connectionsEndpointFor(request))));
    }
}
