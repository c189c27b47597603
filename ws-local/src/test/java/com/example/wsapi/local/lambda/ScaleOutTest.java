package com.example.wsapi.local.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ScaleOutTest {

    private static final long MS = 1_000_000L;
    private static final long INIT = 800 * MS;

    /** {@code waiting} events, {@code soonReady} of {@code instances}, at most 10. */
    private static ScaleOut.Demand demand(int waiting, int soonReady, int instances, long longestBusyNanos,
                                          long backlogNanos) {
        return new ScaleOut.Demand(waiting, soonReady, instances, 10, longestBusyNanos, INIT, backlogNanos, -1);
    }

    private static ScaleOut.Demand demand(int waiting, int soonReady, int instances, long longestBusyNanos,
                                          long backlogNanos, long meanEventNanos) {
        return new ScaleOut.Demand(waiting, soonReady, instances, 10, longestBusyNanos, INIT, backlogNanos,
                meanEventNanos);
    }

    @Test
    void lambda_startsAnInstanceForEveryEventNoInstanceWillTake() {
        assertEquals(1, ScaleOut.launches(Scaling.LAMBDA, 2, demand(1, 0, 0, 0, 0)));
        assertEquals(4, ScaleOut.launches(Scaling.LAMBDA, 2, demand(6, 2, 5, 3 * MS, 0)));
        assertEquals(1, ScaleOut.launches(Scaling.LAMBDA, 2, demand(1, 0, 1, 3 * MS, 0)),
                "even for an event its busy instance will take a millisecond later");
        assertEquals(0, ScaleOut.launches(Scaling.LAMBDA, 2, demand(2, 2, 5, 3 * MS, 0)));
    }

    @Test
    void lambda_neverPassesMaxConcurrency() {
        assertEquals(2, ScaleOut.launches(Scaling.LAMBDA, 2, demand(50, 0, 8, 3 * MS, 0)));
        assertEquals(0, ScaleOut.launches(Scaling.LAMBDA, 2, demand(50, 0, 10, 3 * MS, 0)));
    }

    @Test
    void auto_startsOneInstanceForTheFirstEvents() {
        assertEquals(1, ScaleOut.launches(Scaling.AUTO, 4, demand(10, 0, 0, 0, 0)));
        assertEquals(0, ScaleOut.launches(Scaling.AUTO, 4, demand(10, 1, 1, 0, 0)), "one is starting");
    }

    @Test
    void auto_eventsBehindShortOnes_waitForThem() {
        // A client's next message while its last one's instance finishes: a millisecond's wait, not a JVM start.
        assertEquals(0, ScaleOut.launches(Scaling.AUTO, 2, demand(1, 0, 1, 3 * MS, 1 * MS)));
        // A burst of 50 short events behind 2 instances: past the cores, it drains sooner than a JVM starts.
        assertEquals(0, ScaleOut.launches(Scaling.AUTO, 2, demand(50, 0, 2, 20 * MS, 5000 * MS)));
    }

    @Test
    void auto_aQueueThatLastsLongerThanAStart_getsAnotherInstance_upToTheCores() {
        assertEquals(0, ScaleOut.launches(Scaling.AUTO, 2, demand(9, 0, 1, 3 * MS, 500 * MS)));
        assertEquals(1, ScaleOut.launches(Scaling.AUTO, 2, demand(9, 0, 1, 3 * MS, 900 * MS)));
        assertEquals(0, ScaleOut.launches(Scaling.AUTO, 2, demand(9, 0, 2, 3 * MS, 5000 * MS)),
                "past the cores the JVMs would compete for them");
        assertEquals(1, ScaleOut.launches(Scaling.AUTO, 8, demand(9, 0, 2, 3 * MS, 5000 * MS)));
    }

    @Test
    void auto_aLongQueueThatDrainsBeforeAStartWouldEnd_getsNoInstance() {
        // 150 disconnects of 4 ms each behind one instance: gone in 600 ms, before an 800 ms start is done.
        assertEquals(0, ScaleOut.launches(Scaling.AUTO, 2, demand(150, 0, 1, 4 * MS, 900 * MS, 4 * MS)));
        // The same queue of 10 ms events takes 1.5 s: another instance pays.
        assertEquals(1, ScaleOut.launches(Scaling.AUTO, 2, demand(150, 0, 1, 10 * MS, 900 * MS, 10 * MS)));
        // Two busy instances share it: 150 x 10 ms / 2 = 750 ms, within a start.
        assertEquals(0, ScaleOut.launches(Scaling.AUTO, 4, demand(150, 0, 2, 10 * MS, 900 * MS, 10 * MS)));
    }

    @Test
    void auto_whenAnEventRunsLongerThanAStart_startsAnother_evenPastTheCores() {
        assertEquals(1, ScaleOut.launches(Scaling.AUTO, 2, demand(1, 0, 2, 900 * MS, 0)));
        assertEquals(0, ScaleOut.launches(Scaling.AUTO, 2, demand(1, 1, 3, 900 * MS, 0)),
                "one already starting will take the waiting event");
    }

    @Test
    void auto_neverPassesMaxConcurrency_norStartsForEventsAnInstanceWillTake() {
        assertEquals(0, ScaleOut.launches(Scaling.AUTO, 2, demand(5, 0, 10, 5000 * MS, 5000 * MS)));
        assertEquals(0, ScaleOut.launches(Scaling.AUTO, 16, demand(2, 2, 2, 0, 5000 * MS)));
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
