package com.example.wsapi.common;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;
import com.example.wsapi.common.connections.StoreFailedException;
import java.util.function.Function;

/**
 * What every route handler does around its service: read the event, answer 400 to a malformed one, and log why the
 * connection table failed before the failure ends the invocation.
 */
public final class HandlerSupport {

    /** Set by Lambda for the function's LoggingConfig (absent: text). */
    private static final String LOG_FORMAT = System.getenv("AWS_LAMBDA_LOG_FORMAT");

    private HandlerSupport() {}

    public static APIGatewayV2WebSocketResponse respond(APIGatewayV2WebSocketEvent event, Context context,
            Function<WebSocketRequest, APIGatewayV2WebSocketResponse> route) {
        try {
            WebSocketRequest request = WebSocketRequest.from(event);
            try {
                // Inside the try too: a route may find the event lacking later (no domainName/stage for @connections).
                return route.apply(request);
            } catch (StoreFailedException e) {
                // Rethrown: the invocation fails, so the client gets API Gateway's "Internal server error" frame.
                log(context, LogLevel.ERROR, request.routeKey() + " from " + request.connectionId() + " failed: "
                        + e.getMessage());
                throw e;
            }
        } catch (InvalidEventException e) {
            log(context, LogLevel.WARN, "rejected event: " + e.getMessage());
            return Responses.status(400, e.getMessage());
        }
    }

    /** Logs ids and outcomes only: message bodies and client metadata stay out of logs. */
    public static void log(Context context, LogLevel level, String message) {
        if (context != null && context.getLogger() != null) {
            context.getLogger().log(record(message, LOG_FORMAT), level);
        }
    }

    /**
     * The message as the runtime should get it for {@code logFormat} (the function's {@code AWS_LAMBDA_LOG_FORMAT}).
     * In text a line of its own: on Lambda each call is one log event, but on plain stdout (sam local, ws-local) the
     * runtime writes no newline and whatever it prints next (an error's trace) would join this line. In JSON the
     * runtime ends each record's line itself, and a newline would be part of the record's message.
     */
    static String record(String message, String logFormat) {
        if ("JSON".equalsIgnoreCase(logFormat)) {
            return message.endsWith("\n") ? message.substring(0, message.length() - 1) : message;
        }
        return message.endsWith("\n") ? message : message + "\n";
    }
}
