package com.example.wsapi.common.broadcast;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Extra retries of a post that is still throttled (429) after the SDK's own retries: exponential backoff with full
 * jitter, so the many posts of one broadcast don't retry in lockstep.
 *
 * @param maxRetries retries after the first throttled outcome
 * @param base       the cap of the first delay; it doubles with every retry
 * @param cap        no delay is longer than this
 */
public record ThrottleBackoff(int maxRetries, Duration base, Duration cap) {

    public static final ThrottleBackoff DEFAULT = new ThrottleBackoff(3, Duration.ofMillis(200), Duration.ofSeconds(2));

    public ThrottleBackoff {
        if (maxRetries < 0 || base.isNegative() || cap.compareTo(base) < 0) {
            throw new IllegalArgumentException("need maxRetries >= 0 and 0 <= base <= cap, got " + maxRetries + ", "
                    + base + ", " + cap);
        }
    }

    /** The wait before retry number {@code retry} (0-based): uniformly random up to min(cap, base * 2^retry). */
    public Duration delayBefore(int retry) {
        long ceiling = Math.min(cap.toMillis(), base.toMillis() << Math.min(retry, 20));
        return Duration.ofMillis(ThreadLocalRandom.current().nextLong(ceiling + 1));
    }
}
