package com.example.wsapi.httpbackend;

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
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** target/http-backend.jar run with {@code java -jar} as a user runs it, its output (stdout and stderr) read live. */
final class RunningJar implements AutoCloseable {

    static final Path JAR = Path.of("target", "http-backend.jar");
    private static final String END = "\u0000end of output";

    private final Process process;
    private final Thread reader;
    private final BlockingQueue<String> unread = new LinkedBlockingQueue<>();
    private final List<String> lines = new ArrayList<>();

    private RunningJar(Process process) {
        this.process = process;
        this.reader = new Thread(this::read, "http-backend-output");
        reader.setDaemon(true);
        reader.start();
    }

    /** @param environment added to this JVM's environment without the variables the backend reads */
    static RunningJar start(List<String> arguments, Map<String, String> environment) {
        if (!Files.isRegularFile(JAR)) {
            throw new IllegalStateException(JAR.toAbsolutePath() + " is missing: run the ITs with Maven, after "
                    + "package");
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-jar", JAR.toString()));
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        for (String name : List.of("PORT", "BIND_HOST", "CONNECTIONS_ENDPOINT", "CONNECTIONS_TABLE",
                "DYNAMODB_ENDPOINT", "AWS_REGION")) {
            builder.environment().remove(name);
        }
        builder.environment().putAll(environment);
        try {
            return new RunningJar(builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The first group of the next line matching {@code pattern}; fails when the output ends or time runs out. */
    String awaitLine(Pattern pattern, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            String line = unread.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (line == null || line.equals(END)) {
                throw new AssertionError("no line matching " + pattern + (line == null ? " within " + timeout
                        : " before the output ended") + "; output:\n" + output());
            }
            Matcher matcher = pattern.matcher(line);
            if (matcher.find()) {
                return matcher.groupCount() > 0 ? matcher.group(1) : line;
            }
        }
    }

    /** Waits for the process to end and its output to be read to the end. */
    int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("http-backend still running after " + timeout + "; output:\n" + output());
        }
        reader.join(timeout.toMillis());
        return process.exitValue();
    }

    /** SIGTERM, as a service manager stops it. Through the handle: Process.destroy() also closes its output. */
    void terminate() {
        process.toHandle().destroy();
    }

    /** Everything it printed so far. */
    synchronized String output() {
        return String.join("\n", lines);
    }

    private void read() {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                synchronized (this) {
                    lines.add(line);
                }
                unread.add(line);
            }
        } catch (IOException e) {
            // the process ended
        } finally {
            unread.add(END);
        }
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
