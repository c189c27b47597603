package com.example.wsapi.local.log;

import com.example.wsapi.local.log.LogLine.Kind;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * ws-local's console: which lines a person sees and how they look. By default, what they would act on: a line per
 * connection and per message, the functions' own output prefixed with the function's name, and every warning and
 * error with what to do about it (on a line of its own below); {@code --verbose} adds the rest (Lambda's
 * START/END/REPORT, the functions' JVM output, {@code @connections} requests). Lines start with the time of day when
 * the API runs; {@code invoke} prints them bare, as {@code sam local invoke} does, with Lambda's lines.
 */
public final class ConsoleLog implements LogSink {

    /** What a person running the API does not act on: shown with --verbose. */
    static final Set<Kind> API_DETAIL = EnumSet.of(Kind.PLATFORM, Kind.JVM, Kind.DETAIL);
    /** {@code invoke} shows Lambda's lines as {@code sam local invoke} does; the rest with --verbose. */
    static final Set<Kind> INVOKE_DETAIL = EnumSet.of(Kind.JVM, Kind.DETAIL);

    private static final DateTimeFormatter TIME_OF_DAY = DateTimeFormatter.ofPattern("HH:mm:ss");

    private final PrintWriter out;
    private final Set<Kind> hidden;
    /** Null: no timestamps. */
    private final Clock clock;
    private final DateTimeFormatter time;

    /**
     * @param hidden the kinds of line not shown (problems are always shown)
     * @param clock  the time of day at the start of every line, in the clock's zone; null for none
     */
    ConsoleLog(PrintWriter out, Set<Kind> hidden, Clock clock) {
        this.out = Objects.requireNonNull(out, "out");
        this.hidden = hidden.isEmpty() ? EnumSet.noneOf(Kind.class) : EnumSet.copyOf(hidden);
        this.hidden.removeAll(EnumSet.of(Kind.WARNING, Kind.ERROR));
        this.clock = clock;
        this.time = clock == null ? null : TIME_OF_DAY.withZone(clock.getZone());
    }

    /** The console of the running API: each line with the time of day; everything with {@code verbose}. */
    public static ConsoleLog forApi(PrintWriter out, boolean verbose, Clock clock) {
        return new ConsoleLog(out, verbose ? Set.of() : API_DETAIL, Objects.requireNonNull(clock, "clock"));
    }

    /** The console of {@code invoke}: the function's output and Lambda's lines, no times; everything with verbose. */
    public static ConsoleLog forInvoke(PrintWriter out, boolean verbose) {
        return new ConsoleLog(out, verbose ? Set.of() : INVOKE_DETAIL, null);
    }

    /** Whether lines of this kind are shown. */
    @Override
    public boolean shows(Kind kind) {
        return !hidden.contains(kind);
    }

    @Override
    public void line(LogLine line) {
        if (shows(line.kind())) {
            out.println(render(line)); // one call: a line and its advice are never split by another thread's
        }
    }

    @Override
    public void flush() {
        out.flush();
    }

    /**
     * {@code [HH:mm:ss ][ERROR |WARNING ][[<function>] ]<text>}, and for a problem with advice, the advice on the next
     * line, indented to the text.
     */
    String render(LogLine line) {
        StringBuilder text = new StringBuilder(line.text().length() + 48);
        if (time != null) {
            text.append(time.format(clock.instant())).append(' ');
        }
        int indent = text.length();
        if (line.kind() == Kind.ERROR) {
            text.append("ERROR ");
        } else if (line.kind() == Kind.WARNING) {
            text.append("WARNING ");
        }
        if (line.function() != null) {
            text.append('[').append(line.function()).append("] ");
        }
        text.append(line.text());
        if (line.advice() != null && !line.advice().isBlank()) {
            text.append(System.lineSeparator()).append(" ".repeat(indent + 2)).append(line.advice());
        }
        return text.toString();
    }
}
