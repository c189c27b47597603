package com.example.wsapi.local.log;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A sink whose flushes are gathered: a flush asked for happens within {@code delay}, once for every line that came
 * meanwhile. Each message's lines (the gateway's, its function's) used to cost a write to the console each.
 */
public final class GatheredFlushes implements LogSink {

    private final LogSink sink;
    private final ScheduledExecutorService timer;
    private final long delayNanos;
    private final AtomicBoolean pending = new AtomicBoolean();

    /** @param timer runs the flushes; the caller shuts it down (after a last {@link #flushNow()}) */
    public GatheredFlushes(LogSink sink, ScheduledExecutorService timer, Duration delay) {
        this.sink = Objects.requireNonNull(sink, "sink");
        this.timer = Objects.requireNonNull(timer, "timer");
        this.delayNanos = delay.toNanos();
    }

    @Override
    public void line(LogLine line) {
        sink.line(line);
    }

    @Override
    public void flush() {
        if (pending.compareAndSet(false, true)) {
            try {
                timer.schedule(this::flushNow, delayNanos, TimeUnit.NANOSECONDS);
            } catch (RejectedExecutionException stopped) {
                flushNow(); // the timer is shut down (ws-local is stopping): nothing may stay unwritten
            }
        }
    }

    /** Writes out what the sink holds, now. */
    public void flushNow() {
        pending.set(false); // first: a line that comes while the sink flushes asks for a flush of its own
        sink.flush();
    }

    @Override
    public boolean shows(LogLine.Kind kind) {
        return sink.shows(kind);
    }
}
