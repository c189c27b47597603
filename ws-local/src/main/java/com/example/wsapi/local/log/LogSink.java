package com.example.wsapi.local.log;

import java.io.BufferedOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Where ws-local's log lines go: the gateway's connection and message lines, the functions' output and Lambda's
 * START/END/REPORT lines. The console ({@link ConsoleLog}) decides which it shows and how; a test may keep them all.
 */
@FunctionalInterface
public interface LogSink {

    /**
     * Receives one line. Called from several threads (the Lambda runtime's log writer, the gateway's event loops), so
     * an implementation is thread-safe.
     */
    void line(LogLine line);

    /** Called when no more lines are waiting: a sink that buffers writes them out now. */
    default void flush() {}

    /**
     * Whether lines of this kind go anywhere: a producer may skip building (and measuring for) lines nobody sees, such
     * as Lambda's START/END/REPORT of every invocation on a console that hides them.
     */
    default boolean shows(LogLine.Kind kind) {
        return true;
    }

    /**
     * Prints every line on standard output as {@link LogLine#toString()} does, buffered: the lines that arrive
     * together (an invocation's START, output, END and REPORT) go out in one write rather than one each.
     */
    static LogSink stdout() {
        PrintStream out = new PrintStream(new BufferedOutputStream(System.out, 64 * 1024), false,
                StandardCharsets.UTF_8);
        return new LogSink() {
            @Override
            public void line(LogLine line) {
                out.println(line);
            }

            @Override
            public void flush() {
                out.flush();
            }
        };
    }
}
