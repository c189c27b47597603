package com.example.wsapi.authorizer;

import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.JWTClaimsSetVerifier;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

/**
 * The claims of a token whose signature checked out: issued by the configured issuer, inside its validity window (with
 * a little clock skew), about a subject, and for this API's audience. Refusals name what failed in fixed words, never
 * a claim's value.
 */
final class ClaimsCheck implements JWTClaimsSetVerifier<SecurityContext> {

    /** Clocks of the issuer and of Lambda may differ a little; a minute is the usual allowance. */
    static final Duration CLOCK_SKEW = Duration.ofSeconds(60);

    /** A refused token: invalid (401), or valid but for another audience (403: {@code forbiddenSubject} is set). */
    static final class Rejected extends BadJWTException {
        final String forbiddenSubject;

        Rejected(String reason) {
            this(reason, null);
        }

        private Rejected(String reason, String forbiddenSubject) {
            super(reason);
            this.forbiddenSubject = forbiddenSubject;
        }
    }

    private final AuthSettings settings;
    private final Clock clock;

    ClaimsCheck(AuthSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public void verify(JWTClaimsSet claims, SecurityContext context) throws BadJWTException {
        if (!settings.issuer().equals(claims.getIssuer())) {
            throw new Rejected("issued by another issuer (iss)");
        }
        Instant now = clock.instant();
        Date expires = claims.getExpirationTime();
        if (expires == null) {
            throw new Rejected("no expiry (exp)");
        }
        if (!now.isBefore(expires.toInstant().plus(CLOCK_SKEW))) {
            throw new Rejected("expired (exp)");
        }
        Date notBefore = claims.getNotBeforeTime();
        if (notBefore != null && now.plus(CLOCK_SKEW).isBefore(notBefore.toInstant())) {
            throw new Rejected("not valid yet (nbf)");
        }
        Date issuedAt = claims.getIssueTime();
        if (issuedAt != null && now.plus(CLOCK_SKEW).isBefore(issuedAt.toInstant())) {
            throw new Rejected("issued in the future (iat)");
        }
        if (claims.getSubject() == null || claims.getSubject().isBlank()) {
            throw new Rejected("no subject (sub)");
        }
        // ID tokens name the app client in aud; Cognito access tokens have no aud, but client_id.
        boolean forThisApi = claims.getAudience().contains(settings.audience())
                || settings.audience().equals(claims.getClaim("client_id"));
        if (!forThisApi) {
            throw new Rejected("issued for another audience (aud/client_id)", claims.getSubject());
        }
    }
}
