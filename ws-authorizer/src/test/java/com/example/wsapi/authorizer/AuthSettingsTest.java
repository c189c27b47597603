package com.example.wsapi.authorizer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AuthSettingsTest {

    static String problem(String issuer, String audience) {
        return assertThrows(IllegalStateException.class, () -> new AuthSettings(issuer, audience)).getMessage();
    }

    @Test
    void cognitoIssuer_andItsDiscoveryUrl() {
        AuthSettings settings = AuthSettings.from(Map.of("AUTH_ISSUER",
                "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC", "AUTH_AUDIENCE", "client"));

        assertEquals(URI.create("https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC/.well-known/"
                + "openid-configuration"), settings.discoveryUrl());
        assertEquals(URI.create("https://login.example/.well-known/openid-configuration"),
                new AuthSettings("https://login.example/", "c").discoveryUrl(), "a trailing / is not doubled");
    }

    @Test
    void plainHttp_onlyOnLoopback() {
        new AuthSettings("http://127.0.0.1:3001/@issuer", "ws-local");
        new AuthSettings("http://localhost:3001/@issuer", "ws-local");
        new AuthSettings("http://[::1]:3001/@issuer", "ws-local");
        assertTrue(problem("http://login.example/", "c").contains("must be an https URL"));
        assertTrue(problem("http://127.0.0.1.nip.io/", "c").contains("must be an https URL"));
    }

    @Test
    void missingOrMalformedSettings_sayWhatToDeployWith() {
        assertTrue(problem(null, "c").contains("AUTH_ISSUER is not set: deploy with AuthIssuer="));
        assertTrue(problem("https://x.example", " ").contains("AUTH_AUDIENCE is not set"));
        assertTrue(problem("cognito", "c").contains("must be an https URL"));
        assertTrue(problem("https://x.example/?a=b", "c").contains("no query or fragment"));
        assertTrue(problem("https://x .example", "c").contains("must be a URL like"));
    }
}
