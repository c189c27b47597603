package com.example.wsapi.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.wsapi.authorizer.testing.TestIssuer;
import com.example.wsapi.authorizer.testing.TestTokens;
import com.example.wsapi.local.lambda.RuntimeOptions;
import com.example.wsapi.local.testing.Await;
import com.example.wsapi.local.testing.JdkClient;
import com.example.wsapi.local.testing.ProjectApi;
import com.google.gson.JsonObject;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import java.net.URI;
import java.net.http.WebSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Sign-in end to end: this project's template with AuthIssuer and AuthAudience set, run by ws-local with the real
 * authorizer (its shrunk artifact in its own JVM, one instance, so one key cache), an OpenID issuer made here on a free
 * port with keys made here, and JDK WebSocket clients passing tokens in the query string and, as browsers do, among
 * the subprotocols. A refused handshake never reaches $connect: no connection record is written.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SignInIT {

    static final Duration REPLY = ProjectApi.REPLY;

    @TempDir
    static Path issuerKeys;
    static TestIssuer issuer;
    static ProjectApi api;
    static final List<String> functionLogs = new CopyOnWriteArrayList<>();
    static final List<String> tokensUsed = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        issuer = TestIssuer.start();
        api = ProjectApi.startWith(Map.of("AuthIssuer", issuer.url(), "AuthAudience", TestIssuer.AUDIENCE), 1,
                RuntimeOptions.defaults().withLogSink(line -> functionLogs.add(line.toString())), issuerKeys);
    }

    @AfterAll
    static void stop() {
        if (api != null) {
            api.close();
        }
        if (issuer != null) {
            issuer.close();
        }
    }

    /** Remembers a JWT handed to the gateway, for the check that none reaches a log. */
    static String used(String token) {
        if (token.chars().filter(c -> c == '.').count() == 2) {
            tokensUsed.add(token);
        }
        return token;
    }

    static URI withToken(String token) {
        return URI.create(api.ws() + "?token=" + used(token));
    }

    static Consumer<WebSocket.Builder> subprotocols(String... offers) {
        for (String offer : offers) {
            used(offer);
        }
        return builder -> builder.subprotocols(offers[0], Arrays.copyOfRange(offers, 1, offers.length));
    }

    static String userAgent(String what) {
        return "signin-" + what + "-" + UUID.randomUUID();
    }

    static String join(String room, String name) {
        return "{\"action\":\"joinroom\",\"room\":\"" + room + "\",\"name\":\"" + name + "\"}";
    }

    @Test
    void validTokenInTheQueryString_connects_andTheRoomSeesTheNameFromTheToken_notTheOneInTheMessage() {
        String anaAgent = userAgent("ana");
        JdkClient ana = api.connect(anaAgent, withToken(issuer.token().subject("sub-ana").name("Ana Lima").sign()),
                builder -> {});
        JdkClient bo = api.connect(userAgent("bo"), withToken(issuer.token().subject("sub-bo").name("Bo").sign()),
                builder -> {});
        String room = "signin-" + UUID.randomUUID().toString().substring(0, 8);

        ana.send(join(room, "mallory"));
        JsonObject joined = ChatIT.next(ana, "joined");
        assertEquals(1, joined.get("members").getAsInt());
        assertEquals("Ana Lima", joined.get("name").getAsString(), "joined says which name the room knows");
        bo.send(join(room, "eve"));

        JsonObject memberJoined = ChatIT.next(ana, "member-joined");
        assertEquals("Bo", memberJoined.get("name").getAsString());
        assertEquals("Ana Lima", api.recordOf(anaAgent).orElseThrow().get("name").s());
    }

    @Test
    void validTokenAmongTheSubprotocols_connects_andChatIsTheSubprotocolAnswered() {
        String agent = userAgent("browser");
        JdkClient browser = api.connect(agent, api.ws(), subprotocols("chat", issuer.token().sign()));

        assertEquals("chat", browser.socket().getSubprotocol());
        api.connectionIdOf(agent);
    }

    @Test
    void sendmessageFromNoRoom_isRefused_onlyRoomsBroadcast() {
        JdkClient ana = api.connect(userAgent("lonely"), withToken(issuer.token().sign()), builder -> {});

        ana.send("{\"action\":\"sendmessage\",\"data\":\"to everyone?\"}");

        JsonObject error = ChatIT.next(ana, "error");
        assertTrue(error.get("message").getAsString().startsWith("join a room first"), error.toString());
    }

    /** One way a handshake goes wrong: where the token goes, and the status API Gateway answers. */
    record Refusal(String name, URI uri, Consumer<WebSocket.Builder> handshake, int status) {
        @Override
        public String toString() {
            return name + " -> " + status;
        }
    }

    static Refusal inQuery(String name, String token, int status) {
        return new Refusal(name, withToken(token), builder -> {}, status);
    }

    static Refusal amongSubprotocols(String name, String token, int status) {
        return new Refusal(name, api.ws(), subprotocols("chat", token), status);
    }

    static Stream<Refusal> refusals() throws Exception {
        Instant now = Instant.now();
        String valid = issuer.token().sign();
        String oversized = issuer.token().claim("padding", "x".repeat(4500)).sign();
        assertTrue(oversized.length() > 6144 && oversized.length() < 7200, "oversized: " + oversized.length());
        return Stream.of(
                new Refusal("no token", api.ws(), builder -> {}, 401),
                new Refusal("chat offered without a token", api.ws(), subprotocols("chat"), 401),
                inQuery("expired", issuer.token().issuedAt(now.minusSeconds(7200)).expiresAt(now.minusSeconds(3600))
                        .sign(), 401),
                inQuery("not yet valid", issuer.token().notBefore(now.plusSeconds(3600)).sign(), 401),
                inQuery("another issuer", issuer.token().issuer("https://login.elsewhere.example").sign(), 401),
                inQuery("another audience", issuer.token().audience("another-app-client").sign(), 403),
                inQuery("tampered signature", TestTokens.tampered(valid), 401),
                inQuery("claims changed under the signature",
                        TestTokens.withClaims(valid, issuer.token().subject("admin").claims()), 401),
                inQuery("alg none", TestTokens.unsigned(valid), 401),
                inQuery("HMAC signed with the public key", TestTokens.hmacWithPublicKey(valid, issuer.signingKey()),
                        401),
                inQuery("another user's token, reused after it expired", issuer.token().subject("sub-bo").name("Bo")
                        .issuedAt(now.minusSeconds(4 * 3600)).expiresAt(now.minusSeconds(3 * 3600)).sign(), 401),
                inQuery("not a JWT", "hello", 401),
                amongSubprotocols("oversized, among the subprotocols", oversized, 401),
                amongSubprotocols("expired, among the subprotocols", issuer.token().expiresAt(now.minusSeconds(3600))
                        .issuedAt(now.minusSeconds(7200)).sign(), 401),
                amongSubprotocols("another audience, among the subprotocols", issuer.token().audience("other").sign(),
                        403));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void badToken_isRefusedWithApiGatewaysStatus_andNoConnectionIsRecorded(Refusal refusal) {
        String agent = userAgent("refused");

        int status = JdkClient.refusedStatus(refusal.uri(), builder -> {
            builder.header("User-Agent", agent);
            refusal.handshake().accept(builder);
        }, REPLY);

        assertEquals(refusal.status(), status, refusal.name());
        assertTrue(api.recordOf(agent).isEmpty(), "a refused handshake reached $connect: " + refusal.name());
    }

    @Test
    void keysRotatedAtTheIssuer_newTokensConnectAfterOneRefresh_whileUnknownAndRetiredKeysAreRefused()
            throws Exception {
        String retired = issuer.token().sign();
        api.connect(userAgent("before-rotation"), withToken(retired), builder -> {});
        int fetchesBefore = issuer.keyFetches();

        issuer.rotate();
        String afterRotation = userAgent("after-rotation");
        api.connect(afterRotation, withToken(issuer.token().subject("sub-new").sign()), builder -> {});

        api.connectionIdOf(afterRotation);
        assertEquals(fetchesBefore + 1, issuer.keyFetches(), "one refresh, for the new key id");
        RSAKey stranger = new RSAKeyGenerator(2048).keyID("made-up-" + UUID.randomUUID()).generate();
        String unknownKey = userAgent("unknown-key");
        assertEquals(401, JdkClient.refusedStatus(withToken(issuer.token().signedWith(stranger).sign()),
                builder -> builder.header("User-Agent", unknownKey), REPLY));
        assertTrue(api.recordOf(unknownKey).isEmpty());
        assertEquals(401, JdkClient.refusedStatus(withToken(retired), builder -> {}, REPLY),
                "the retired key is no longer the issuer's");
    }

    @Test
    @Order(Integer.MAX_VALUE) // last: every token the other tests handed the gateway is checked
    void noFunctionLogsAToken_butTheAuthorizerLogsEachDecisionWithTheSubject() {
        api.connect(userAgent("logged"), withToken(issuer.token().subject("sub-logged").sign()), builder -> {});
        awaitLog("allowed connection", "sub=sub-logged");

        for (String token : tokensUsed) {
            String signature = token.substring(token.lastIndexOf('.') + 1);
            String payload = token.substring(token.indexOf('.') + 1, token.lastIndexOf('.'));
            for (String line : functionLogs) {
                assertFalse(!signature.isEmpty() && line.contains(signature) || line.contains(payload),
                        "a token in a function's log: " + line);
            }
        }
    }

    private static void awaitLog(String... parts) {
        Await.until("an authorizer log line with " + List.of(parts), REPLY,
                () -> functionLogs.stream().anyMatch(line -> Stream.of(parts).allMatch(line::contains)));
    }
}
