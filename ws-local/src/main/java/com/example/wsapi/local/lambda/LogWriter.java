package com.example.wsapi.local.lambda;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/** Hands log lines to the sink in order, on one thread, so that no producer (event loop, pumps) waits for output. */
final class LogWriter implements AutoCloseable {

    private final LogSink sink;
    private final ExecutorService thread = Executors.newSingleThreadExecutor(runnable -> {
        Thread t = new Thread(runnable, "ws-local-lambda-logs");
        t.setDaemon(true);
        return t;
    });

    LogWriter(LogSink sink) {
        this.sink = sink;
    }

    void line(String line) {
        try {
            thread.execute(() -> {
                try {
                    sink.line(line);
                } catch (RuntimeException e) {
                    System.err.println("ws-local: the log sink failed on a line: " + e);
                }
            });
        } catch (RejectedExecutionException e) {
            System.err.println(line); // after close: better on stderr than lost
        }
    }

    /** Writes what is queued, then stops. */
    @Override
    public void close() {
        thread.shutdown();
        try {
            thread.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
