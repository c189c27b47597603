package com.example.wsapi.local.lambda;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Forwards a process's output line by line. It only reads bytes the pipe already holds, under a lock, so that
 * {@link #drainAvailable()} can flush everything the process wrote so far before the runtime logs END/REPORT.
 */
final class OutputPump implements Runnable {

    /** CloudWatch Logs' event size limit: longer lines are split. */
    private static final int MAX_LINE_BYTES = 256 * 1024;
    /**
     * How often the process's output is looked at: lines reach the log within this while an invocation runs; at its
     * end {@link #drainAll()} takes the rest at once. Polling every millisecond while lines flowed cost a thread wakeup
     * per millisecond per busy instance.
     */
    private static final long MIN_POLL_MILLIS = 10;
    private static final long MAX_POLL_MILLIS = 100;

    private final Process process;
    private final InputStream in;
    private final Consumer<String> lines;
    private final byte[] buffer = new byte[8192];
    private final ByteArrayOutputStream partial = new ByteArrayOutputStream();
    private boolean finished;

    OutputPump(Process process, Consumer<String> lines) {
        this.process = process;
        this.in = process.getInputStream();
        this.lines = lines;
    }

    @Override
    public void run() {
        long pollMillis = MIN_POLL_MILLIS;
        try {
            while (true) {
                boolean alive = process.isAlive();
                boolean gotBytes = drainAvailable();
                if (!alive && !gotBytes) {
                    break;
                }
                pollMillis = gotBytes ? MIN_POLL_MILLIS : Math.min(MAX_POLL_MILLIS, pollMillis * 2);
                Thread.sleep(pollMillis);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            finish();
        }
    }

    /**
     * Forwards what the process has written so far, and its last unterminated line too when the process is between
     * invocations (nothing more belongs to the one that ended).
     */
    synchronized void drainAll() {
        drainAvailable();
        if (!finished && partial.size() > 0) {
            emitPartial();
        }
    }

    /** Forwards every complete line the process has written so far; returns whether there were bytes to read. */
    synchronized boolean drainAvailable() {
        if (finished) {
            return false;
        }
        boolean gotBytes = false;
        try {
            int available;
            while ((available = in.available()) > 0) {
                int read = in.read(buffer, 0, Math.min(available, buffer.length));
                if (read < 0) {
                    break;
                }
                gotBytes = true;
                accept(read);
            }
        } catch (IOException e) {
            // The stream is closed: the process is gone and its remaining output with it.
            return false;
        }
        return gotBytes;
    }

    private void accept(int length) {
        for (int i = 0; i < length; i++) {
            byte b = buffer[i];
            if (b == '\n') {
                emitPartial();
            } else {
                partial.write(b);
                if (partial.size() >= MAX_LINE_BYTES) {
                    emitPartial();
                }
            }
        }
    }

    private void emitPartial() {
        String line = partial.toString(StandardCharsets.UTF_8);
        partial.reset();
        lines.accept(line.endsWith("\r") ? line.substring(0, line.length() - 1) : line);
    }

    private synchronized void finish() {
        drainAvailable();
        if (partial.size() > 0) {
            emitPartial();
        }
        finished = true;
    }
}
