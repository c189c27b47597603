package com.example.wsapi.local.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Locale;
import org.junit.jupiter.api.Test;

class ReportMillisTest {

    @Test
    void millis_showsTwoDecimals_roundedHalfUp_likeTheFormatItReplaces() {
        long[] samples = {0, 4_999, 5_000, 10_000, 999_999, 1_000_000, 1_005_000, 1_234_567, 12_345_678, 99_995_000,
                123_456_789_012L, 29_000_000_000L};
        for (long nanos : samples) {
            assertEquals(String.format(Locale.ROOT, "%.2f", nanos / 1_000_000.0), PlatformLog.millis(nanos),
                    "for " + nanos + " ns");
        }
    }
}
