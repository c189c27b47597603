package com.example.wsapi.local.gateway;

import java.time.Clock;

/**
 * A token bucket of {@code perSecond} tokens refilled at {@code perSecond} per second: API Gateway answers 429 to
 * handshakes past its new-connection rate (the 429 is unconfirmed: user reports only).
 */
final class NewConnectionRateLimiter {

    private final Clock clock;
    private final double capacity;
    private double tokens;
    private long lastRefillMillis;

    NewConnectionRateLimiter(int perSecond, Clock clock) {
        this.clock = clock;
        this.capacity = perSecond;
        this.tokens = perSecond;
        this.lastRefillMillis = clock.millis();
    }

    /** Takes a token: false when the rate is exceeded. */
    synchronized boolean tryAcquire() {
        long now = clock.millis();
        if (now > lastRefillMillis) {
            tokens = Math.min(capacity, tokens + (now - lastRefillMillis) * capacity / 1000.0);
            lastRefillMillis = now;
        }
        if (tokens < 1) {
            return false;
        }
        tokens -= 1;
        return true;
    }
}
