package com.example.wsapi.local.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.example.wsapi.local.testing.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SettlingTest {

    private static final Duration SETTLE = Duration.ofSeconds(1);
    private final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final Settling<String> settling = new Settling<>("v1", SETTLE, clock);

    @Test
    void offer_whenNothingChanged_handsNothingOver() {
        clock.advance(Duration.ofMinutes(5));
        assertEquals(Optional.empty(), settling.offer("v1"));
    }

    @Test
    void offer_handsAChangeOver_onlyOnceItHeldForTheSettleTime_andOnlyOnce() {
        assertEquals(Optional.empty(), settling.offer("v2"), "just seen");
        clock.advance(Duration.ofMillis(999));
        assertEquals(Optional.empty(), settling.offer("v2"), "not settled yet");
        clock.advance(Duration.ofMillis(1));
        assertEquals(Optional.of("v2"), settling.offer("v2"));
        clock.advance(Duration.ofSeconds(10));
        assertEquals(Optional.empty(), settling.offer("v2"), "already handed over");
    }

    @Test
    void offer_whileAValueKeepsChanging_waitsForItToHold() {
        for (int i = 0; i < 10; i++) { // a build writing a file every half second
            assertEquals(Optional.empty(), settling.offer("partial " + i));
            clock.advance(Duration.ofMillis(500));
        }
        assertEquals(Optional.empty(), settling.offer("built"));
        clock.advance(SETTLE);
        assertEquals(Optional.of("built"), settling.offer("built"));
    }

    @Test
    void offer_whenAChangeIsUndoneBeforeItSettled_handsNothingOver() {
        settling.offer("v2");
        clock.advance(Duration.ofMillis(300));
        settling.offer("v1");
        clock.advance(SETTLE);
        assertEquals(Optional.empty(), settling.offer("v1"));
    }

    @Test
    void offer_afterTheClockWasSetBack_countsTheSettleTimeFromThere() {
        settling.offer("v2");
        clock.advance(Duration.ofHours(-1));
        assertEquals(Optional.empty(), settling.offer("v2"));
        clock.advance(SETTLE);
        assertEquals(Optional.of("v2"), settling.offer("v2"), "not an hour later");
    }

    @Test
    void reset_takesTheValueAsTheOneInUse() {
        settling.offer("v2");
        settling.reset("v3");
        clock.advance(SETTLE);
        assertEquals(Optional.empty(), settling.offer("v3"));
        assertEquals(Optional.empty(), settling.offer("v2"));
        clock.advance(SETTLE);
        assertEquals(Optional.of("v2"), settling.offer("v2"));
    }
}
