package com.example.wsapi.connect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;
import com.example.wsapi.common.AppConfig;
import com.example.wsapi.common.connections.Connection;
import com.example.wsapi.common.connections.ConnectionStore;
import com.example.wsapi.common.routes.ConnectService;
import com.example.wsapi.common.testing.LambdaEvents;
import com.example.wsapi.common.testing.LocalConnectionsTable;
import com.example.wsapi.common.testing.LocalDynamoDb;
import com.example.wsapi.common.testing.RecordingContext;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** $connect against DynamoDB Local, fed by events/connect.json as Lambda deserialises it. */
class ConnectHandlerIT {

    @RegisterExtension
    static final LocalConnectionsTable dynamo = LocalConnectionsTable.oneForTheClass();

    private static ConnectHandler handler(DynamoDbClient client) {
        return handler(client, dynamo.tableName(), dynamo.endpoint());
    }

    private static ConnectHandler handler(DynamoDbClient client, String table, URI endpoint) {
        return new ConnectHandler(new ConnectService(new ConnectionStore(client, table, null, endpoint.toString()),
                AppConfig.DEFAULT_CONNECTION_TTL, Clock.systemUTC()));
    }

    @Test
    void connect_storesTheConnectionWithItsExpiry() {
        APIGatewayV2WebSocketEvent event = LambdaEvents.load("connect.json", APIGatewayV2WebSocketEvent.class);
        APIGatewayV2WebSocketEvent.RequestContext context = event.getRequestContext();
        RecordingContext lambda = new RecordingContext();

        APIGatewayV2WebSocketResponse response = handler(dynamo.client()).handleRequest(event, lambda);

        assertEquals(200, response.getStatusCode());
        Connection stored = dynamo.store().find(context.getConnectionId()).orElseThrow();
        assertEquals(context.getConnectedAt(), stored.connectedAt());
        assertEquals(context.getIdentity().getSourceIp(), stored.sourceIp());
        assertEquals(context.getIdentity().getUserAgent(), stored.userAgent());
        long expected = context.getConnectedAt() / 1000 + Duration.ofHours(2).plusMinutes(10).toSeconds();
        assertEquals(expected, stored.expiresAt(), "TTL a little past API Gateway's 2-hour limit");
        assertTrue(lambda.log().contains(context.getConnectionId()));
        assertTrue(!lambda.log().contains(context.getIdentity().getSourceIp()), "no client metadata in logs");
    }

    @Test
    void connect_offeringChat_isAnsweredWithChat_theOneSubprotocolTheClientSees() {
        APIGatewayV2WebSocketEvent event = LambdaEvents.load("connect.json", APIGatewayV2WebSocketEvent.class);
        Map<String, String> headers = new HashMap<>(event.getHeaders());
        headers.put("Sec-WebSocket-Protocol", "chat, eyJhbGciOiJSUzI1NiJ9.e30.c2ln");
        event.setHeaders(headers);
        RecordingContext lambda = new RecordingContext();

        APIGatewayV2WebSocketResponse response = handler(dynamo.client()).handleRequest(event, lambda);

        assertEquals(200, response.getStatusCode());
        assertEquals(Map.of("Sec-WebSocket-Protocol", "chat"), response.getHeaders());
        assertFalse(lambda.log().contains("eyJ"), "the token among the subprotocols stays out of logs");
        String json = LambdaEvents.toJson(response, APIGatewayV2WebSocketResponse.class);
        assertTrue(json.contains("\"headers\":{\"Sec-WebSocket-Protocol\":\"chat\"}"), json);
    }

    @Test
    void connect_offeringOnlyOtherSubprotocols_orNone_isAnsweredWithout() {
        APIGatewayV2WebSocketEvent event = LambdaEvents.load("connect.json", APIGatewayV2WebSocketEvent.class);
        assertNull(handler(dynamo.client()).handleRequest(event, new RecordingContext()).getHeaders());

        Map<String, String> headers = new HashMap<>(event.getHeaders());
        headers.put("Sec-WebSocket-Protocol", "graphql-ws");
        event.setHeaders(headers);
        event.getRequestContext().setConnectionId("OtherProtocol00=");
        assertNull(handler(dynamo.client()).handleRequest(event, new RecordingContext()).getHeaders());
    }

    @Test
    void connect_whenStoreUnavailable_refusesWith500_writesNothing_andLogsTheEndpointUnreachable() throws Exception {
        APIGatewayV2WebSocketEvent event = LambdaEvents.load("connect.json", APIGatewayV2WebSocketEvent.class);
        event.getRequestContext().setConnectionId("UnreachableXYZ0=");
        URI dead = LocalDynamoDb.unreachableEndpoint();
        RecordingContext lambda = new RecordingContext();
        try (DynamoDbClient unreachable = LocalDynamoDb.clientFor(dead)) {

            APIGatewayV2WebSocketResponse response = handler(unreachable, dynamo.tableName(), dead)
                    .handleRequest(event, lambda);

            assertEquals(500, response.getStatusCode());
        }
        assertTrue(dynamo.store().find("UnreachableXYZ0=").isEmpty());
        assertEquals(List.of("refused UnreachableXYZ0=: the connection could not be stored: PutItem on table "
                + dynamo.tableName() + " at " + dead + " failed: the endpoint is unreachable (ConnectException: "
                + "Connection refused)"), lambda.logLines());
    }

    @Test
    void connect_whenTheTableDoesNotExist_refusesWith500_andLogsWhichTableIsMissingWhere() {
        APIGatewayV2WebSocketEvent event = LambdaEvents.load("connect.json", APIGatewayV2WebSocketEvent.class);
        String id = event.getRequestContext().getConnectionId();
        RecordingContext lambda = new RecordingContext();
        ConnectHandler handler = handler(dynamo.client(), "no-such-table", dynamo.endpoint());

        assertEquals(500, handler.handleRequest(event, lambda).getStatusCode());

        assertEquals(List.of("refused " + id + ": the connection could not be stored: PutItem on table no-such-table "
                + "at " + dynamo.endpoint() + " failed: the table does not exist there (ResourceNotFoundException, "
                + "HTTP 400)"), lambda.logLines());
        assertFalse(lambda.log().contains(event.getRequestContext().getIdentity().getSourceIp()),
                "no client metadata in logs");
    }

    @Test
    void connect_withoutRequestContext_answers400() {
        APIGatewayV2WebSocketEvent event = LambdaEvents.load("connect.json", APIGatewayV2WebSocketEvent.class);
        event.setRequestContext(null);
        long before = dynamo.count();

        APIGatewayV2WebSocketResponse response = handler(dynamo.client()).handleRequest(event, new RecordingContext());

        assertEquals(400, response.getStatusCode());
        assertTrue(response.getBody().contains("requestContext"));
        assertEquals(before, dynamo.count());
    }

    @Test
    void response_serialisesTheWayLambdaReturnsIt() {
        APIGatewayV2WebSocketEvent event = LambdaEvents.load("connect.json", APIGatewayV2WebSocketEvent.class);
        String json = LambdaEvents.toJson(handler(dynamo.client()).handleRequest(event, new RecordingContext()),
                APIGatewayV2WebSocketResponse.class);
        assertTrue(json.contains("\"statusCode\":200"), json);
        assertNull(event.getBody(), "CONNECT events have no body");
    }
}
