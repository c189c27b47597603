package com.example.wsapi.bench;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Clients that each send a message, wait for the answer and send the next, for a fixed time: the throughput and round
 * trips of a request-response protocol at a given concurrency.
 */
final class ClosedLoop {

    /** Round trips completed in the window, per second, and their latency distribution. */
    record Result(int clients, double seconds, int roundTrips, int wrongAnswers, Stats latencyMs, CpuMeter.Split cpu) {

        /** CPU milliseconds per round trip: in this JVM, in the function JVMs. */
        double selfCpuPerTrip() {
            return cpu.selfMs() / roundTrips;
        }

        double functionCpuPerTrip() {
            return cpu.functionsMs() / roundTrips;
        }

        double perSecond() {
            return roundTrips / seconds;
        }
    }

    private ClosedLoop() {}

    static Result run(List<WsClients.Client> clients, String message, String expectedAnswer, Duration window)
            throws InterruptedException {
        int capacity = 4_000_000;
        long[] latencies = new long[capacity];
        AtomicInteger recorded = new AtomicInteger();
        AtomicInteger wrong = new AtomicInteger();
        AtomicLong outstanding = new AtomicLong();
        CpuMeter meter = CpuMeter.start();
        long start = System.nanoTime();
        long deadline = start + window.toNanos();
        CountDownLatch drained = new CountDownLatch(1);
        long[][] sentAts = new long[clients.size()][];
        for (int c = 0; c < clients.size(); c++) {
            WsClients.Client client = clients.get(c);
            long[] sentAt = new long[1];
            sentAts[c] = sentAt;
            client.onText = text -> {
                long now = System.nanoTime();
                if (now <= deadline) {
                    if (!text.equals(expectedAnswer)) {
                        wrong.incrementAndGet();
                    }
                    int i = recorded.getAndIncrement();
                    if (i < capacity) {
                        latencies[i] = now - sentAt[0];
                    }
                    sentAt[0] = now;
                    client.send(message);
                } else if (outstanding.decrementAndGet() == 0) {
                    drained.countDown();
                }
            };
        }
        outstanding.set(clients.size());
        for (int c = 0; c < clients.size(); c++) {
            sentAts[c][0] = System.nanoTime();
            clients.get(c).send(message);
        }
        Thread.sleep(window.toMillis());
        CpuMeter.Split cpu = meter.stop();
        // Every client has one message in flight when the window ends: wait for those, so the next run starts clean.
        if (!drained.await(60, TimeUnit.SECONDS)) {
            System.out.println("  (warning: " + outstanding.get() + " answers still missing 60 s after the window)");
        }
        clients.forEach(c -> c.onText = text -> {});
        int count = Math.min(recorded.get(), capacity);
        return new Result(clients.size(), window.toNanos() / 1e9, count, wrong.get(), Stats.ofNanos(latencies, count), cpu);
    }
}
