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
     * @param waiting          events queued for an instance
     * @param soonReady        instances that will take an event without another being started (starting, or between
     *                         events)
     * @param instances        every instance (starting, ready or busy)
     * @param instanceLimit    the most instances the function may have (--max-concurrency, or its reservation when
     *                         lower)
     * @param longestBusyNanos how long the longest running event has been running (0 when none runs)
     * @param initNanos        how long a new instance is expected to take to start (the function's recent inits)
     * @param backlogNanos     how long events have been waiting without a break (0 when none waits)
     * @param meanEventNanos   how long the function's recent events ran (negative before the first one ended)
     */
    record Demand(int waiting, int soonReady, int instances, int instanceLimit, long longestBusyNanos,
                  long initNanos, long backlogNanos, long meanEventNanos) {}

    private ScaleOut() {}

    /** Instances to start now; {@code cores} is the machine's processor count. */
    static int launches(Scaling scaling, int cores, Demand demand) {
        int room = demand.instanceLimit() - demand.instances();
        int unserved = demand.waiting() - demand.soonReady();
        if (room <= 0 || unserved <= 0) {
            return 0;
        }
        if (scaling == Scaling.LAMBDA) {
            return Math.min(unserved, room);
        }
        if (demand.instances() == 0) {
            return 1;
        }
        // An event has run longer than a start takes: the busy instances are slow (waiting on something, or long
        // computing), and a new one serves the waiting events sooner, as on Lambda.
        if (demand.longestBusyNanos() > demand.initNanos()) {
            return 1;
        }
        // Short events, but a queue that has not emptied for longer than a start: more throughput pays, up to one
        // instance per core. Beyond, a burst of short events drains sooner than a JVM starts, and the new JVM's start
        // would take the CPU the queue needs.
        // Nor when the queue will be gone before a new instance is up: the waiting events, one after another on the
        // busy instances at their recent pace, take less than a start (the $disconnects after a burst of connects).
        boolean sustained = demand.backlogNanos() > demand.initNanos()
                && drainNanos(demand, unserved) > demand.initNanos();
        return sustained && demand.instances() < Math.min(cores, demand.instanceLimit()) ? 1 : 0;
    }

    /** How long the busy instances take to work through {@code unserved} events; unknown before any event ended. */
    private static long drainNanos(Demand demand, int unserved) {
        if (demand.meanEventNanos() < 0) {
            return Long.MAX_VALUE;
        }
        int busy = Math.max(1, demand.instances() - demand.soonReady());
        return unserved * demand.meanEventNanos() / busy;
    }

    /** An exponentially weighted mean: recent samples count most (weight 1/4), and the first one is taken whole. */
    static long mean(long previous, long sample) {
        return previous < 0 ? sample : previous + (sample - previous) / 4;
    }
}
