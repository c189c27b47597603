package com.example.wsapi.authorizer;

import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSetCacheRefreshEvaluator;
import com.nimbusds.jose.jwk.source.JWKSetParseException;
import com.nimbusds.jose.jwk.source.JWKSetRetrievalException;
import com.nimbusds.jose.jwk.source.JWKSetSource;
import com.nimbusds.jose.jwk.source.URLBasedJWKSetSource;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jose.util.ResourceRetriever;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.util.Map;

/**
 * The issuer's signing keys, found the OpenID Connect way: its discovery document
 * ({@code <issuer>/.well-known/openid-configuration}) names {@code jwks_uri}, and that serves the JWK set. Discovery
 * runs on the first fetch (never at start-up, so nothing touches the network before the first handshake) and is
 * kept once it succeeded; caching and rate limiting are the layers above (see {@link IssuerKeys}).
 */
final class OpenIdKeySource implements JWKSetSource<SecurityContext> {

    private final AuthSettings settings;
    private final ResourceRetriever http;
    private URLBasedJWKSetSource<SecurityContext> jwks;
    private volatile long lastFetchedAt = -1;

    OpenIdKeySource(AuthSettings settings, ResourceRetriever http) {
        this.settings = settings;
        this.http = http;
    }

    @Override
    public synchronized JWKSet getJWKSet(JWKSetCacheRefreshEvaluator refreshEvaluator, long currentTime,
                                         SecurityContext context) throws KeySourceException {
        if (jwks == null) {
            jwks = new URLBasedJWKSetSource<>(discoverJwksUri(), http);
        }
        JWKSet keys = jwks.getJWKSet(refreshEvaluator, currentTime, context);
        lastFetchedAt = currentTime;
        return keys;
    }

    /** When the key set was last fetched (epoch millis), or -1 when it never was. */
    long lastFetchedAt() {
        return lastFetchedAt;
    }

    private URL discoverJwksUri() throws KeySourceException {
        URI discovery = settings.discoveryUrl();
        String document;
        try {
            document = http.retrieveResource(discovery.toURL()).getContent();
        } catch (IOException e) {
            throw new JWKSetRetrievalException("OpenID discovery at " + discovery + " failed: " + e.getMessage(), e);
        }
        return jwksUriFrom(document, settings.issuer());
    }

    /**
     * The {@code jwks_uri} of a discovery document, which must name the configured issuer exactly (OpenID Connect
     * Discovery requires it; a mismatch means a wrong AuthIssuer) and serve keys from a trusted location.
     */
    static URL jwksUriFrom(String document, String issuer) throws KeySourceException {
        try {
            Map<String, Object> json = JSONObjectUtils.parse(document);
            String named = JSONObjectUtils.getString(json, "issuer");
            if (!issuer.equals(named)) {
                throw new JWKSetParseException("the discovery document of " + issuer + " names the issuer '" + named
                        + "': AuthIssuer must be exactly the issuer's own URL", null);
            }
            String jwksUri = JSONObjectUtils.getString(json, "jwks_uri");
            if (jwksUri == null) {
                throw new JWKSetParseException("the discovery document of " + issuer + " has no jwks_uri", null);
            }
            URI uri = new URI(jwksUri);
            if (!AuthSettings.trustedLocation(uri)) {
                throw new JWKSetParseException("the discovery document of " + issuer + " serves its keys from '"
                        + jwksUri + "': only https (or http on loopback) is trusted", null);
            }
            return uri.toURL();
        } catch (java.text.ParseException | URISyntaxException | MalformedURLException | IllegalArgumentException e) {
            throw new JWKSetParseException("the discovery document of " + issuer + " is not valid: " + e.getMessage(),
                    e);
        }
    }

    @Override
    public void close() {
        // Nothing held open: each fetch is its own HTTP request.
    }
}
