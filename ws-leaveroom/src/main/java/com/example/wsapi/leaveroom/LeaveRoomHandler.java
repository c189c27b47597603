package com.example.wsapi.leaveroom;

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
import com.example.wsapi.common.posting.ConnectionPoster;
import com.example.wsapi.common.posting.Delivery;
import com.example.wsapi.common.routes.ChatMessages;
import com.example.wsapi.common.routes.LeaveRoomService;
import java.net.URI;
import java.util.function.Function;
import java.util.stream.Stream;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * leaveroom: {"action":"leaveroom"} takes the sender out of its room (the connection stays open); the room hears
 * member-left and the sender gets left, or an error reply when it is in no room.
 */
public final class LeaveRoomHandler
        implements RequestHandler<APIGatewayV2WebSocketEvent, APIGatewayV2WebSocketResponse> {

    private final RoomConnections connections;
    private Priming priming;

    public LeaveRoomHandler() {
        this(AppConfig.fromEnvironment(), DynamoDbClients.shared(), ManagementApiClients::forEndpoint);
        WebSocketRequest sample = WebSocketRequest.forPriming("leaveroom", "{\"action\":\"leaveroom\"}");
        priming = Priming.register(() -> {
            Priming.step(() -> service(sample).leave(sample.connectionId()));
            Priming.step(() -> connections.store().connectionIdsInRoom("priming").findFirst());
            Priming.step(() -> connections.broadcaster(sample).broadcast(Stream.of(sample.connectionId()),
                    ChatMessages.memberLeft("priming", "priming")));
        });
    }

    LeaveRoomHandler(AppConfig config, DynamoDbClient dynamo, Function<URI, ApiGatewayManagementApiClient> clients) {
        this.connections = new RoomConnections(config, dynamo, clients);
    }

    @Override
    public APIGatewayV2WebSocketResponse handleRequest(APIGatewayV2WebSocketEvent event, Context context) {
        return HandlerSupport.respond(event, context, request -> {
            LeaveRoomService.Outcome outcome = service(request).leave(request.connectionId());
            if (!outcome.left()) {
                HandlerSupport.log(context, LogLevel.INFO, "leaveroom from " + request.connectionId()
                        + " refused: error reply " + outcome.reply());
            } else {
                HandlerSupport.log(context, outcome.notified().failed() > 0 ? LogLevel.WARN : LogLevel.INFO,
                        "left " + request.connectionId() + "; member-left " + outcome.notified().summary()
                                + "; reply " + outcome.reply());
            }
            return outcome.reply() == Delivery.GONE ? Responses.status(410, "connection gone") : Responses.ok();
        });
    }

    private LeaveRoomService service(WebSocketRequest request) {
        ConnectionPoster poster = connections.poster(request);
        return new LeaveRoomService(connections.store(), poster, connections.broadcaster(poster));
    }
}
