package com.example.wsapi.authorizer;

/**
 * What the authorizer decided about one handshake, and what API Gateway is told: Allowed is an Allow policy,
 * Forbidden a Deny policy (403), Unauthorized the {@code Unauthorized} error (401), KeysUnavailable a failure (500).
 * Reasons are fixed words for the log: no token content but the subject is ever in them.
 */
public sealed interface Verdict {

    /** A valid token for this API: {@code subject} becomes the principalId, {@code name} the display name. */
    record Allowed(String subject, String name) implements Verdict {}

    /** A valid token of the issuer, but for another audience (another app client). */
    record Forbidden(String subject, String reason) implements Verdict {}

    /** No token, or not a valid token of the issuer. */
    record Unauthorized(String reason) implements Verdict {}

    /** The issuer's keys could not be had: nobody can be checked, so nobody gets in. */
    record KeysUnavailable(String reason) implements Verdict {}
}
