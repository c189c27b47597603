package com.example.wsapi.httpbackend;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.time.Duration;

/**
 * Lets a stop wait for the requests in progress and no longer. JDK 17's {@code HttpServer.stop(delay)} always waits
 * its whole delay, idle or not; so the backend refuses new requests (503), waits here until the last one has
 * answered or the grace period is over, then stops the server at once.
 */
final class Drain extends Filter {

    private int inProgress;
    private boolean draining;

    @Override
    public void doFilter(HttpExchange exchange, Chain chain) throws IOException {
        if (!enter()) {
            JsonEndpoint.send(exchange, Reply.error(503, "the backend is stopping"));
            return;
        }
        try {
            chain.doFilter(exchange);
        } finally {
            exit();
        }
    }

    @Override
    public String description() {
        return "refuses requests once stopping; counts those in progress";
    }

    /**
     * Refuses new requests from now on and waits until none is in progress.
     *
     * @return true when all finished, false when some were still running after {@code grace}
     */
    synchronized boolean drain(Duration grace) throws InterruptedException {
        draining = true;
        long deadline = System.nanoTime() + grace.toNanos();
        while (inProgress > 0) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return true;
    }

    /** @return false once draining: the request is refused */
    synchronized boolean enter() {
        if (draining) {
            return false;
        }
        inProgress++;
        return true;
    }

    synchronized void exit() {
        if (--inProgress == 0) {
            notifyAll();
        }
    }
}
