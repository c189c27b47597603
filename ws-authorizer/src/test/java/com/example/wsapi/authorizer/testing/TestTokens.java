package com.example.wsapi.authorizer.testing;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;

/** Tokens for tests: well-formed ones with any claims, and the forgeries a verifier must refuse. */
public final class TestTokens {

    private TestTokens() {}

    public static Builder builder(String issuer, String audience, JWK key) {
        return new Builder(issuer, audience, key);
    }

    /** The same claims with {@code alg: none} and no signature. */
    public static String unsigned(String signedToken) throws java.text.ParseException {
        return new PlainJWT(SignedJWT.parse(signedToken).getJWTClaimsSet()).serialize();
    }

    /** The same claims signed with HS256, the RSA public key's encoded bytes used as the shared secret. */
    public static String hmacWithPublicKey(String signedToken, RSAKey key) throws Exception {
        SignedJWT original = SignedJWT.parse(signedToken);
        SignedJWT forged = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(key.getKeyID()).build(),
                original.getJWTClaimsSet());
        forged.sign(new MACSigner(key.toPublicKey().getEncoded()));
        return forged.serialize();
    }

    /** The token with one character of its signature changed. */
    public static String tampered(String token) {
        int at = token.lastIndexOf('.') + 5;
        char changed = token.charAt(at) == 'A' ? 'B' : 'A';
        return token.substring(0, at) + changed + token.substring(at + 1);
    }

    /** The token with its claims replaced by others (the signature left as it was). */
    public static String withClaims(String token, JWTClaimsSet claims) {
        String[] parts = token.split("\\.");
        return parts[0] + "." + Base64URL.encode(claims.toString()) + "." + parts[2];
    }

    public static final class Builder {
        private String issuer;
        private String audience;
        private JWK key;
        private String subject = "user-ana";
        private final Map<String, Object> claims = new LinkedHashMap<>();
        private Instant issuedAt = Instant.now();
        private Instant expiresAt = issuedAt.plus(Duration.ofHours(1));
        private Instant notBefore;

        private Builder(String issuer, String audience, JWK key) {
            this.issuer = issuer;
            this.audience = audience;
            this.key = key;
            claims.put("name", "Ana");
        }

        public Builder issuer(String value) {
            issuer = value;
            return this;
        }

        /** null: no {@code aud} at all. */
        public Builder audience(String value) {
            audience = value;
            return this;
        }

        /** null: no {@code sub}. */
        public Builder subject(String value) {
            subject = value;
            return this;
        }

        /** Sets a claim; null removes it. */
        public Builder claim(String name, Object value) {
            if (value == null) {
                claims.remove(name);
            } else {
                claims.put(name, value);
            }
            return this;
        }

        public Builder name(String value) {
            return claim("name", value);
        }

        public Builder issuedAt(Instant value) {
            issuedAt = value;
            return this;
        }

        /** null: no {@code exp}. */
        public Builder expiresAt(Instant value) {
            expiresAt = value;
            return this;
        }

        public Builder notBefore(Instant value) {
            notBefore = value;
            return this;
        }

        public Builder signedWith(JWK value) {
            key = value;
            return this;
        }

        public JWTClaimsSet claims() {
            JWTClaimsSet.Builder builder = new JWTClaimsSet.Builder().issuer(issuer).subject(subject)
                    .issueTime(Date.from(issuedAt));
            if (audience != null) {
                builder.audience(audience);
            }
            if (expiresAt != null) {
                builder.expirationTime(Date.from(expiresAt));
            }
            if (notBefore != null) {
                builder.notBeforeTime(Date.from(notBefore));
            }
            claims.forEach(builder::claim);
            return builder.build();
        }

        public String sign() {
            try {
                boolean ec = key instanceof ECKey;
                SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(ec ? JWSAlgorithm.ES256 : JWSAlgorithm.RS256)
                        .keyID(key.getKeyID()).build(), claims());
                jwt.sign(ec ? new ECDSASigner((ECKey) key) : new RSASSASigner((RSAKey) key));
                return jwt.serialize();
            } catch (JOSEException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
