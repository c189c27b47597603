package com.example.wsapi.local.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * http-backend/target/http-backend.jar run with {@code java -jar} as a user runs it, on a free port, its output
 * echoed to this JVM's stdout with a prefix. A JVM of its own: its classes and logging settings stay out of the
 * tests' classpath.
 */
public final class HttpBackendJar implements AutoCloseable {

    private static final Pattern LISTENING = Pattern.compile("listening on http://[^:]+:(\\d+)");
    private static final Duration START = Duration.ofSeconds(60);

    private final Process process;
    private final CompletableFuture<Integer> port = new CompletableFuture<>();
    private final List<String> output = new ArrayList<>();

    private HttpBackendJar(Process process) {
        this.process = process;
        Thread reader = new Thread(this::read, "http-backend-output");
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Starts the jar and waits until it listens.
     *
     * @param connectionsEndpoint the stage's URL ({@code http://127.0.0.1:<port>/<stage>})
     * @param dynamoDbEndpoint    DynamoDB Local's URL
     * @param table               the connection table
     */
    public static HttpBackendJar start(String connectionsEndpoint, String dynamoDbEndpoint, String table) {
        Path jar = Path.of(System.getProperty("project.root"), "http-backend", "target", "http-backend.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build http-backend first (mvn verify builds it)");
        }
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString(), "--port", "0", "--connections-endpoint", connectionsEndpoint,
                "--dynamodb-endpoint", dynamoDbEndpoint, "--table", table).redirectErrorStream(true);
        // Only the options configure it: none of the variables it reads leak in from this JVM's environment.
        builder.environment().keySet().removeAll(List.of("PORT", "BIND_HOST", "CONNECTIONS_ENDPOINT",
                "CONNECTIONS_TABLE", "DYNAMODB_ENDPOINT", "AWS_REGION"));
        HttpBackendJar backend;
        try {
            backend = new HttpBackendJar(builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException("could not run " + jar, e);
        }
        try {
            backend.port.get(START.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            backend.close();
            throw new IllegalStateException("http-backend did not start within " + START + "; output:\n"
                    + backend.output(), e);
        }
        return backend;
    }

    /** {@code http://127.0.0.1:<port>}. */
    public String url() {
        return "http://127.0.0.1:" + port.join();
    }

    /** Everything it printed so far. */
    public synchronized String output() {
        return String.join("\n", output);
    }

    private void read() {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                synchronized (this) {
                    output.add(line);
                }
                System.out.println("[http-backend] " + line);
                Matcher listening = LISTENING.matcher(line);
                if (listening.find()) {
                    port.complete(Integer.parseInt(listening.group(1)));
                }
            }
        } catch (IOException e) {
            // the process ended
        } finally {
            port.completeExceptionally(new IllegalStateException("http-backend ended"));
        }
    }

    /** Kills it, as a crash would, and waits until it is gone: its port refuses connections from then on. */
    @Override
    public void close() {
        process.destroyForcibly();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
