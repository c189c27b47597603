package com.example.wsapi.local.gateway;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Locale;

/** API Gateway's id and time formats. */
final class Ids {

    /** {@code requestTime}: {@code 09/Feb/2024:18:11:43 +0000}. */
    private static final DateTimeFormatter REQUEST_TIME =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss '+0000'", Locale.ENGLISH).withZone(ZoneOffset.UTC);
    /** GetConnection's timestamps: ISO-8601 in UTC with milliseconds. */
    private static final DateTimeFormatter ISO_MILLIS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

    private static final SecureRandom RANDOM = new SecureRandom();
    // 11 random bytes in URL-safe base64 with padding: 16 characters ending in '=', like "BFHPhfCWIAMCKlQ=".
    private static final int ID_BYTES = 11;

    private Ids() {}

    /** A new connection, request or message id. */
    static String newId() {
        byte[] bytes = new byte[ID_BYTES];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().encodeToString(bytes);
    }

    static String requestTime(long epochMillis) {
        return REQUEST_TIME.format(Instant.ofEpochMilli(epochMillis));
    }

    static String isoTime(long epochMillis) {
        return ISO_MILLIS.format(Instant.ofEpochMilli(epochMillis));
    }
}
