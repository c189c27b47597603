package com.example.wsapi.local.lambda.testfunctions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A WebSocket route for fault tests, behind a two-way route: a message with {@code "ms":N} prints
 * {@code sleeping in <pid>} and sleeps N ms; every message is answered with {@code pid <pid>}.
 */
public class WebSocketProbeHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {

    private static final Pattern SLEEP = Pattern.compile("\"ms\":(\\d+)");

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        long pid = ProcessHandle.current().pid();
        Object body = event.get("body");
        Matcher sleep = SLEEP.matcher(body instanceof String text ? text : "");
        if (sleep.find()) {
            System.out.println("sleeping in " + pid);
            System.out.flush();
            try {
                Thread.sleep(Long.parseLong(sleep.group(1)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return Map.of("statusCode", 200, "body", "pid " + pid);
    }
}
