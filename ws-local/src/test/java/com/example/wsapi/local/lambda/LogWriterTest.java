package com.example.wsapi.local.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class LogWriterTest {

    /** Records lines and flushes; {@code gate} holds the first line until a test opens it. */
    static final class BufferingSink implements LogSink {
        final List<String> written = new ArrayList<>();
        final List<Integer> flushedAt = new ArrayList<>();
        final CountDownLatch gate = new CountDownLatch(1);

        @Override
        public void line(String line) {
            try {
                gate.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            synchronized (this) {
                written.add(line);
            }
        }

        @Override
        public synchronized void flush() {
            flushedAt.add(written.size());
        }
    }

    @Test
    void linesWaitingTogether_areWrittenInOrder_thenFlushedOnce() {
        BufferingSink sink = new BufferingSink();
        LogWriter writer = new LogWriter(sink);
        writer.line("START");
        writer.line("output");
        writer.line("END");
        writer.line("REPORT");
        sink.gate.countDown();

        writer.close();

        assertEquals(List.of("START", "output", "END", "REPORT"), sink.written);
        // All four were queued while the first was being written: one flush, after the last.
        assertEquals(List.of(4), sink.flushedAt);
    }

    @Test
    void close_writesWhatIsQueued_andLaterLinesGoToStandardError() {
        BufferingSink sink = new BufferingSink();
        sink.gate.countDown();
        LogWriter writer = new LogWriter(sink);
        for (int i = 0; i < 1000; i++) {
            writer.line("line " + i);
        }

        writer.close();
        writer.line("after close");

        assertEquals(1000, sink.written.size());
        assertEquals("line 999", sink.written.get(999));
    }
}
