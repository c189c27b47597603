package com.example.wsapi.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.wsapi.authorizer.testing.TestTokens;
import com.example.wsapi.local.lambda.RuntimeOptions;
import com.example.wsapi.local.testing.Await;
import com.example.wsapi.local.testing.JdkClient;
import com.example.wsapi.local.testing.ProjectApi;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sign-in fails closed: with the issuer unreachable (AuthIssuer names a loopback port nothing listens on), nobody
 * connects, whatever the token, API Gateway answers 500 (the authorizer failed), no connection is recorded, and the
 * authorizer says why in one line.
 */
class SignInIssuerDownIT {

    @TempDir
    static Path issuerKeys;
    static ProjectApi api;
    static String issuerUrl;
    static final List<String> functionLogs = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        issuerUrl = "http://127.0.0.1:" + FreePort.find("127.0.0.1") + "/issuer"; // free: nothing listens there
        api = ProjectApi.startWith(Map.of("AuthIssuer", issuerUrl, "AuthAudience", "app"), 1,
                RuntimeOptions.defaults().withLogSink(line -> functionLogs.add(line.toString())), issuerKeys);
    }

    @AfterAll
    static void stop() {
        if (api != null) {
            api.close();
        }
    }

    @Test
    void issuerUnreachable_refusesEveryHandshakeWith500_recordsNothing_andSaysWhyInOneLine() throws Exception {
        String token = TestTokens.builder(issuerUrl, "app", new RSAKeyGenerator(2048).keyID("k").generate()).sign();

        for (int attempt = 0; attempt < 3; attempt++) {
            String agent = "issuer-down-" + UUID.randomUUID();
            boolean browser = attempt % 2 == 1;
            URI uri = browser ? api.ws() : URI.create(api.ws() + "?token=" + token);
            int status = JdkClient.refusedStatus(uri, builder -> {
                builder.header("User-Agent", agent);
                if (browser) {
                    builder.subprotocols("chat", token);
                }
            }, ProjectApi.REPLY);

            assertEquals(500, status, "attempt " + attempt);
            assertTrue(api.recordOf(agent).isEmpty(), "attempt " + attempt + " reached $connect");
        }
        Await.until("the authorizer's line about the keys", ProjectApi.REPLY, () -> functionLogs.stream()
                .anyMatch(line -> line.contains("the sign-in keys of " + issuerUrl + " are unavailable")
                        && line.contains("nobody can connect until they are")));
    }
}
