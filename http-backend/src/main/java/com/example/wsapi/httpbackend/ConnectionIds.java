package com.example.wsapi.httpbackend;

import java.util.regex.Pattern;

/** The connection ids requests carry, checked before they reach the table or a URL. */
final class ConnectionIds {

    /**
     * API Gateway's ids are 16 characters of base64 ({@code L0SM9cOFvHcCIhw=}); ws-local's are URL-safe base64.
     * Looser than both, but it catches a template that sends {@code $context.connectionID} (unknown, so rendered
     * as written) or an empty value.
     */
    private static final Pattern CONNECTION_ID = Pattern.compile("[A-Za-z0-9+/=_-]{1,128}");

    private ConnectionIds() {}

    /**
     * @param value  the id as received, or null when absent
     * @param source where it came from, as the message should name it, e.g. {@code "connection_id"}
     * @param howToSend what to change when it is absent
     */
    static String require(String value, String source, String howToSend) {
        if (value == null || value.isEmpty()) {
            throw BadRequestException.badRequest(source + " is missing: " + howToSend);
        }
        if (!CONNECTION_ID.matcher(value).matches()) {
            throw BadRequestException.badRequest(source + " is not a connection id (1-128 characters of A-Z, a-z, "
                    + "0-9, +, /, =, _ and -): check that the integration maps $context.connectionId");
        }
        return value;
    }
}
