package com.example.wsapi.authorizer;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;

/**
 * SnapStart priming: before the snapshot, runs the handler's whole path (event parsing, JWT parsing, RS256 and ES256
 * signature checks, claims, the policy answer, key-set and discovery parsing) on tokens signed by throwaway keys made
 * here. Nothing touches the network: the issuer's real keys are fetched by the first handshake after a restore.
 */
final class AuthorizerPriming implements Resource {

    private final AuthSettings settings;

    private AuthorizerPriming(AuthSettings settings) {
        this.settings = settings;
    }

    /** Registers priming; keep the returned object referenced (CRaC holds resources weakly). */
    static AuthorizerPriming register(AuthSettings settings) {
        AuthorizerPriming priming = new AuthorizerPriming(settings);
        Core.getGlobalContext().register(priming);
        return priming;
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) throws Exception {
        prime();
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        // Nothing to undo: no keys, connections or clocks were kept.
    }

    /** @return the allowed answers, one per key type (what a test can check) */
    List<String> prime() throws JOSEException, IOException, ParseException {
        RSAKey rsa = new RSAKeyGenerator(2048).keyID("priming-rsa").generate();
        ECKey ec = new ECKeyGenerator(Curve.P_256).keyID("priming-ec").generate();
        // Through JSON, as keys from an issuer arrive.
        JWKSet published = JWKSet.parse(new JWKSet(List.<JWK>of(rsa, ec)).toPublicJWKSet().toString());
        OpenIdKeySource.jwksUriFrom("{\"issuer\":\"" + settings.issuer() + "\",\"jwks_uri\":\"https://priming.invalid/"
                + "jwks.json\"}", settings.issuer());
        AuthorizerHandler handler = new AuthorizerHandler(
                new TokenVerifier(settings, new ImmutableJWKSet<SecurityContext>(published), Clock.systemUTC()),
                settings.issuer());
        return List.of(answer(handler, sign(new RSASSASigner(rsa), JWSAlgorithm.RS256, rsa.getKeyID())),
                answer(handler, sign(new ECDSASigner(ec), JWSAlgorithm.ES256, ec.getKeyID())));
    }

    private String sign(JWSSigner signer, JWSAlgorithm algorithm, String keyId) throws JOSEException {
        Instant now = Instant.now();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(algorithm).keyID(keyId).build(),
                new JWTClaimsSet.Builder().issuer(settings.issuer()).audience(settings.audience()).subject("priming")
                        .claim("name", "priming").issueTime(Date.from(now))
                        .expirationTime(Date.from(now.plusSeconds(60))).build());
        jwt.sign(signer);
        return jwt.serialize();
    }

    private static String answer(AuthorizerHandler handler, String token) throws IOException {
        String event = "{\"type\":\"REQUEST\",\"methodArn\":\"arn:aws:execute-api:us-east-1:123456789012:priming/"
                + "priming/$connect\",\"headers\":{\"Sec-WebSocket-Protocol\":\"chat, " + token + "\"},"
                + "\"requestContext\":{\"connectionId\":\"primingPriming0=\"}}";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), out, null);
        return out.toString(StandardCharsets.UTF_8);
    }
}
