package com.example.wsapi.local.lambda;

import java.io.BufferedOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Where the runtime's log lines go: the functions' output and Lambda's START/END/REPORT lines. */
@FunctionalInterface
public interface LogSink {

    /** Receives one line, already prefixed with {@code [<function name>] }; called from one thread at a time. */
    void line(String line);

    /** Called when no more lines are waiting: a sink that buffers writes them out now. */
    default void flush() {}

    /**
     * Prints every line on standard output, buffered: the lines that arrive together (an invocation's START, output,
     * END and REPORT) go out in one write rather than one each.
     */
    static LogSink stdout() {
        PrintStream out = new PrintStream(new BufferedOutputStream(System.out, 64 * 1024), false,
                StandardCharsets.UTF_8);
        return new LogSink() {
            @Override
            public void line(String line) {
                out.println(line);
            }

            @Override
            public void flush() {
                out.flush();
            }
        };
    }
}
