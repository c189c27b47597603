package com.example.wsapi.common;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;

/** Integration responses. Only $connect's status reaches the client; on other routes it is for logs and tests. */
public final class Responses {

    private Responses() {}

    public static APIGatewayV2WebSocketResponse ok() {
        return status(200, "");
    }

    public static APIGatewayV2WebSocketResponse status(int statusCode, String body) {
        APIGatewayV2WebSocketResponse response = new APIGatewayV2WebSocketResponse();
        response.setStatusCode(statusCode);
        response.setBody(body);
        return response;
    }
}
