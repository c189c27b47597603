package com.example.wsapi.local.gateway;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class GatewayCoreTest {

    private static GatewaySettings withTimeouts(Duration idle, Duration lifetime) {
        return GatewayTestBase.withTimeouts(GatewaySettings.withDefaults("127.0.0.1", 0, "dev", "api", "us-east-1",
                "$request.body.action", List.of()), idle, lifetime, Duration.ofSeconds(29));
    }

    @Test
    void expiryCheckPeriod_withApiGatewaysTimeouts_isOneSecond() {
        assertEquals(Duration.ofSeconds(1), GatewayCore.expiryCheckPeriod(withTimeouts(Duration.ofMinutes(10),
                Duration.ofHours(2))));
    }

    @Test
    void expiryCheckPeriod_withShortTimeouts_isATenthOfTheShorter() {
        assertEquals(Duration.ofMillis(30), GatewayCore.expiryCheckPeriod(withTimeouts(Duration.ofMillis(300),
                Duration.ofHours(2))));
        assertEquals(Duration.ofMillis(80), GatewayCore.expiryCheckPeriod(withTimeouts(Duration.ofMinutes(10),
                Duration.ofMillis(800))));
    }

    @Test
    void expiryCheckPeriod_staysBetweenAMillisecondAndASecond() {
        assertEquals(Duration.ofMillis(1), GatewayCore.expiryCheckPeriod(withTimeouts(Duration.ofNanos(5),
                Duration.ofHours(2))));
        assertEquals(Duration.ofSeconds(1), GatewayCore.expiryCheckPeriod(withTimeouts(
                Duration.ofSeconds(Long.MAX_VALUE), Duration.ofSeconds(Long.MAX_VALUE))));
    }
}
