package com.example.wsapi.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.wsapi.local.issuer.IssuerKeyStore;
import com.example.wsapi.local.lambda.RuntimeOptions;
import com.example.wsapi.local.testing.JdkClient;
import com.example.wsapi.local.testing.ProjectApi;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sign-in with no identity provider, the way the README has it: ws-local runs the template with AuthIssuer set to its
 * own /@issuer, and `ws-local.jar token --name ana` (the command line, in this JVM) prints the tokens clients connect
 * with. The keys live in a folder of this user's alone that both share.
 */
class LocalIssuerIT {

    static final Duration REPLY = LocalApiIT.REPLY;
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    static Path dir;
    static Path keys;
    static int port;
    static String issuer;
    static LocalApi api;
    static final List<JdkClient> clients = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        keys = dir.resolve("issuer-keys");
        port = FreePort.find("127.0.0.1");
        issuer = "http://127.0.0.1:" + port + "/@issuer";
        api = LocalApi.start(new LocalOptions(ProjectApi.template(), "127.0.0.1", port, null, "us-east-1",
                Duration.ofMinutes(10), null, 0, Map.of("AuthIssuer", issuer, "AuthAudience", "ws-local"), Map.of(), 2),
                RuntimeOptions.defaults(), new IssuerKeyStore(keys));
    }

    @AfterAll
    static void stop() {
        clients.forEach(c -> c.socket().abort());
        if (api != null) {
            api.close();
        }
    }

    /** {@code ws-local.jar token ...} with this test's port and keys; its stdout is the token alone. */
    static String token(String... options) {
        List<String> args = new ArrayList<>(List.of("token", "--port", String.valueOf(port), "--issuer-keys",
                keys.toString()));
        args.addAll(List.of(options));
        InvokeIT.Result result = InvokeIT.run(args.toArray(String[]::new));
        assertEquals(0, result.exitCode(), result.err());
        assertTrue(result.err().startsWith("token for "), result.err());
        return result.out().strip();
    }

    static JdkClient connect(String token) {
        JdkClient client = JdkClient.connect(URI.create(api.gateway().webSocketUrl() + "?token=" + token));
        clients.add(client);
        return client;
    }

    static JsonObject get(String path) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return JsonParser.parseString(response.body()).getAsJsonObject();
    }

    @Test
    void tokenCommand_tokenConnects_andTheNameReachesTheRoom() throws Exception {
        JdkClient ana = connect(token("--name", "ana"));
        JdkClient ben = connect(token("--name", "ben", "--sub", "user-ben"));

        ana.send("{\"action\":\"joinroom\",\"room\":\"local-issuer\"}");
        ChatIT.next(ana, "joined");
        ben.send("{\"action\":\"joinroom\",\"room\":\"local-issuer\",\"name\":\"not-ben\"}");

        assertEquals("ben", ChatIT.next(ana, "member-joined").get("name").getAsString());
    }

    @Test
    void issuer_servesDiscoveryAndTheKeysTokensAreSignedWith() throws Exception {
        String token = token("--name", "carla");

        JsonObject discovery = get("/@issuer/.well-known/openid-configuration");
        JsonObject published = get("/@issuer/jwks.json");

        assertEquals(issuer, discovery.get("issuer").getAsString());
        assertEquals(issuer + "/jwks.json", discovery.get("jwks_uri").getAsString());
        String keyId = SignedJWT.parse(token).getHeader().getKeyID();
        assertTrue(published.toString().contains("\"kid\":\"" + keyId + "\""), published.toString());
        assertTrue(!published.toString().contains("\"d\":"), "only public keys are published");
        assertEquals(issuer, SignedJWT.parse(token).getJWTClaimsSet().getIssuer());
    }

    @Test
    void keysFolder_isThisUsersAlone() throws Exception {
        token("--name", "dora");

        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(keys)));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(keys.resolve("keys.json"))));
    }

    @Test
    void rotatedKeys_signNewTokens_whileTokensOfThePreviousKeyStillConnect() throws Exception {
        String before = token("--name", "emil");
        String after = token("--name", "emil", "--rotate-keys");

        assertNotEquals(SignedJWT.parse(before).getHeader().getKeyID(), SignedJWT.parse(after).getHeader().getKeyID());
        connect(after);
        connect(before);
    }

    @Test
    void expiredToken_fromTheCommand_isRefused() {
        String expired = token("--name", "fred", "--expires-in", "-3600");

        assertEquals(401, JdkClient.refusedStatus(URI.create(api.gateway().webSocketUrl() + "?token=" + expired),
                builder -> {}, REPLY));
    }

    @Test
    void tokenForAnotherAudience_isRefusedWith403() {
        String other = token("--name", "gus", "--audience", "another-app");

        assertEquals(403, JdkClient.refusedStatus(URI.create(api.gateway().webSocketUrl() + "?token=" + other),
                builder -> {}, REPLY));
    }
}
