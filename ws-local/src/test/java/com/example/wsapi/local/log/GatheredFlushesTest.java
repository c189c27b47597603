package com.example.wsapi.local.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.example.wsapi.local.testing.Await;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GatheredFlushesTest {

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final CountingSink sink = new CountingSink();

    @AfterEach
    void stopTimer() {
        timer.shutdownNow();
    }

    @Test
    void flush_manyWithinTheDelay_writeOutOnce() {
        GatheredFlushes log = new GatheredFlushes(sink, timer, Duration.ofHours(1));

        for (int i = 0; i < 5; i++) {
            log.line(LogLine.of(LogLine.Kind.ACTIVITY, "line " + i));
            log.flush();
        }

        assertEquals(5, sink.lines.size(), "lines go to the sink at once");
        assertEquals(0, sink.flushes.get(), "the write waits for the delay");
        log.flushNow();
        assertEquals(1, sink.flushes.get());
    }

    @Test
    void flush_happensWithinTheDelay_andALaterLineAsksForAnother() {
        GatheredFlushes log = new GatheredFlushes(sink, timer, Duration.ofMillis(5));

        log.line(LogLine.of(LogLine.Kind.ACTIVITY, "first"));
        log.flush();
        Await.until("the first flush", Duration.ofSeconds(5), () -> sink.flushes.get() == 1);
        log.line(LogLine.of(LogLine.Kind.ACTIVITY, "second"));
        log.flush();

        Await.until("a flush for the second line", Duration.ofSeconds(5), () -> sink.flushes.get() == 2);
    }

    @Test
    void flush_afterTheTimerStopped_writesOutAtOnce() {
        GatheredFlushes log = new GatheredFlushes(sink, timer, Duration.ofHours(1));
        timer.shutdown();

        log.line(LogLine.of(LogLine.Kind.ACTIVITY, "while stopping"));
        log.flush();

        assertEquals(1, sink.flushes.get(), "nothing may stay unwritten once ws-local stops");
    }

    @Test
    void shows_isTheSinks() {
        ConsoleLog console = ConsoleLog.forApi(new java.io.PrintWriter(new java.io.StringWriter()), false,
                java.time.Clock.systemUTC());
        GatheredFlushes log = new GatheredFlushes(console, timer, Duration.ofMillis(5));

        assertFalse(log.shows(LogLine.Kind.PLATFORM), "the console hides START/END/REPORT without --verbose");
        assertEquals(console.shows(LogLine.Kind.ACTIVITY), log.shows(LogLine.Kind.ACTIVITY));
    }

    private static final class CountingSink implements LogSink {
        final List<LogLine> lines = new ArrayList<>();
        final AtomicInteger flushes = new AtomicInteger();

        @Override
        public synchronized void line(LogLine line) {
            lines.add(line);
        }

        @Override
        public void flush() {
            flushes.incrementAndGet();
        }
    }
}
