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
     * As Lambda up to as many instances as the machine has cores; beyond that an event waits for a busy instance,
     * unless it would wait longer than starting a new one takes (the function's measured init time), and then a new
     * one starts.
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
