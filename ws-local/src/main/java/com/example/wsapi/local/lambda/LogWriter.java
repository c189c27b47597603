package com.example.wsapi.local.lambda;

import com.example.wsapi.local.log.LogLine;
import com.example.wsapi.local.log.LogSink;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Hands log lines to the sink in order, on one thread, so that no producer (event loop, pumps) waits for output; the
 * sink is flushed whenever no line is waiting.
 */
final class LogWriter implements AutoCloseable {

    /** Marks the end: the writer stops once it reaches it. */
    private static final LogLine END = LogLine.of(LogLine.Kind.DETAIL, "end of log");

    private final LogSink sink;
    private final BlockingQueue<LogLine> lines = new LinkedBlockingQueue<>();
    private final Thread thread;
    private boolean closed; // guarded by lines

    LogWriter(LogSink sink) {
        this.sink = sink;
        this.thread = new Thread(this::run, "ws-local-lambda-logs");
        thread.setDaemon(true);
        thread.start();
    }

    /** Whether the sink shows lines of this kind (the writer itself takes every line). */
    boolean shows(LogLine.Kind kind) {
        return sink.shows(kind);
    }

    void line(LogLine line) {
        synchronized (lines) {
            if (!closed) {
                lines.add(line);
                return;
            }
        }
        System.err.println(line); // after close: better on stderr than lost
    }

    private void run() {
        try {
            while (true) {
                LogLine line = lines.take();
                do {
                    if (line == END) {
                        flush();
                        return;
                    }
                    write(line);
                } while ((line = lines.poll()) != null);
                flush();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void write(LogLine line) {
        try {
            sink.line(line);
        } catch (RuntimeException e) {
            System.err.println("ws-local: the log sink failed on a line: " + e);
        }
    }

    private void flush() {
        try {
            sink.flush();
        } catch (RuntimeException e) {
            System.err.println("ws-local: the log sink failed to flush: " + e);
        }
    }

    /** Writes what is queued, then stops. */
    @Override
    public void close() {
        synchronized (lines) {
            if (closed) {
                return;
            }
            closed = true;
            lines.add(END);
        }
        try {
            thread.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
