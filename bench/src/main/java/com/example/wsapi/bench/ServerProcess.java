package com.example.wsapi.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/**
 * A server started for one round (the floor, ws-local or the peer): its output goes to a log file, and the time from
 * its start to the line saying it is ready is measured. {@link #close()} stops it and everything it started.
 */
final class ServerProcess implements AutoCloseable {

    private final String label;
    private final Process process;
    private final long startNanos;
    private final CompletableFuture<Long> readyNanos = new CompletableFuture<>();

    private ServerProcess(String label, Process process, long startNanos) {
        this.label = label;
        this.process = process;
        this.startNanos = startNanos;
    }

    /**
     * Starts {@code command} in {@code directory}, its output (stdout and stderr) in {@code log}; it is ready at the
     * first line {@code ready} accepts.
     */
    static ServerProcess start(String label, List<String> command, Path directory, Path log, Predicate<String> ready)
            throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true);
        long startNanos = System.nanoTime();
        Process process = builder.start();
        process.getOutputStream().close();
        ServerProcess server = new ServerProcess(label, process, startNanos);
        Thread reader = new Thread(() -> server.pump(log, ready), label + "-output");
        reader.setDaemon(true);
        reader.start();
        return server;
    }

    private void pump(Path log, Predicate<String> ready) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8));
             PrintWriter out = new PrintWriter(Files.newBufferedWriter(log))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (!readyNanos.isDone() && ready.test(line)) {
                    readyNanos.complete(System.nanoTime());
                }
                out.println(line);
            }
        } catch (IOException e) {
            // The process is gone: its output ends here.
        } finally {
            readyNanos.completeExceptionally(new IllegalStateException(label + " exited (status "
                    + (process.isAlive() ? "unknown" : process.exitValue()) + ") before it was ready; see " + log));
        }
    }

    /** Waits for the ready line; returns the time from the start to it. */
    Duration awaitReady(Duration limit) throws Exception {
        try {
            return Duration.ofNanos(readyNanos.get(limit.toMillis(), TimeUnit.MILLISECONDS) - startNanos);
        } catch (TimeoutException e) {
            throw new IllegalStateException(label + " printed no ready line within " + limit.toSeconds() + " s");
        }
    }

    long pid() {
        return process.pid();
    }

    ProcessTree tree() {
        return new ProcessTree(process.pid());
    }

    /** SIGTERM to the server (ws-local then stops its functions and writes their class-data archives), then kill. */
    @Override
    public void close() {
        List<ProcessHandle> descendants = process.descendants().toList();
        process.destroy();
        try {
            if (!process.waitFor(40, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        descendants.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }
}
