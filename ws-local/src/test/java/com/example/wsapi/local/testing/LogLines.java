package com.example.wsapi.local.testing;

import com.example.wsapi.local.lambda.LogSink;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/** A log sink for the functions' output that keeps every line (and still prints it, for the build log). */
public final class LogLines implements LogSink {

    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final boolean print;

    public LogLines(boolean print) {
        this.print = print;
    }

    @Override
    public void line(String line) {
        lines.add(line);
        if (print) {
            System.out.println(line);
        }
    }

    public List<String> matching(Predicate<String> wanted) {
        return lines.stream().filter(wanted).toList();
    }

    public String text() {
        return String.join("\n", lines);
    }

    /** Waits until a line matches, failing the test after {@code bound}. */
    public String await(String what, Duration bound, Predicate<String> wanted) {
        Await.until(what, bound, () -> lines.stream().anyMatch(wanted));
        return lines.stream().filter(wanted).findFirst().orElseThrow();
    }
}
