package com.example.wsapi.authorizer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import com.example.wsapi.authorizer.testing.TestTokens;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The verifier on its own: keys in memory, a fixed clock, every way a token can be wrong. */
class TokenVerifierTest {

    static final String ISSUER = "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Test";
    static final String AUDIENCE = "app-client-1";
    static final Instant NOW = Instant.parse("2026-11-21T09:00:00Z");
    static final AuthSettings SETTINGS = new AuthSettings(ISSUER, AUDIENCE);

    static RSAKey rsa;
    static ECKey ec;
    static TokenVerifier verifier;

    @BeforeAll
    static void keys() throws Exception {
        rsa = new RSAKeyGenerator(2048).keyID("rsa-1").generate();
        ec = new ECKeyGenerator(Curve.P_256).keyID("ec-1").generate();
        verifier = verifierAt(NOW);
    }

    static TokenVerifier verifierAt(Instant now) {
        JWKSource<SecurityContext> keys = new ImmutableJWKSet<>(new JWKSet(List.<JWK>of(rsa, ec)).toPublicJWKSet());
        return new TokenVerifier(SETTINGS, keys, Clock.fixed(now, ZoneOffset.UTC));
    }

    static TestTokens.Builder token() {
        return TestTokens.builder(ISSUER, AUDIENCE, rsa).issuedAt(NOW.minusSeconds(10))
                .expiresAt(NOW.plus(Duration.ofHours(1)));
    }

    static String reason(Verdict verdict) {
        return assertInstanceOf(Verdict.Unauthorized.class, verdict).reason();
    }

    @Test
    void rs256Token_ofTheIssuer_forThisAudience_isAllowed_withSubAndName() {
        Verdict verdict = verifier.verify(token().subject("sub-1").name("Ana Lima").sign());

        assertEquals(new Verdict.Allowed("sub-1", "Ana Lima"), verdict);
    }

    @Test
    void es256Token_isAllowed() {
        assertInstanceOf(Verdict.Allowed.class, verifier.verify(token().signedWith(ec).sign()));
    }

    @Test
    void displayName_fallsBackThroughPreferredUsernameAndCognitoUsernameToSub() {
        assertEquals("ana.l", allowedName(token().name(null).claim("preferred_username", "ana.l")
                .claim("cognito:username", "ana-cognito")));
        assertEquals("ana-cognito", allowedName(token().name(null).claim("cognito:username", "ana-cognito")));
        assertEquals("sub-only", allowedName(token().name(null).subject("sub-only")));
        assertEquals("sub-2", allowedName(token().name(" \t ").subject("sub-2")), "a blank name is no name");
    }

    @Test
    void displayName_losesControlCharacters_andIsCutTo64Characters() {
        assertEquals("AnaLima", allowedName(token().name("Ana\u0000Lima\n")));
        assertEquals("é".repeat(64), allowedName(token().name("é".repeat(100))));
    }

    private static String allowedName(TestTokens.Builder token) {
        return assertInstanceOf(Verdict.Allowed.class, verifier.verify(token.sign())).name();
    }

    @Test
    void cognitoAccessToken_withClientIdAndNoAud_isAllowed() {
        assertInstanceOf(Verdict.Allowed.class,
                verifier.verify(token().audience(null).claim("client_id", AUDIENCE).sign()));
    }

    @Test
    void audienceAmongSeveral_isAllowed() {
        String token = token().claim("aud", List.of("other-client", AUDIENCE)).audience(null).sign();
        assertInstanceOf(Verdict.Allowed.class, verifier.verify(token));
    }

    @Test
    void tokenForAnotherAudience_isForbidden_namingOnlyItsSubject() {
        Verdict verdict = verifier.verify(token().subject("sub-9").audience("another-client")
                .claim("client_id", "another-client").sign());

        Verdict.Forbidden forbidden = assertInstanceOf(Verdict.Forbidden.class, verdict);
        assertEquals("sub-9", forbidden.subject());
        assertEquals("issued for another audience (aud/client_id)", forbidden.reason());
    }

    @Test
    void tokenWithoutAnyAudience_isForbidden() {
        assertInstanceOf(Verdict.Forbidden.class, verifier.verify(token().audience(null).sign()));
    }

    @Test
    void expiredToken_isUnauthorized_pastTheClockSkew_notWithinIt() {
        String token = token().expiresAt(NOW.minusSeconds(30)).sign();

        assertInstanceOf(Verdict.Allowed.class, verifier.verify(token), "30 s late is within the 60 s skew");
        assertEquals("expired (exp)", reason(verifierAt(NOW.plusSeconds(31)).verify(token)));
    }

    @Test
    void tokenWithoutExpiry_isUnauthorized() {
        assertEquals("no expiry (exp)", reason(verifier.verify(token().expiresAt(null).sign())));
    }

    @Test
    void tokenNotYetValid_isUnauthorized_pastTheClockSkew_notWithinIt() {
        assertInstanceOf(Verdict.Allowed.class, verifier.verify(token().notBefore(NOW.plusSeconds(59)).sign()));
        assertEquals("not valid yet (nbf)", reason(verifier.verify(token().notBefore(NOW.plusSeconds(120)).sign())));
    }

    @Test
    void tokenIssuedInTheFuture_isUnauthorized() {
        assertEquals("issued in the future (iat)", reason(verifier.verify(token().issuedAt(NOW.plusSeconds(600)).sign())));
    }

    @Test
    void tokenOfAnotherIssuer_evenSignedWithTheRightKey_isUnauthorized() {
        assertEquals("issued by another issuer (iss)",
                reason(verifier.verify(token().issuer("https://evil.example").sign())));
        assertEquals("issued by another issuer (iss)", reason(verifier.verify(token().issuer(ISSUER + "/").sign())),
                "the issuer must match exactly");
    }

    @Test
    void tokenWithoutSubject_isUnauthorized() {
        assertEquals("no subject (sub)", reason(verifier.verify(token().subject(null).sign())));
    }

    @Test
    void tamperedSignature_isUnauthorized() {
        assertEquals("invalid signature", reason(verifier.verify(TestTokens.tampered(token().sign()))));
    }

    @Test
    void claimsChangedUnderTheSignature_areUnauthorized() {
        String token = token().subject("ana").sign();
        String forged = TestTokens.withClaims(token, token().subject("admin").claims());

        assertEquals("invalid signature", reason(verifier.verify(forged)));
    }

    @Test
    void algNone_isUnauthorized() throws Exception {
        assertEquals("not a signed JWT",
                reason(verifier.verify(TestTokens.unsigned(token().sign()))));
    }

    @Test
    void hmacSignedWithThePublicKey_isUnauthorized() throws Exception {
        assertEquals("not signed with RS256 or ES256 by a current key of the issuer",
                reason(verifier.verify(TestTokens.hmacWithPublicKey(token().sign(), rsa))));
    }

    @Test
    void tokenOfAnUnknownKey_isUnauthorized() throws Exception {
        RSAKey stranger = new RSAKeyGenerator(2048).keyID("rsa-1-stranger").generate();
        assertEquals("not signed with RS256 or ES256 by a current key of the issuer",
                reason(verifier.verify(token().signedWith(stranger).sign())));
        RSAKey sameKidOtherKey = new RSAKeyGenerator(2048).keyID("rsa-1").generate();
        assertEquals("invalid signature", reason(verifier.verify(token().signedWith(sameKidOtherKey).sign())));
    }

    @Test
    void missingBlankOrGarbageToken_isUnauthorized() {
        assertEquals("no token: pass ?token=<jwt>, or the subprotocols [\"chat\", \"<jwt>\"]", reason(verifier.verify(null)));
        assertEquals("no token: pass ?token=<jwt>, or the subprotocols [\"chat\", \"<jwt>\"]", reason(verifier.verify(" ")));
        assertEquals("not a signed JWT", reason(verifier.verify("hello")));
        assertEquals("not a signed JWT", reason(verifier.verify("a.b.c")));
    }

    @Test
    void tokenOfAnotherType_isUnauthorized() throws Exception {
        com.nimbusds.jwt.SignedJWT jwt = new com.nimbusds.jwt.SignedJWT(new com.nimbusds.jose.JWSHeader.Builder(
                com.nimbusds.jose.JWSAlgorithm.RS256).keyID("rsa-1").type(new com.nimbusds.jose.JOSEObjectType(
                "logout+jwt")).build(), token().claims());
        jwt.sign(new com.nimbusds.jose.crypto.RSASSASigner(rsa));

        assertEquals("a token type (typ) other than a JWT", reason(verifier.verify(jwt.serialize())));
    }

    @Test
    void oversizedToken_isUnauthorized_beforeItIsParsed() {
        String big = token().claim("padding", "x".repeat(TokenVerifier.MAX_TOKEN_CHARS)).sign();

        assertEquals("a token of " + big.length() + " characters (at most 6144)", reason(verifier.verify(big)));
    }

    @Test
    void keysThatCannotBeHad_makeNobodyAllowed() {
        JWKSource<SecurityContext> unavailable = (selector, context) -> {
            throw new KeySourceException("issuer down");
        };
        TokenVerifier closed = new TokenVerifier(SETTINGS, unavailable, Clock.fixed(NOW, ZoneOffset.UTC));

        assertEquals(new Verdict.KeysUnavailable("issuer down"), closed.verify(token().sign()));
    }
}
