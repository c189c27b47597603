package com.example.wsapi.authorizer;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.security.Key;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.text.ParseException;
import java.time.Clock;
import java.util.List;
import java.util.Set;

/**
 * Checks a sign-in token (a JWT from the configured issuer) with Nimbus JOSE+JWT: a JWS signed with RS256 or ES256 by
 * one of the issuer's keys (never {@code none}, never HMAC, so a public key can't be used as a shared secret), then
 * its claims ({@link ClaimsCheck}). The verdict says who the user is or, in fixed words, why not.
 *
 * <p>The steps are DefaultJWTProcessor's for a signed JWT, with the library's parser, key selector, type check and
 * verifiers; that processor itself is not used because it also carries the JWE (encryption) code, whose optional
 * providers a Lambda artifact would have to ship or miss.
 */
public final class TokenVerifier {

    /** Real tokens are 1 to 4 KB; a longer one is refused before any parsing. */
    public static final int MAX_TOKEN_CHARS = 6144;
    static final Set<JWSAlgorithm> ALGORITHMS = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256);
    static final String NOT_OF_THE_ISSUER = "not signed with RS256 or ES256 by a current key of the issuer";

    // ID and access tokens: no typ (Cognito), JWT, or RFC 9068's at+jwt.
    private final JOSEObjectTypeVerifier<SecurityContext> types = new DefaultJOSEObjectTypeVerifier<>(null,
            JOSEObjectType.JWT, new JOSEObjectType("at+jwt"), new JOSEObjectType("application/at+jwt"));
    private final JWSVerificationKeySelector<SecurityContext> keys;
    private final ClaimsCheck claimsCheck;

    /**
     * @param keys  the issuer's public keys ({@link IssuerKeys}; tests and priming pass keys of their own)
     * @param clock the time {@code exp}, {@code nbf} and {@code iat} are checked against
     */
    public TokenVerifier(AuthSettings settings, JWKSource<SecurityContext> keys, Clock clock) {
        this.keys = new JWSVerificationKeySelector<>(ALGORITHMS, keys);
        this.claimsCheck = new ClaimsCheck(settings, clock);
    }

    public Verdict verify(String token) {
        if (token == null || token.isBlank()) {
            return new Verdict.Unauthorized("no token: pass ?token=<jwt>, or the subprotocols [\"chat\", \"<jwt>\"]");
        }
        if (token.length() > MAX_TOKEN_CHARS) {
            return new Verdict.Unauthorized("a token of " + token.length() + " characters (at most "
                    + MAX_TOKEN_CHARS + ")");
        }
        try {
            // Unsigned (alg none) and encrypted tokens are no JWS: they fail to parse here.
            SignedJWT jwt = SignedJWT.parse(token);
            JWSHeader header = jwt.getHeader();
            types.verify(header.getType(), null);
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            // Empty for HMAC and other algorithms, and for a key id the issuer does not publish (after one refresh).
            List<Key> candidates = keys.selectJWSKeys(header, null);
            if (candidates.isEmpty()) {
                return new Verdict.Unauthorized(NOT_OF_THE_ISSUER);
            }
            for (Key key : candidates) {
                JWSVerifier verifier = key instanceof RSAPublicKey rsa ? new RSASSAVerifier(rsa)
                        : key instanceof ECPublicKey ec ? new ECDSAVerifier(ec) : null;
                if (verifier != null && jwt.verify(verifier)) {
                    claimsCheck.verify(claims, null);
                    return new Verdict.Allowed(claims.getSubject(), DisplayName.of(claims));
                }
            }
            return new Verdict.Unauthorized("invalid signature");
        } catch (ParseException e) {
            return new Verdict.Unauthorized("not a signed JWT");
        } catch (ClaimsCheck.Rejected e) {
            return e.forbiddenSubject != null ? new Verdict.Forbidden(e.forbiddenSubject, e.getMessage())
                    : new Verdict.Unauthorized(e.getMessage());
        } catch (BadJOSEException e) {
            return new Verdict.Unauthorized("a token type (typ) other than a JWT");
        } catch (KeySourceException e) {
            return new Verdict.KeysUnavailable(e.getMessage());
        } catch (JOSEException e) {
            // A key the JDK cannot use, or a critical header parameter nobody here understands.
            return new Verdict.Unauthorized("the signature could not be checked");
        }
    }
}
