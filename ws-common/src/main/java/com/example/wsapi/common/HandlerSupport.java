package com.example.wsapi.common;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;
import java.util.function.Function;

/** What every route handler does around its service: read the event, answer 400 to a malformed one. */
public final class HandlerSupport {

    private HandlerSupport() {}

    public static APIGatewayV2WebSocketResponse respond(APIGatewayV2WebSocketEvent event, Context context,
            Function<WebSocketRequest, APIGatewayV2WebSocketResponse> route) {
        try {
            // Inside the try too: a route may find the event lacking later (no domainName/stage for @connections).
            return route.apply(WebSocketRequest.from(event));
        } catch (InvalidEventException e) {
            log(context, LogLevel.WARN, "rejected event: " + e.getMessage());
            return Responses.status(400, e.getMessage());
        }
    }

    /** Logs ids and outcomes only: message bodies and client metadata stay out of logs. */
    public static void log(Context context, LogLevel level, String message) {
        if (context != null && context.getLogger() != null) {
            context.getLogger().log(message, level);
        }
    }
}
