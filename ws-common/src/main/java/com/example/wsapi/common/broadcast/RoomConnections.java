package com.example.wsapi.common.broadcast;

import com.example.wsapi.common.AppConfig;
import com.example.wsapi.common.WebSocketRequest;
import com.example.wsapi.common.connections.ConnectionStore;
import com.example.wsapi.common.posting.ConnectionPoster;
import java.net.URI;
import java.util.function.Function;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * What the room routes ($disconnect, joinroom, sendmessage) work with: the connection records, and posting to
 * connections through the @connections endpoint of each request.
 */
public final class RoomConnections {

    private final AppConfig config;
    private final ConnectionStore store;
    private final Function<URI, ApiGatewayManagementApiClient> clients;

    public RoomConnections(AppConfig config, DynamoDbClient dynamo,
                           Function<URI, ApiGatewayManagementApiClient> clients) {
        this.config = config;
        this.store = new ConnectionStore(dynamo, config.requireTable(), config.queryPageSize(),
                config.dynamoDbEndpointName());
        this.clients = clients;
    }

    public ConnectionStore store() {
        return store;
    }

    public ConnectionPoster poster(WebSocketRequest request) {
        return new ConnectionPoster(clients.apply(config.connectionsEndpointFor(request)));
    }

    public Broadcaster broadcaster(ConnectionPoster poster) {
        return Broadcaster.create(poster, store, config);
    }

    public Broadcaster broadcaster(WebSocketRequest request) {
        return broadcaster(poster(request));
    }
}
