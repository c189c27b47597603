package com.example.wsapi.local.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.example.wsapi.local.log.LogLine;
import com.example.wsapi.local.log.LogSink;
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
        public void line(LogLine line) {
            try {
                gate.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            synchronized (this) {
                written.add(line.text());
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
        writer.line(line("START"));
        writer.line(line("output"));
        writer.line(line("END"));
        writer.line(line("REPORT"));
        sink.gate.countDown();

        writer.close();

        assertEquals(List.of("START", "output", "END", "REPORT"), sink.written);
        // All four were queued while the first was being written: the first flush comes after the last (close may
        // flush once more, when its end marker arrives after the writer found the queue empty).
        assertEquals(4, sink.flushedAt.get(0), "flushed after lines " + sink.flushedAt);
    }

    @Test
    void close_writesWhatIsQueued_andLaterLinesGoToStandardError() {
        BufferingSink sink = new BufferingSink();
        sink.gate.countDown();
        LogWriter writer = new LogWriter(sink);
        for (int i = 0; i < 1000; i++) {
            writer.line(line("line " + i));
        }

        writer.close();
        writer.line(line("after close"));

        assertEquals(1000, sink.written.size());
        assertEquals("line 999", sink.written.get(999));
    }

    static LogLine line(String text) {
        return LogLine.of("F", LogLine.Kind.OUTPUT, text);
    }
}
