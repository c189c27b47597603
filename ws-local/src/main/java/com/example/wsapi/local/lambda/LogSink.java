package com.example.wsapi.local.lambda;

/** Where the runtime's log lines go: the functions' output and Lambda's START/END/REPORT lines. */
@FunctionalInterface
public interface LogSink {

    /** Receives one line, already prefixed with {@code [<function name>] }; called from one thread at a time. */
    void line(String line);

    /** Prints every line on standard output. */
    static LogSink stdout() {
        return System.out::println;
    }
}
