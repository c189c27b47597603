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
import com.example.wsapi.common.aws.ManagementApiClients;
import com.example.wsapi.common.aws.Priming;
import com.example.wsapi.common.broadcast.RoomConnections;
import com.example.wsapi.common.routes.DisconnectService;
import java.net.URI;
import java.util.function.Function;
import java.util.stream.Stream;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** $disconnect: removes the connection's record (a missing record is fine) and tells its room member-left. */
public final class DisconnectHandler
        implements RequestHandler<APIGatewayV2WebSocketEvent, APIGatewayV2WebSocketResponse> {

    private final RoomConnections connections;
    private Priming priming;

    public DisconnectHandler() {
        this(AppConfig.fromEnvironment(), DynamoDbClients.shared(), ManagementApiClients::forEndpoint);
        WebSocketRequest sample = WebSocketRequest.forPriming("$disconnect", null);
        priming = Priming.register(() -> {
            Priming.step(() -> service(sample).disconnect(sample.connectionId()));
            Priming.step(() -> connections.store().connectionIdsInRoom("priming").findFirst());
            Priming.step(() -> connections.broadcaster(sample).broadcast(Stream.of(sample.connectionId()), "{}"));
        });
    }

    DisconnectHandler(AppConfig config, DynamoDbClient dynamo, Function<URI, ApiGatewayManagementApiClient> clients) {
        this.connections = new RoomConnections(config, dynamo, clients);
    }

    @Override
    public APIGatewayV2WebSocketResponse handleRequest(APIGatewayV2WebSocketEvent event, Context context) {
        return HandlerSupport.respond(event, context, request -> {
            DisconnectService.Outcome outcome = service(request).disconnect(request.connectionId());
            if (!outcome.removed()) {
                // The record's TTL removes it later; API Gateway ignores $disconnect's response anyway.
                HandlerSupport.log(context, LogLevel.ERROR, "could not delete " + request.connectionId()
                        + " now (its TTL will remove it): " + outcome.removeProblem());
                return Responses.status(500, "the connection record is left to its TTL");
            }
            if (!outcome.wasInRoom()) {
                HandlerSupport.log(context, LogLevel.INFO, "disconnected " + request.connectionId());
            } else if (outcome.notifyProblem() != null) {
                HandlerSupport.log(context, LogLevel.WARN, "disconnected " + request.connectionId()
                        + "; could not tell its room: " + outcome.notifyProblem());
            } else {
                HandlerSupport.log(context, outcome.notified().failed() > 0 ? LogLevel.WARN : LogLevel.INFO,
                        "disconnected " + request.connectionId() + "; member-left " + outcome.notified().summary());
            }
            return Responses.ok();
        });
    }

    private DisconnectService service(WebSocketRequest request) {
        // The endpoint is resolved only when there is a room to tell: deleting the record never depends on it.
        return new DisconnectService(connections.store(), () -> connections.broadcaster(request));
    }
}
