package com.example.wsapi.local.log;

import java.util.Objects;

/**
 * One line of ws-local's log: what kind of line it is (which decides whether the console shows it), the function it
 * belongs to (null for the gateway's and ws-local's own lines), its text, and for a problem what the person should
 * do about it.
 *
 * @param advice what to do, for {@link Kind#WARNING} and {@link Kind#ERROR} lines; null when the text says it all
 */
public record LogLine(Kind kind, String function, String text, String advice) {

    /** What a line is about. */
    public enum Kind {
        /** A connection or a message: what the gateway did for a client. */
        ACTIVITY,
        /** A function's own output (its stdout and stderr). */
        OUTPUT,
        /** Lambda's lines about instances and invocations: INIT_START, RESTORE_*, START, END, REPORT, INIT_REPORT. */
        PLATFORM,
        /** What a function's JVM says about itself rather than the function, e.g. "Picked up JAVA_TOOL_OPTIONS". */
        JVM,
        /** ws-local's inner workings: {@code @connections} requests, where it listens, dropped HTTP connections. */
        DETAIL,
        /** Something a person may have to act on: a refused handshake, a message no route takes. */
        WARNING,
        /** Something failed: a function's error, timeout, crash or failed start, a failed integration. */
        ERROR
    }

    public LogLine {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(text, "text");
    }

    /** A line of the gateway's or of ws-local's own. */
    public static LogLine of(Kind kind, String text) {
        return new LogLine(kind, null, text, null);
    }

    /** A line about {@code function}, or of its output. */
    public static LogLine of(String function, Kind kind, String text) {
        return new LogLine(kind, function, text, null);
    }

    /** A warning: what happened and what to do. */
    public static LogLine warning(String function, String text, String advice) {
        return new LogLine(Kind.WARNING, function, text, advice);
    }

    /** An error: what failed and what to do. */
    public static LogLine error(String function, String text, String advice) {
        return new LogLine(Kind.ERROR, function, text, advice);
    }

    /** Whether the person running ws-local should see it whatever the verbosity. */
    public boolean isProblem() {
        return kind == Kind.WARNING || kind == Kind.ERROR;
    }

    /** The line as Lambda and ws-local write it, without advice: {@code [<function>] <text>}, or the text alone. */
    @Override
    public String toString() {
        return function == null ? text : "[" + function + "] " + text;
    }
}
