package com.example.wsapi.joinroom;

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
import com.example.wsapi.common.routes.JoinRoomService;
import java.net.URI;
import java.util.function.Function;
import java.util.stream.Stream;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * joinroom: {"action":"joinroom","room":"lobby","name":"ana"} puts the sender into a room; its old room hears
 * member-left, the new room member-joined, and the sender gets joined with the member count. With sign-in on the name
 * is the signed-in user's, from the authorizer's context.
 */
public final class JoinRoomHandler
        implements RequestHandler<APIGatewayV2WebSocketEvent, APIGatewayV2WebSocketResponse> {

    private final RoomConnections connections;
    private Priming priming;

    public JoinRoomHandler() {
        this(AppConfig.fromEnvironment(), DynamoDbClients.shared(), ManagementApiClients::forEndpoint);
        WebSocketRequest sample = WebSocketRequest.forPriming("joinroom",
                "{\"action\":\"joinroom\",\"room\":\"priming\",\"name\":\"priming\"}");
        priming = Priming.register(() -> {
            Priming.step(() -> service(sample).join(sample.connectionId(), sample.body()));
            Priming.step(() -> connections.store().connectionIdsInRoom("priming").findFirst());
            Priming.step(() -> connections.broadcaster(sample).broadcast(Stream.of(sample.connectionId()),
                    ChatMessages.memberJoined("priming", "priming")));
        });
    }

    JoinRoomHandler(AppConfig config, DynamoDbClient dynamo, Function<URI, ApiGatewayManagementApiClient> clients) {
        this.connections = new RoomConnections(config, dynamo, clients);
    }

    @Override
    public APIGatewayV2WebSocketResponse handleRequest(APIGatewayV2WebSocketEvent event, Context context) {
        return HandlerSupport.respond(event, context, request -> {
            JoinRoomService.Outcome outcome = service(request).join(request.connectionId(), request.body(),
                    request.user());
            if (!outcome.joined()) {
                HandlerSupport.log(context, LogLevel.INFO, "joinroom from " + request.connectionId()
                        + " refused: error reply " + outcome.reply());
            } else {
                boolean failures = outcome.leftOldRoom().failed() + outcome.joinedNewRoom().failed() > 0;
                HandlerSupport.log(context, failures ? LogLevel.WARN : LogLevel.INFO, "joined " + request.connectionId()
                        + " members=" + outcome.members()
                        + "; member-left " + outcome.leftOldRoom().summary()
                        + "; member-joined " + outcome.joinedNewRoom().summary()
                        + "; reply " + outcome.reply());
            }
            return outcome.reply() == Delivery.GONE ? Responses.status(410, "connection gone") : Responses.ok();
        });
    }

    private JoinRoomService service(WebSocketRequest request) {
        ConnectionPoster poster = connections.poster(request);
        return new JoinRoomService(connections.store(), poster, connections.broadcaster(poster));
    }
}
