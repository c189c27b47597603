package com.example.wsapi.local.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ScaleOutTest {

    private static final long MS = 1_000_000L;
    private static final long INIT = 800 * MS;

    /** {@code waiting} events, {@code soonReady} and {@code busy} instances of {@code instances}, at most 10. */
    private static ScaleOut.Demand demand(int waiting, int soonReady, int busy, int instances, long eventNanos) {
        return new ScaleOut.Demand(waiting, soonReady, busy, instances, 10, eventNanos, INIT);
    }

    @Test
    void lambda_startsAnInstanceForEveryEventNoInstanceWillTake() {
        assertEquals(1, ScaleOut.launches(Scaling.LAMBDA, 2, demand(1, 0, 0, 0, 0)));
        assertEquals(4, ScaleOut.launches(Scaling.LAMBDA, 2, demand(6, 2, 3, 5, 3 * MS)));
        assertEquals(0, ScaleOut.launches(Scaling.LAMBDA, 2, demand(2, 2, 3, 5, 3 * MS)));
    }

    @Test
    void lambda_neverPassesMaxConcurrency() {
        assertEquals(2, ScaleOut.launches(Scaling.LAMBDA, 2, demand(50, 0, 8, 8, 3 * MS)));
        assertEquals(0, ScaleOut.launches(Scaling.LAMBDA, 2, demand(50, 0, 10, 10, 3 * MS)));
    }

    @Test
    void auto_startsLikeLambdaUpToTheCores() {
        assertEquals(1, ScaleOut.launches(Scaling.AUTO, 4, demand(1, 0, 0, 0, 0)));
        assertEquals(4, ScaleOut.launches(Scaling.AUTO, 4, demand(10, 0, 0, 0, 0)));
        assertEquals(2, ScaleOut.launches(Scaling.AUTO, 4, demand(10, 0, 2, 2, 3 * MS)));
    }

    @Test
    void auto_pastTheCores_shortEventsWaitForABusyInstance() {
        // 48 events behind 2 busy instances of 3 ms each: served within 72 ms, far sooner than an 800 ms start.
        assertEquals(0, ScaleOut.launches(Scaling.AUTO, 2, demand(48, 0, 2, 2, 3 * MS)));
    }

    @Test
    void auto_pastTheCores_startsOneMoreWhenTheLastEventWouldWaitLongerThanAStart() {
        // 3 events behind 2 instances busy for 1 s each: the last waits 2 s, longer than the 800 ms start.
        assertEquals(1, ScaleOut.launches(Scaling.AUTO, 2, demand(3, 0, 2, 2, 1000 * MS)));
        // One already starting takes one of them: 2 events for 3 servers, 1 round of 300 ms.
        assertEquals(0, ScaleOut.launches(Scaling.AUTO, 2, demand(3, 1, 2, 3, 300 * MS)));
    }

    @Test
    void auto_neverPassesMaxConcurrency_norStartsForEventsAnInstanceWillTake() {
        assertEquals(0, ScaleOut.launches(Scaling.AUTO, 2, demand(5, 0, 10, 10, 5000 * MS)));
        assertEquals(0, ScaleOut.launches(Scaling.AUTO, 16, demand(2, 2, 0, 2, 0)));
    }

    @Test
    void auto_withMoreCoresThanMaxConcurrency_stopsAtTheMaximum() {
        assertEquals(10, ScaleOut.launches(Scaling.AUTO, 64, demand(20, 0, 0, 0, 0)));
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
        IllegalArgumentException wrong = org.junit.jupiter.api.Assertions.assertThrows(
                IllegalArgumentException.class, () -> Scaling.parse("eager"));
        org.junit.jupiter.api.Assertions.assertTrue(wrong.getMessage().contains("auto or lambda"));
    }
}
