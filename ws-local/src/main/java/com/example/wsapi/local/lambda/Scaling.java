package com.example.wsapi.local.lambda;

import java.util.Locale;

/** When a function gets another instance (another JVM), up to its maximum concurrency. */
public enum Scaling {

    /**
     * Lambda's own: every event that finds no free instance starts a new one. On a small machine the JVMs then compete
     * for the same cores, and each warms up on a smaller share of the events.
     */
    LAMBDA,

    /**
     * One instance; another when an event has run longer than an instance takes to start (the function's measured
     * init time: its instances are slow, and a new one serves the waiting events sooner), or, up to one instance per
     * core, when events have kept waiting that long. Bursts of short events queue for a moment instead of starting
     * JVMs that would take the CPU the queue needs.
     */
    AUTO;

    /** {@code lambda} or {@code auto}, any case. */
    public static Scaling parse(String text) {
        for (Scaling scaling : values()) {
            if (scaling.name().equalsIgnoreCase(text)) {
                return scaling;
            }
        }
        throw new IllegalArgumentException("unknown scaling '" + text + "': use auto or lambda");
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
