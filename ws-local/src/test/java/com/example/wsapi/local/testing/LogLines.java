package com.example.wsapi.local.testing;

import com.example.wsapi.local.log.LogLine;
import com.example.wsapi.local.log.LogSink;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/** A log sink that keeps every line, the gateway's and the functions' (and still prints it, for the build log). */
public final class LogLines implements LogSink {

    private final List<LogLine> lines = new CopyOnWriteArrayList<>();
    private final boolean print;

    public LogLines(boolean print) {
        this.print = print;
    }

    @Override
    public void line(LogLine line) {
        lines.add(line);
        if (print) {
            System.out.println(line);
        }
    }

    /** The lines as they read without a console ({@link LogLine#toString()}) that match. */
    public List<String> matching(Predicate<String> wanted) {
        return lines.stream().map(LogLine::toString).filter(wanted).toList();
    }

    /** Every line kept, with its kind and advice. */
    public List<LogLine> lines() {
        return List.copyOf(lines);
    }

    public String text() {
        return String.join("\n", lines.stream().map(LogLine::toString).toList());
    }

    /** Waits until a line matches, failing the test after {@code bound}. */
    public String await(String what, Duration bound, Predicate<String> wanted) {
        return awaitLine(what, bound, line -> wanted.test(line.toString())).toString();
    }

    /** Waits until a line matches, failing the test after {@code bound}. */
    public LogLine awaitLine(String what, Duration bound, Predicate<LogLine> wanted) {
        Await.until(what, bound, () -> lines.stream().anyMatch(wanted));
        return lines.stream().filter(wanted).findFirst().orElseThrow();
    }

    /** The JSON log records {@code function} has written so far (see {@link FunctionLogRecord}). */
    public List<FunctionLogRecord> records(String function) {
        return lines.stream().map(FunctionLogRecord::of).flatMap(Optional::stream)
                .filter(record -> record.function().equals(function)).toList();
    }

    /** Waits until {@code function} writes a record of {@code level} whose message matches. */
    public FunctionLogRecord awaitRecord(String what, Duration bound, String function, String level,
                                         Predicate<String> message) {
        Predicate<FunctionLogRecord> wanted = record -> level.equals(record.level()) && message.test(record.message());
        Await.until(what, bound, () -> records(function).stream().anyMatch(wanted));
        return records(function).stream().filter(wanted).findFirst().orElseThrow();
    }
}
