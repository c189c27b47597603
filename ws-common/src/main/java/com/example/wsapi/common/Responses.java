package com.example.wsapi.common;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;
import java.util.Map;

/** Integration responses. Only $connect's status reaches the client; on other routes it is for logs and tests. */
public final class Responses {

    private Responses() {}

    public static APIGatewayV2WebSocketResponse ok() {
        return status(200, "");
    }

    /** $connect's acceptance naming the chosen subprotocol: the one header of its answer the client receives. */
    public static APIGatewayV2WebSocketResponse okWithSubprotocol(String subprotocol) {
        APIGatewayV2WebSocketResponse response = ok();
        response.setHeaders(Map.of("Sec-WebSocket-Protocol", subprotocol));
        return response;
    }

    public static APIGatewayV2WebSocketResponse status(int statusCode, String body) {
        APIGatewayV2WebSocketResponse response = new APIGatewayV2WebSocketResponse();
        response.setStatusCode(statusCode);
        response.setBody(body);
        return response;
    }
}
