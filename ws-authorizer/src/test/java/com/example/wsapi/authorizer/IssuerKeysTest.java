package com.example.wsapi.authorizer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.wsapi.authorizer.testing.TestIssuer;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Keys through OpenID discovery from a real issuer on loopback: fetched once, refreshed for new key ids, limited. */
class IssuerKeysTest {

    TestIssuer issuer;
    TokenVerifier verifier;

    @BeforeEach
    void start() {
        issuer = TestIssuer.start();
        verifier = verifierFor(issuer.url());
    }

    @AfterEach
    void stop() {
        issuer.close();
    }

    static TokenVerifier verifierFor(String issuerUrl) {
        AuthSettings settings = new AuthSettings(issuerUrl, TestIssuer.AUDIENCE);
        return new TokenVerifier(settings, new IssuerKeys(settings), Clock.systemUTC());
    }

    @Test
    void keys_areDiscoveredOnce_andCachedAcrossVerifications() {
        for (int i = 0; i < 3; i++) {
            assertInstanceOf(Verdict.Allowed.class, verifier.verify(issuer.token().sign()));
        }

        assertEquals(1, issuer.discoveryFetches());
        assertEquals(1, issuer.keyFetches());
    }

    @Test
    void nothingIsFetched_beforeTheFirstToken() {
        assertEquals(0, issuer.discoveryFetches() + issuer.keyFetches());
    }

    @Test
    void keysRotatedAtTheIssuer_areTakenAfterOneRefresh() {
        assertInstanceOf(Verdict.Allowed.class, verifier.verify(issuer.token().sign()));
        issuer.rotate();

        assertInstanceOf(Verdict.Allowed.class, verifier.verify(issuer.token().subject("after-rotation").sign()));

        assertEquals(2, issuer.keyFetches(), "one refresh for the new key id");
        assertEquals(1, issuer.discoveryFetches(), "discovery is kept");
    }

    @Test
    void es256Keys_publishedBesideRsa_verify() throws Exception {
        ECKey ec = new ECKeyGenerator(Curve.P_256).keyID("ec-key").generate();
        issuer.alsoPublish(ec);

        assertInstanceOf(Verdict.Allowed.class, verifier.verify(issuer.token().signedWith(ec).sign()));
    }

    @Test
    void unknownKeyIds_refreshAtMostOnceMoreWithinTheInterval_andAreRefused() throws Exception {
        assertInstanceOf(Verdict.Allowed.class, verifier.verify(issuer.token().sign()));

        RSAKey strangerKey = new RSAKeyGenerator(2048).generate();
        for (int i = 0; i < 5; i++) {
            String stranger = issuer.token().signedWith(new RSAKey.Builder(strangerKey).keyID("made-up-" + i).build())
                    .sign();
            assertInstanceOf(Verdict.Unauthorized.class, verifier.verify(stranger));
        }

        assertEquals(2, issuer.keyFetches(), "the first fetch, and one refresh per 30 s");
        assertInstanceOf(Verdict.Allowed.class, verifier.verify(issuer.token().sign()), "known keys still verify");
    }

    @Test
    void unreachableIssuer_makesKeysUnavailable_forEveryToken() {
        issuer.close();

        for (int i = 0; i < 4; i++) {
            Verdict verdict = verifier.verify(issuer.token().sign());
            assertInstanceOf(Verdict.KeysUnavailable.class, verdict, "attempt " + i + ": " + verdict);
        }
    }

    @Test
    void issuerNotServingOpenIdDiscovery_makesKeysUnavailable_sayingWhere() {
        TokenVerifier wrongPath = verifierFor(issuer.url() + "/nothing-here");

        Verdict.KeysUnavailable verdict = assertInstanceOf(Verdict.KeysUnavailable.class,
                wrongPath.verify(issuer.token().issuer(issuer.url() + "/nothing-here").sign()));

        assertTrue(verdict.reason().contains("/nothing-here/.well-known/openid-configuration"), verdict.reason());
    }

    @Test
    void discoveryNamingAnotherIssuer_makesKeysUnavailable() throws Exception {
        try (Server server = Server.serving("{\"issuer\":\"https://elsewhere.example\",\"jwks_uri\":\"%s/jwks\"}")) {
            Verdict verdict = verifierFor(server.url).verify(issuer.token().issuer(server.url).sign());

            Verdict.KeysUnavailable unavailable = assertInstanceOf(Verdict.KeysUnavailable.class, verdict);
            assertTrue(unavailable.reason().contains("names the issuer 'https://elsewhere.example'"),
                    unavailable.reason());
        }
    }

    @Test
    void discoveryServingKeysOverPlainHttpFromElsewhere_isNotTrusted() throws Exception {
        try (Server server = Server.serving("{\"issuer\":\"%s\",\"jwks_uri\":\"http://keys.example/jwks\"}")) {
            Verdict verdict = verifierFor(server.url).verify(issuer.token().issuer(server.url).sign());

            Verdict.KeysUnavailable unavailable = assertInstanceOf(Verdict.KeysUnavailable.class, verdict);
            assertTrue(unavailable.reason().contains("only https"), unavailable.reason());
        }
    }

    /** A discovery document of one's own, {@code %s} standing for the server's URL. */
    record Server(HttpServer http, String url) implements AutoCloseable {
        static Server serving(String discovery) throws Exception {
            HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            String url = "http://127.0.0.1:" + http.getAddress().getPort() + "/own";
            byte[] body = discovery.replace("%s", url).getBytes(StandardCharsets.UTF_8);
            http.createContext("/own/.well-known/openid-configuration", exchange -> {
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            http.start();
            return new Server(http, url);
        }

        @Override
        public void close() {
            http.stop(0);
        }
    }
}
