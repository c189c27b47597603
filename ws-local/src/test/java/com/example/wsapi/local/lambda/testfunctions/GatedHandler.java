package com.example.wsapi.local.lambda.testfunctions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Marks its start by creating {@code <startedDir>/<requestId>}, waits until the file {@code gate} exists (at most
 * 30 s), then returns its process id: lets a test hold invocations open for as long as it needs.
 */
public class GatedHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        Path gate = Path.of((String) event.get("gate"));
        try {
            Files.createFile(Path.of((String) event.get("startedDir")).resolve(context.getAwsRequestId()));
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (!Files.exists(gate) && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return Map.of("pid", ProcessHandle.current().pid());
    }
}
