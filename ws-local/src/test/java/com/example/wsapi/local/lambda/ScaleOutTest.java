package com.example.wsapi.local.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ScaleOutTest {

    private static final long MS = 1_000_000L;
    private static final long INIT = 800 * MS;

    /** {@code waiting} events, {@code soonReady} and {@code busy} instances of {@code instances}, at most 10. */
    private static ScaleOut.Demand demand(int waiting, int soonReady, int busy, int instances, long eventNanos,
                                          long backlogNanos) {
        return new ScaleOut.Demand(waiting, soonReady, busy, instances, 10, eventNanos, INIT, backlogNanos);
    }

    @Test
    void lambda_startsAnInstanceForEveryEventNoInstanceWillTake() {
        assertEquals(1, ScaleOut.launches(Scaling.LAMBDA, 2, demand(1, 0, 0, 0, 0, 0)));
        assertEquals(4, ScaleOut.launches(Scaling.LAMBDA, 2, demand(6, 2, 3, 5, 3 * MS, 0)));
        assertEquals(1, ScaleOut.launches(Scaling.LAMBDA, 2, demand(1, 0, 1, 1, 3 * MS, 0)),
                "even for an event its busy instance will take a millisecond later");
        assertEquals(0, ScaleOut.launches(Scaling.LAMBDA, 2, demand(2, 2, 3, 5, 3 * MS, 0)));
    }

    @Test
    void lambda_neverPassesMaxConcurrency() {
        assertEquals(2, ScaleOut.launches(Scaling.LAMBDA, 2, demand(50, 0, 8, 8, 3 * MS, 0)));
        assertEquals(0, ScaleOut.launches(Scaling.LAMBDA, 2, demand(50, 0, 10, 10, 3 * MS, 0)));
    }

    @Test
    void auto_startsOneInstanceForTheFirstEvents() {
        assertEquals(1, ScaleOut.launches(Scaling.AUTO, 4, demand(10, 0, 0, 0, 0, 0)));
        assertEquals(0, ScaleOut.launches(Scaling.AUTO, 4, demand(10, 1, 0, 1, 0, 0)), "one is starting");
    }

    @Test
    void auto_anEventBehindAShortOne_waitsForIt() {
        // A client's next message while its last one's instance finishes: a millisecond's wait, not a JVM start.
        assertEquals(0, ScaleOut.launches(Scaling.AUTO, 2, demand(1, 0, 1, 1, 3 * MS, 1 * MS)));
        // 48 events behind 2 busy instances of 3 ms each: served within 72 ms, far sooner than an 800 ms start.
        assertEquals(0, ScaleOut.launches(Scaling.AUTO, 2, demand(48, 0, 2, 2, 3 * MS, 5000 * MS)));
    }

    @Test
    void auto_aQueueThatLastsLongerThanAStart_getsAnotherInstance_upToTheCores() {
        assertEquals(0, ScaleOut.launches(Scaling.AUTO, 2, demand(9, 0, 1, 1, 3 * MS, 500 * MS)));
        assertEquals(1, ScaleOut.launches(Scaling.AUTO, 2, demand(9, 0, 1, 1, 3 * MS, 900 * MS)));
        assertEquals(0, ScaleOut.launches(Scaling.AUTO, 2, demand(9, 0, 2, 2, 3 * MS, 5000 * MS)),
                "past the cores the JVMs would compete for them");
        assertEquals(1, ScaleOut.launches(Scaling.AUTO, 8, demand(9, 0, 2, 2, 3 * MS, 5000 * MS)));
    }

    @Test
    void auto_startsAnotherWhenTheLastEventWouldWaitLongerThanAStart_evenPastTheCores() {
        // 3 events behind 2 instances busy for 1 s each: the last waits 2 s, longer than the 800 ms start.
        assertEquals(1, ScaleOut.launches(Scaling.AUTO, 2, demand(3, 0, 2, 2, 1000 * MS, 0)));
        // One already starting takes one of them: 3 events for 3 servers, 1 round of 300 ms.
        assertEquals(0, ScaleOut.launches(Scaling.AUTO, 2, demand(3, 1, 2, 3, 300 * MS, 0)));
    }

    @Test
    void auto_neverPassesMaxConcurrency_norStartsForEventsAnInstanceWillTake() {
        assertEquals(0, ScaleOut.launches(Scaling.AUTO, 2, demand(5, 0, 10, 10, 5000 * MS, 5000 * MS)));
        assertEquals(0, ScaleOut.launches(Scaling.AUTO, 16, demand(2, 2, 0, 2, 0, 5000 * MS)));
    }

    @Test
    void mean_takesTheFirstSampleWhole_thenWeighsRecentOnesMost() {
        assertEquals(100, ScaleOut.mean(-1, 100));
        assertEquals(125, ScaleOut.mean(100, 200));
    }

    @Test
    void parse_acceptsEitherCase_andNamesTheChoicesOtherwise() {
        assertEquals(Scaling.AUTO, Scaling.parse("AUTO"));
        assertEquals(Scaling.LAMBDA, Scaling.parse("lambda"));
        IllegalArgumentException wrong = assertThrows(IllegalArgumentException.class, () -> Scaling.parse("eager"));
        assertTrue(wrong.getMessage().contains("auto or lambda"));
    }
}
