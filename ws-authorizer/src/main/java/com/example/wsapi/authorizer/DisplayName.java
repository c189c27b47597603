package com.example.wsapi.authorizer;

import com.nimbusds.jwt.JWTClaimsSet;
import java.util.List;

/**
 * The name others see for a signed-in user: the first usable claim of {@code name}, {@code preferred_username},
 * {@code cognito:username} and {@code sub}, cleaned to what a chat room accepts (no control characters, at most 64
 * characters, like a name sent with joinroom).
 */
final class DisplayName {

    static final int MAX_LENGTH = 64;
    static final List<String> CLAIMS = List.of("name", "preferred_username", "cognito:username", "sub");

    private DisplayName() {}

    static String of(JWTClaimsSet claims) {
        for (String claim : CLAIMS) {
            if (claims.getClaim(claim) instanceof String value) {
                String cleaned = clean(value);
                if (!cleaned.isEmpty()) {
                    return cleaned;
                }
            }
        }
        return claims.getSubject(); // verified non-blank before a name is asked for
    }

    /** Without control characters and lone surrogates, trimmed, cut to {@link #MAX_LENGTH} characters. */
    static String clean(String value) {
        StringBuilder kept = new StringBuilder();
        value.codePoints()
                .filter(c -> Character.getType(c) != Character.CONTROL && Character.getType(c) != Character.SURROGATE)
                .forEach(kept::appendCodePoint);
        String trimmed = kept.toString().strip();
        return trimmed.codePointCount(0, trimmed.length()) <= MAX_LENGTH ? trimmed
                : trimmed.substring(0, trimmed.offsetByCodePoints(0, MAX_LENGTH)).strip();
    }
}
