package com.example.wsapi.local.lambda;

/**
 * How many instances a function starts now for the events waiting for one (see {@link Scaling}). Pure arithmetic
 * over what the pool holds, so that each policy is tested without processes or clocks.
 */
final class ScaleOut {

    /** Before a function has started any instance: about a JVM start with class-data archives and priming. */
    static final long DEFAULT_INIT_NANOS = 1_000_000_000L;

    /**
     * What a function's pool holds right now.
     *
     * @param waiting         events queued for an instance
     * @param soonReady       instances that will take an event without another being started (starting, or between
     *                        events)
     * @param busy            instances handling an event
     * @param instances       every instance (starting, ready or busy)
     * @param maxConcurrency  the most instances the function may have
     * @param eventNanos      how long an event is expected to keep an instance busy (recent durations, or the
     *                        longest running one when that is longer)
     * @param initNanos       how long a new instance is expected to take to start (the function's recent inits)
     */
    record Demand(int waiting, int soonReady, int busy, int instances, int maxConcurrency, long eventNanos,
                  long initNanos) {}

    private ScaleOut() {}

    /** Instances to start now; {@code cores} is the machine's processor count. */
    static int launches(Scaling scaling, int cores, Demand demand) {
        int room = demand.maxConcurrency() - demand.instances();
        int unserved = demand.waiting() - demand.soonReady();
        if (room <= 0 || unserved <= 0) {
            return 0;
        }
        if (scaling == Scaling.LAMBDA) {
            return Math.min(unserved, room);
        }
        int belowCores = Math.min(unserved, Math.min(cores, demand.maxConcurrency()) - demand.instances());
        if (belowCores > 0) {
            return belowCores;
        }
        // Past the cores: the last waiting event is served after ceil(waiting / servers) events of the busy and the
        // soon-ready instances; one more instance when that is longer than a new one takes to start.
        int servers = Math.max(1, demand.busy() + demand.soonReady());
        long rounds = (demand.waiting() + servers - 1) / servers;
        long expectedWait = rounds * demand.eventNanos();
        return expectedWait > demand.initNanos() ? 1 : 0;
    }

    /** An exponentially weighted mean: recent samples count most (weight 1/4), and the first one is taken whole. */
    static long mean(long previous, long sample) {
        return previous < 0 ? sample : previous + (sample - previous) / 4;
    }
}
