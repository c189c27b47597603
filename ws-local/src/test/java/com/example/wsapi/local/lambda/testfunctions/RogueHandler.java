package com.example.wsapi.local.lambda.testfunctions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Posts a response for a request id that does not exist to its own Runtime API, and returns what it answered. */
public class RogueHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        try {
            URL url = new URL("http://" + System.getenv("AWS_LAMBDA_RUNTIME_API")
                    + "/2018-06-01/runtime/invocation/" + event.get("requestId") + "/response");
            HttpURLConnection connection = (HttpURLConnection) url.openConnection();
            connection.setRequestMethod("POST");
            connection.setDoOutput(true);
            try (OutputStream body = connection.getOutputStream()) {
                body.write("{\"forged\":true}".getBytes(StandardCharsets.UTF_8));
            }
            int status = connection.getResponseCode();
            InputStream answer = status >= 400 ? connection.getErrorStream() : connection.getInputStream();
            String text = answer == null ? "" : new String(answer.readAllBytes(), StandardCharsets.UTF_8);
            return Map.of("status", status, "body", text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
