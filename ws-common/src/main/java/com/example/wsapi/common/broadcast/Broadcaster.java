package com.example.wsapi.common.broadcast;

import com.example.wsapi.common.AppConfig;
import com.example.wsapi.common.connections.ConnectionStore;
import com.example.wsapi.common.connections.StoreFailedException;
import com.example.wsapi.common.posting.ConnectionPoster;
import com.example.wsapi.common.posting.Delivery;
import com.example.wsapi.common.posting.PostFailedException;
import java.time.Duration;
import java.util.Iterator;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

/**
 * Posts one message to many connections concurrently, at most {@code maxInFlight} at a time. A connection that
 * answers 410 is stale: its record is removed and the others still get the message. Throttling that outlasts the
 * SDK's retries is retried with {@link ThrottleBackoff}; any other failure is counted and the broadcast goes on.
 */
public final class Broadcaster {

    private static final int TOO_MANY_REQUESTS = 429;
    private static volatile ExecutorService sharedPool;

    private final ConnectionPoster poster;
    private final ConnectionStore store;
    private final ExecutorService pool;
    private final int maxInFlight;
    private final ThrottleBackoff backoff;

    public Broadcaster(ConnectionPoster poster, ConnectionStore store, ExecutorService pool, int maxInFlight,
                       ThrottleBackoff backoff) {
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("maxInFlight must be at least 1, got " + maxInFlight);
        }
        this.poster = poster;
        this.store = store;
        this.pool = pool;
        this.maxInFlight = maxInFlight;
        this.backoff = backoff;
    }

    /** A broadcaster on this JVM's shared pool, {@link AppConfig#broadcastConcurrency()} posts in flight. */
    public static Broadcaster create(ConnectionPoster poster, ConnectionStore store, AppConfig config) {
        return new Broadcaster(poster, store, sharedPool(config.broadcastConcurrency()), config.broadcastConcurrency(),
                ThrottleBackoff.DEFAULT);
    }

    /**
     * The JVM's broadcast threads, created once with the first size asked for (a Lambda JVM has one configuration).
     * Daemon threads: an idle pool never keeps a JVM alive.
     */
    public static ExecutorService sharedPool(int threads) {
        ExecutorService pool = sharedPool;
        if (pool == null) {
            synchronized (Broadcaster.class) {
                pool = sharedPool;
                if (pool == null) {
                    pool = Executors.newFixedThreadPool(threads, daemonThreads());
                    sharedPool = pool;
                }
            }
        }
        return pool;
    }

    /**
     * Posts {@code data} to every connection the stream yields, reading it lazily (a page of a Query at a time) and
     * returning once every post has its outcome. Errors reading the stream propagate after in-flight posts finish.
     */
    public BroadcastResult broadcast(Stream<String> connectionIds, String data) {
        long start = System.nanoTime();
        Tally tally = new Tally();
        Semaphore slots = new Semaphore(maxInFlight);
        try (connectionIds) {
            Iterator<String> ids = connectionIds.iterator();
            while (ids.hasNext()) {
                String connectionId = ids.next();
                slots.acquireUninterruptibly();
                try {
                    pool.execute(() -> {
                        try {
                            deliver(connectionId, data, tally);
                        } finally {
                            slots.release();
                        }
                    });
                } catch (RejectedExecutionException e) {
                    slots.release();
                    throw e;
                }
            }
        } finally {
            slots.acquireUninterruptibly(maxInFlight); // every post has finished
        }
        return new BroadcastResult(tally.delivered.get(), tally.gone.get(), tally.failed.get(),
                Duration.ofNanos(System.nanoTime() - start), tally.firstProblem.get());
    }

    private void deliver(String connectionId, String data, Tally tally) {
        for (int retry = 0; ; retry++) {
            try {
                if (poster.post(connectionId, data) == Delivery.DELIVERED) {
                    tally.delivered.incrementAndGet();
                } else {
                    tally.gone.incrementAndGet();
                    removeStale(connectionId, tally);
                }
                return;
            } catch (PostFailedException e) {
                if (e.statusCode() == TOO_MANY_REQUESTS && retry < backoff.maxRetries() && pause(retry)) {
                    continue;
                }
                tally.fail(e.getMessage());
                return;
            } catch (RuntimeException e) {
                tally.fail("posting to connection " + connectionId + " failed: " + e);
                return;
            }
        }
    }

    /** Removes the record of the connection that answered 410: that one, never the sender's. */
    private void removeStale(String connectionId, Tally tally) {
        try {
            store.remove(connectionId);
        } catch (StoreFailedException e) {
            tally.problem("could not remove the stale record of " + connectionId + " (its TTL will): "
                    + e.getMessage());
        }
    }

    private boolean pause(int retry) {
        try {
            Thread.sleep(backoff.delayBefore(retry).toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "broadcast-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    private static final class Tally {
        final AtomicInteger delivered = new AtomicInteger();
        final AtomicInteger gone = new AtomicInteger();
        final AtomicInteger failed = new AtomicInteger();
        final AtomicReference<String> firstProblem = new AtomicReference<>();

        void fail(String problem) {
            failed.incrementAndGet();
            problem(problem);
        }

        void problem(String problem) {
            firstProblem.compareAndSet(null, problem);
        }
    }
}
