package com.example.wsapi.local.lambda.testfunctions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.Map;

/**
 * A two-way route's function, named by its class alone ({@code Handler: package.Class}, as the CDK's Java examples
 * write it): answers {@code echo: <the message> (<its function name>)}.
 */
public class PrefixEchoHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        return Map.of("statusCode", 200, "body", "echo: " + event.get("body") + " (" + context.getFunctionName() + ")");
    }
}
