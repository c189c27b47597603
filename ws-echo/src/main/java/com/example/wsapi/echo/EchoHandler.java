package com.example.wsapi.echo;

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
import com.example.wsapi.common.routes.EchoService;
import java.net.URI;
import java.util.function.Function;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiClient;

/** echo: {"action":"echo","data":...} sends data back to the sender through @connections. */
public final class EchoHandler implements RequestHandler<APIGatewayV2WebSocketEvent, APIGatewayV2WebSocketResponse> {

    private final AppConfig config;
    private final Function<URI, ApiGatewayManagementApiClient> clients;
    private Priming priming;

    public EchoHandler() {
        this(AppConfig.fromEnvironment(), ManagementApiClients::forEndpoint);
        WebSocketRequest sample = WebSocketRequest.forPriming("echo", "{\"action\":\"echo\",\"data\":\"priming\"}");
        priming = Priming.register(() -> service(sample).echo(sample.connectionId(), sample.body()));
    }

    EchoHandler(AppConfig config, Function<URI, ApiGatewayManagementApiClient> clients) {
        this.config = config;
        this.clients = clients;
    }

    @Override
    public APIGatewayV2WebSocketResponse handleRequest(APIGatewayV2WebSocketEvent event, Context context) {
        return HandlerSupport.respond(event, context, request -> {
            Delivery delivery = service(request).echo(request.connectionId(), request.body());
            if (delivery == Delivery.GONE) {
                HandlerSupport.log(context, LogLevel.INFO, "connection " + request.connectionId()
                        + " is gone (410): nothing to echo to");
                return Responses.status(410, "connection gone");
            }
            HandlerSupport.log(context, LogLevel.INFO, "echoed to " + request.connectionId());
            return Responses.ok();
        });
    }

    private EchoService service(WebSocketRequest request) {
        return new EchoService(new ConnectionPoster(clients.apply(config.connectionsEndpointFor(request))));
    }
}
