package com.example.wsapi.local.lambda.testfunctions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Opens a WebSocket to the API's {@code wss://} URL in {@code WEBSOCKET_URL} as a client, with the JDK's HttpClient
 * as it comes (its default proxy selector reads {@code https.proxyHost}), closes it, and answers (a two-way route)
 * {@code opened <url>}.
 */
public class ApiEndpointWebSocketHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        URI url = URI.create(System.getenv("WEBSOCKET_URL"));
        try {
            WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder()
                    .connectTimeout(Duration.ofSeconds(10))
                    .buildAsync(url, new WebSocket.Listener() {})
                    .get(20, TimeUnit.SECONDS);
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot open " + url + ": " + e, e);
        }
        return Map.of("statusCode", 200, "body", "opened " + url);
    }
}
