package com.example.wsapi.httpbackend;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A stop waits for the requests in progress, and no longer. */
class DrainTest {

    private final Drain drain = new Drain();

    @Test
    void drain_whenIdle_returnsAtOnce() throws Exception {
        assertTrue(drain.drain(Duration.ofDays(1)));
    }

    @Test
    void drain_waitsUntilTheLastRequestInProgressHasAnswered() throws Exception {
        assertTrue(drain.enter());
        assertTrue(drain.enter());
        CompletableFuture<Boolean> drained = CompletableFuture.supplyAsync(() -> {
            try {
                return drain.drain(Duration.ofDays(1));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });

        drain.exit();
        assertFalse(drained.isDone(), "one request is still in progress");
        drain.exit();
        assertTrue(drained.get(30, TimeUnit.SECONDS));
    }

    @Test
    void drain_pastTheGracePeriod_givesUpAndSaysSo() throws Exception {
        assertTrue(drain.enter());

        assertFalse(drain.drain(Duration.ZERO));
    }

    @Test
    void enter_onceDraining_isRefused() throws Exception {
        drain.drain(Duration.ZERO);

        assertFalse(drain.enter());
    }
}
