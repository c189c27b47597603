package com.example.wsapi.local.issuer;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

/** Sign-in tokens of the development issuer: an ID token's claims, signed RS256 with the issuer's current key. */
public final class LocalTokens {

    /** What a token asks for. */
    public record Request(String issuer, String audience, String subject, String name, Duration expiresIn) {}

    private LocalTokens() {}

    public static String mint(Request request, RSAKey key, Instant now) {
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(request.issuer())
                .subject(request.subject())
                .audience(request.audience())
                .claim("name", request.name())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(request.expiresIn())))
                .jwtID(UUID.randomUUID().toString())
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID())
                .type(JOSEObjectType.JWT).build(), claims);
        try {
            jwt.sign(new RSASSASigner(key));
        } catch (JOSEException e) {
            throw new IssuerKeysException("cannot sign with key " + key.getKeyID() + ": " + e.getMessage(), e);
        }
        return jwt.serialize();
    }
}
