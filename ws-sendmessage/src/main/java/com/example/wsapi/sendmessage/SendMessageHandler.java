package com.example.wsapi.sendmessage;

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
import com.example.wsapi.common.broadcast.BroadcastResult;
import com.example.wsapi.common.broadcast.RoomConnections;
import com.example.wsapi.common.posting.ConnectionPoster;
import com.example.wsapi.common.posting.Delivery;
import com.example.wsapi.common.routes.ChatMessages;
import com.example.wsapi.common.routes.SendMessageService;
import com.google.gson.JsonPrimitive;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.function.Function;
import java.util.stream.Stream;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * sendmessage: {"action":"sendmessage","data":...} delivers the data as a message to every connection in the
 * sender's room (everyone when it is in none, unless sign-in is on), the sender included.
 */
public final class SendMessageHandler
        implements RequestHandler<APIGatewayV2WebSocketEvent, APIGatewayV2WebSocketResponse> {

    private final RoomConnections connections;
    private Priming priming;

    public SendMessageHandler() {
        this(AppConfig.fromEnvironment(), DynamoDbClients.shared(), ManagementApiClients::forEndpoint);
        WebSocketRequest sample = WebSocketRequest.forPriming("sendmessage",
                "{\"action\":\"sendmessage\",\"data\":\"priming\"}");
        priming = Priming.register(() -> {
            Priming.step(() -> service(sample).send(sample.connectionId(), sample.body(), sample.requestTimeEpoch()));
            Priming.step(() -> connections.store().connectionIdsInRoom("priming").findFirst());
            Priming.step(() -> connections.store().allConnectionIds().findFirst());
            Priming.step(() -> connections.broadcaster(sample).broadcast(Stream.of(sample.connectionId()),
                    ChatMessages.message("priming", "priming", new JsonPrimitive("priming"), Instant.now())));
            Priming.step(() -> service(sample).send(sample.connectionId(), "{}", 0)); // the error reply's path
        });
    }

    SendMessageHandler(AppConfig config, DynamoDbClient dynamo, Function<URI, ApiGatewayManagementApiClient> clients) {
        this.connections = new RoomConnections(config, dynamo, clients);
    }

    @Override
    public APIGatewayV2WebSocketResponse handleRequest(APIGatewayV2WebSocketEvent event, Context context) {
        return HandlerSupport.respond(event, context, request -> {
            SendMessageService.Outcome outcome = service(request)
                    .send(request.connectionId(), request.body(), request.requestTimeEpoch(), request.user());
            if (!outcome.sent()) {
                HandlerSupport.log(context, LogLevel.INFO, "sendmessage from " + request.connectionId()
                        + " refused: error reply " + outcome.errorReply());
                return outcome.errorReply() == Delivery.GONE ? Responses.status(410, "connection gone")
                        : Responses.ok();
            }
            BroadcastResult result = outcome.broadcast();
            HandlerSupport.log(context, result.failed() > 0 ? LogLevel.WARN : LogLevel.INFO,
                    "sendmessage from " + request.connectionId() + ": " + result.summary());
            return Responses.ok();
        });
    }

    private SendMessageService service(WebSocketRequest request) {
        ConnectionPoster poster = connections.poster(request);
        return new SendMessageService(connections.store(), poster, connections.broadcaster(poster),
                Clock.systemUTC());
    }
}
