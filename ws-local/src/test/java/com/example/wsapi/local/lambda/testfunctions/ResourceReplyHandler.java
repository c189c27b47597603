package com.example.wsapi.local.lambda.testfunctions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A WebSocket route whose reply is the resource {@code reply.txt} of its code, read once at init (as a handler reads
 * its configuration): an instance answers with the code it started with. A message with {@code "gate":"<file>"}
 * prints {@code waiting in <pid>} and waits (at most 30 s) for that file before answering.
 */
public class ResourceReplyHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {

    private static final Pattern GATE = Pattern.compile("\"gate\":\"([^\"]+)\"");

    private final String reply;

    public ResourceReplyHandler() {
        try (InputStream in = ResourceReplyHandler.class.getResourceAsStream("/reply.txt")) {
            if (in == null) {
                throw new IllegalStateException("no reply.txt on the classpath");
            }
            reply = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        Object body = event.get("body");
        Matcher gate = GATE.matcher(body instanceof String text ? text : "");
        if (gate.find()) {
            System.out.println("waiting in " + ProcessHandle.current().pid());
            System.out.flush();
            long deadline = System.nanoTime() + 30_000_000_000L;
            try {
                while (!Files.exists(Path.of(gate.group(1))) && System.nanoTime() < deadline) {
                    Thread.sleep(10);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return Map.of("statusCode", 200, "body", reply);
    }
}
