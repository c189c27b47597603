package com.example.wsapi.local.lambda;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Waits for a changing value to settle before it is acted on: a build writes files over seconds, and code taken
 * half-way through would fail. A value is handed over once it differs from the one last handed over (or the first) and
 * has been seen unchanged for the settle time. Not thread-safe: one poller offers values.
 */
final class Settling<T> {

    private final Duration settle;
    private final Clock clock;
    private T accepted;
    private T latest;
    private Instant latestSince;

    /** @param accepted the value in use now: seeing it again is no change */
    Settling(T accepted, Duration settle, Clock clock) {
        this.accepted = Objects.requireNonNull(accepted, "accepted");
        this.latest = accepted;
        this.settle = Objects.requireNonNull(settle, "settle");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.latestSince = clock.instant();
    }

    /**
     * The value just seen; returns it when it is a change that has now held for the settle time (it is then the
     * accepted one), else empty.
     */
    Optional<T> offer(T seen) {
        Objects.requireNonNull(seen, "seen");
        Instant now = clock.instant();
        if (!seen.equals(latest)) {
            latest = seen;
            latestSince = now;
            return Optional.empty();
        }
        if (now.isBefore(latestSince)) {
            latestSince = now; // the clock was set back: count from here rather than wait for it to catch up
        }
        if (latest.equals(accepted) || Duration.between(latestSince, now).compareTo(settle) < 0) {
            return Optional.empty();
        }
        accepted = latest;
        return Optional.of(accepted);
    }

    /** Starts over from {@code value} as the one in use (what to watch changed, say). */
    void reset(T value) {
        accepted = Objects.requireNonNull(value, "value");
        latest = value;
        latestSince = clock.instant();
    }
}
