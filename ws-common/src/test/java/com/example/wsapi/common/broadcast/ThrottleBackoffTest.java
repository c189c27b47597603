package com.example.wsapi.common.broadcast;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ThrottleBackoffTest {

    private final ThrottleBackoff backoff = new ThrottleBackoff(5, Duration.ofMillis(100), Duration.ofMillis(350));

    @Test
    void delayBefore_staysWithinTheDoublingCeilingAndTheCap() {
        long[] ceilings = {100, 200, 350, 350, 350};
        for (int retry = 0; retry < ceilings.length; retry++) {
            for (int sample = 0; sample < 200; sample++) {
                long delay = backoff.delayBefore(retry).toMillis();
                assertTrue(delay >= 0 && delay <= ceilings[retry], "retry " + retry + ": " + delay);
            }
        }
    }

    @Test
    void delayBefore_isJittered() {
        long distinct = java.util.stream.IntStream.range(0, 50)
                .mapToLong(i -> backoff.delayBefore(3).toMillis()).distinct().count();
        assertTrue(distinct > 5, "full jitter spreads retries, got " + distinct + " distinct delays");
    }

    @Test
    void rejectsACapBelowTheBase() {
        assertThrows(IllegalArgumentException.class,
                () -> new ThrottleBackoff(1, Duration.ofSeconds(2), Duration.ofSeconds(1)));
    }
}
