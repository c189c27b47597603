package com.example.wsapi.authorizer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.wsapi.authorizer.testing.TestTokens;
import com.example.wsapi.common.testing.LambdaEvents;
import com.example.wsapi.common.testing.RecordingContext;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The handler fed by events/authorizer.json (its token swapped for one of the test's keys), answering as API Gateway expects. */
class AuthorizerHandlerTest {

    static final String ISSUER = "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Ex4mpLe1";
    static final String AUDIENCE = "5mq4mhk1f1l0p7dbr3s2v8e9ta";
    static final Instant NOW = Instant.parse("2026-11-21T08:42:17Z");

    static RSAKey key;
    static AuthorizerHandler handler;

    @BeforeAll
    static void setUp() throws Exception {
        key = new RSAKeyGenerator(2048).keyID("handler-test").generate();
        handler = handlerWith(new ImmutableJWKSet<>(new JWKSet(key.toPublicJWK())));
    }

    static AuthorizerHandler handlerWith(JWKSource<SecurityContext> keys) {
        AuthSettings settings = new AuthSettings(ISSUER, AUDIENCE);
        return new AuthorizerHandler(new TokenVerifier(settings, keys, Clock.fixed(NOW, ZoneOffset.UTC)), ISSUER);
    }

    static TestTokens.Builder token() {
        return TestTokens.builder(ISSUER, AUDIENCE, key).issuedAt(NOW).expiresAt(NOW.plusSeconds(3600))
                .subject("7c1e4a52-90b1-4f0e-9d6a-3b8f2e5d4c17");
    }

    /** events/authorizer.json with this token in its query string. */
    static JsonObject eventWithQueryToken(String token) throws IOException {
        JsonObject event = sample();
        event.getAsJsonObject("queryStringParameters").addProperty("token", token);
        event.getAsJsonObject("multiValueQueryStringParameters").getAsJsonArray("token").set(0,
                new com.google.gson.JsonPrimitive(token));
        return event;
    }

    /** events/authorizer.json as a browser sends it: no query string, the token among the subprotocols. */
    static JsonObject eventWithSubprotocolToken(String token) throws IOException {
        JsonObject event = sample();
        event.remove("queryStringParameters");
        event.remove("multiValueQueryStringParameters");
        event.getAsJsonObject("headers").addProperty("Sec-WebSocket-Protocol", "chat, " + token);
        return event;
    }

    static JsonObject sample() throws IOException {
        return JsonParser.parseString(Files.readString(LambdaEvents.file("authorizer.json"))).getAsJsonObject();
    }

    static JsonObject answer(AuthorizerHandler handler, JsonObject event, RecordingContext context) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(event.toString().getBytes(StandardCharsets.UTF_8)), out, context);
        return JsonParser.parseString(out.toString(StandardCharsets.UTF_8)).getAsJsonObject();
    }

    static void assertPolicy(JsonObject answer, String effect, String principalId) {
        assertEquals(principalId, answer.get("principalId").getAsString());
        JsonObject document = answer.getAsJsonObject("policyDocument");
        assertEquals("2012-10-17", document.get("Version").getAsString());
        JsonObject statement = document.getAsJsonArray("Statement").get(0).getAsJsonObject();
        assertEquals("execute-api:Invoke", statement.get("Action").getAsString());
        assertEquals(effect, statement.get("Effect").getAsString());
        assertEquals("arn:aws:execute-api:us-east-1:123456789012:k3f9q2w7xa/dev/$connect",
                statement.get("Resource").getAsString(), "the event's methodArn");
    }

    @Test
    void validTokenInTheQueryString_isAllowed_withSubAsPrincipal_andTheNameInTheContext() throws IOException {
        String token = token().name("Ana Lima").sign();
        RecordingContext context = new RecordingContext();

        JsonObject answer = answer(handler, eventWithQueryToken(token), context);

        assertPolicy(answer, "Allow", "7c1e4a52-90b1-4f0e-9d6a-3b8f2e5d4c17");
        assertEquals("Ana Lima", answer.getAsJsonObject("context").get("name").getAsString());
        assertEquals("allowed connection BFHPhfCWIAMCKlQ= sub=7c1e4a52-90b1-4f0e-9d6a-3b8f2e5d4c17", context.log());
        assertFalse(context.log().contains("Ana"), "no token content but sub in logs");
        assertTrue(context.rawMessages().stream().allMatch(message -> message.endsWith("\n")),
                "each line ends itself: on plain stdout the runtime adds no newline " + context.rawMessages());
    }

    @Test
    void validTokenAmongTheSubprotocols_isAllowed() throws IOException {
        JsonObject answer = answer(handler, eventWithSubprotocolToken(token().sign()), new RecordingContext());

        assertPolicy(answer, "Allow", "7c1e4a52-90b1-4f0e-9d6a-3b8f2e5d4c17");
    }

    @Test
    void theSampleEventsOwnToken_ofAnotherKeyAndExpired_isUnauthorized() {
        RecordingContext context = new RecordingContext();

        RuntimeException refused = assertThrows(RuntimeException.class, () -> answer(handler, sample(), context));

        assertEquals("Unauthorized", refused.getMessage(), "API Gateway answers 401 for exactly this message");
        assertEquals("refused connection BFHPhfCWIAMCKlQ= with 401: not signed with RS256 or ES256 by a current key "
                + "of the issuer", context.log());
    }

    @Test
    void invalidToken_isUnauthorized_andItsContentStaysOutOfTheLog() throws IOException {
        String expired = token().name("Secret Name").issuedAt(NOW.minusSeconds(7200)).expiresAt(NOW.minusSeconds(3600))
                .sign();
        RecordingContext context = new RecordingContext();

        RuntimeException refused = assertThrows(RuntimeException.class,
                () -> answer(handler, eventWithQueryToken(expired), context));

        assertEquals("Unauthorized", refused.getMessage());
        assertEquals("refused connection BFHPhfCWIAMCKlQ= with 401: expired (exp)", context.log());
        assertFalse(context.log().contains(expired.substring(0, 20)) || context.log().contains("Secret"));
    }

    @Test
    void noToken_isUnauthorized() throws IOException {
        JsonObject event = sample();
        event.remove("queryStringParameters");

        assertEquals("Unauthorized", assertThrows(RuntimeException.class,
                () -> answer(handler, event, new RecordingContext())).getMessage());
    }

    @Test
    void tokenForAnotherAppClient_isDenied_403() throws IOException {
        RecordingContext context = new RecordingContext();

        JsonObject answer = answer(handler, eventWithQueryToken(token().audience("other-client").sign()), context);

        assertPolicy(answer, "Deny", "7c1e4a52-90b1-4f0e-9d6a-3b8f2e5d4c17");
        assertFalse(answer.has("context"));
        assertTrue(context.log().startsWith("refused connection BFHPhfCWIAMCKlQ= with 403 sub=7c1e4a52"), context.log());
    }

    @Test
    void keysUnavailable_failsTheInvocation_notAs401_withOneClearErrorLine() {
        AuthorizerHandler closed = handlerWith((selector, context) -> {
            throw new KeySourceException("Couldn't retrieve JWK set from URL: Connection refused");
        });
        RecordingContext context = new RecordingContext();

        RuntimeException failure = assertThrows(RuntimeException.class,
                () -> answer(closed, eventWithQueryToken(token().sign()), context));

        assertNotEquals("Unauthorized", failure.getMessage(), "a failure other than Unauthorized is API Gateway's 500");
        assertEquals(1, context.logLines().size());
        assertEquals("refused connection BFHPhfCWIAMCKlQ= with 500: the sign-in keys of " + ISSUER + " are unavailable "
                + "(Couldn't retrieve JWK set from URL: Connection refused); nobody can connect until they are",
                context.log());
    }
}
