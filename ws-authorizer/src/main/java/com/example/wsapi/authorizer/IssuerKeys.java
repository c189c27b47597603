package com.example.wsapi.authorizer;

import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.jwk.source.RateLimitReachedException;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jose.util.ResourceRetriever;
import java.time.Duration;
import java.util.List;

/**
 * The issuer's public keys as the verifier asks for them: fetched through OpenID discovery on first use, cached across
 * invocations, fetched again when a token names a key id the cache lacks (a rotation at the issuer), at most twice per
 * {@link #MIN_REFRESH_INTERVAL}, so tokens with made-up key ids cannot turn the authorizer into a flood of requests to
 * the issuer. HTTP is the JDK's (HttpURLConnection), with short timeouts and a size limit.
 */
public final class IssuerKeys implements JWKSource<SecurityContext> {

    /** How long fetched keys are used before they are fetched again (issuers announce new keys well ahead). */
    static final Duration CACHE_TTL = Duration.ofMinutes(5);
    /** How long a request waits for another one already fetching the keys. */
    static final Duration REFRESH_TIMEOUT = Duration.ofSeconds(5);
    /** Fetches for unknown key ids: the first one in such an interval, and one more. */
    static final Duration MIN_REFRESH_INTERVAL = Duration.ofSeconds(30);
    static final int CONNECT_TIMEOUT_MILLIS = 2_000;
    static final int READ_TIMEOUT_MILLIS = 3_000;
    /** Real key sets and discovery documents are a few KB. */
    static final int SIZE_LIMIT_BYTES = 64 * 1024;

    private final OpenIdKeySource origin;
    private final JWKSource<SecurityContext> cached;

    public IssuerKeys(AuthSettings settings) {
        this(settings, new DefaultResourceRetriever(CONNECT_TIMEOUT_MILLIS, READ_TIMEOUT_MILLIS, SIZE_LIMIT_BYTES));
    }

    IssuerKeys(AuthSettings settings, ResourceRetriever http) {
        this.origin = new OpenIdKeySource(settings, http);
        this.cached = JWKSourceBuilder.create(origin)
                .cache(CACHE_TTL.toMillis(), REFRESH_TIMEOUT.toMillis())
                .rateLimited(MIN_REFRESH_INTERVAL.toMillis())
                // No background threads in a Lambda function, no retries beyond the caller's next handshake.
                .refreshAheadCache(false)
                .retrying(false)
                .build();
    }

    @Override
    public List<JWK> get(JWKSelector selector, SecurityContext context) throws KeySourceException {
        try {
            return cached.get(selector, context);
        } catch (RateLimitReachedException e) {
            long fetchedAt = origin.lastFetchedAt();
            if (fetchedAt >= 0 && System.currentTimeMillis() - fetchedAt < CACHE_TTL.toMillis()) {
                return List.of(); // current keys, none of them the token's: an unknown key
            }
            throw new KeySourceException("the keys could not be fetched, and another try must wait up to "
                    + MIN_REFRESH_INTERVAL.toSeconds() + " s", e);
        }
    }
}
