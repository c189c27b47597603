package com.example.wsapi.authorizer;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Whose tokens the authorizer accepts, read once from the environment the template sets.
 *
 * @param issuer   AUTH_ISSUER (the template's AuthIssuer): the {@code iss} every token must carry, exactly, and where
 *                 the keys are found ({@code <issuer>/.well-known/openid-configuration}); https, or http on loopback
 *                 for a local development issuer
 * @param audience AUTH_AUDIENCE (AuthAudience): what a token's {@code aud} (or a Cognito access token's
 *                 {@code client_id}) must name
 */
public record AuthSettings(String issuer, String audience) {

    public static final String ISSUER = "AUTH_ISSUER";
    public static final String AUDIENCE = "AUTH_AUDIENCE";

    private static final Pattern LOOPBACK_V4 = Pattern.compile("127(\\.\\d{1,3}){3}");

    public AuthSettings {
        issuer = checkedIssuer(issuer);
        if (audience == null || audience.isBlank()) {
            throw new IllegalStateException(AUDIENCE + " is not set: deploy with AuthAudience=<the app client id the "
                    + "tokens are issued for>");
        }
    }

    public static AuthSettings fromEnvironment() {
        return from(System.getenv());
    }

    public static AuthSettings from(Map<String, String> env) {
        return new AuthSettings(env.get(ISSUER), env.get(AUDIENCE));
    }

    /** {@code <issuer>/.well-known/openid-configuration}, as OpenID Connect Discovery builds it. */
    public URI discoveryUrl() {
        String base = issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
        return URI.create(base + "/.well-known/openid-configuration");
    }

    /**
     * Keys are trusted only from https, or plain http on this machine (ws-local's issuer, a test's): anyone on the
     * path of a plain-http fetch from elsewhere could hand the authorizer keys of their own.
     */
    static boolean trustedLocation(URI uri) {
        String host = uri.getHost();
        if (host == null) {
            return false;
        }
        if ("https".equalsIgnoreCase(uri.getScheme())) {
            return true;
        }
        // Literal loopback names only: a name that merely resolves to loopback could resolve elsewhere later.
        return "http".equalsIgnoreCase(uri.getScheme())
                && (host.equalsIgnoreCase("localhost") || LOOPBACK_V4.matcher(host).matches() || host.equals("[::1]"));
    }

    private static String checkedIssuer(String issuer) {
        String example = "https://cognito-idp.<region>.amazonaws.com/<userPoolId>";
        if (issuer == null || issuer.isBlank()) {
            throw new IllegalStateException(ISSUER + " is not set: deploy with AuthIssuer=" + example);
        }
        URI uri;
        try {
            uri = new URI(issuer);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(ISSUER + " must be a URL like " + example + ", got '" + issuer + "'", e);
        }
        if (uri.getQuery() != null || uri.getFragment() != null) {
            throw new IllegalStateException(ISSUER + " must have no query or fragment (OpenID Connect issuers have "
                    + "none), got '" + issuer + "'");
        }
        if (!trustedLocation(uri)) {
            throw new IllegalStateException(ISSUER + " must be an https URL like " + example + " (plain http only "
                    + "on loopback, for a local issuer), got '" + issuer + "'");
        }
        return issuer;
    }
}
