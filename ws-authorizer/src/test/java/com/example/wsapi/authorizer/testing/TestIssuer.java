package com.example.wsapi.authorizer.testing;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An OpenID Connect issuer made in a test: a real HTTP server on a free loopback port serving the discovery document
 * ({@code <url>/.well-known/openid-configuration}) and the key set ({@code <url>/jwks.json}) of keys generated here,
 * counting the fetches. It mints tokens with its keys ({@link #token()}), rotates them, and can be stopped (then it is
 * unreachable).
 */
public final class TestIssuer implements AutoCloseable {

    public static final String AUDIENCE = "test-app-client";

    private final HttpServer server;
    private final String url;
    private final AtomicInteger discoveryFetches = new AtomicInteger();
    private final AtomicInteger keyFetches = new AtomicInteger();
    private volatile List<JWK> published;
    private volatile RSAKey signingKey;

    private TestIssuer(HttpServer server) {
        this.server = server;
        this.url = "http://127.0.0.1:" + server.getAddress().getPort() + "/issuer";
        this.signingKey = newRsaKey();
        this.published = List.of(signingKey.toPublicJWK());
        server.createContext("/issuer/.well-known/openid-configuration", exchange -> {
            discoveryFetches.incrementAndGet();
            send(exchange, "{\"issuer\":\"" + url + "\",\"jwks_uri\":\"" + url + "/jwks.json\","
                    + "\"id_token_signing_alg_values_supported\":[\"RS256\",\"ES256\"]}");
        });
        server.createContext("/issuer/jwks.json", exchange -> {
            keyFetches.incrementAndGet();
            send(exchange, new JWKSet(published).toString());
        });
        server.start();
    }

    /** Starts an issuer with one RSA signing key. */
    public static TestIssuer start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            return new TestIssuer(server);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The issuer URL: the {@code iss} of its tokens and what AuthIssuer is set to. */
    public String url() {
        return url;
    }

    public RSAKey signingKey() {
        return signingKey;
    }

    /** A token builder with this issuer's defaults: its {@code iss}, {@link #AUDIENCE}, one hour, its current key. */
    public TestTokens.Builder token() {
        return TestTokens.builder(url, AUDIENCE, signingKey);
    }

    /** A new signing key replaces the old one at the issuer: tokens of the old key no longer verify once refetched. */
    public RSAKey rotate() {
        signingKey = newRsaKey();
        published = List.of(signingKey.toPublicJWK());
        return signingKey;
    }

    /** Publishes an EC key beside the signing key (for ES256 tokens). */
    public void alsoPublish(ECKey key) {
        List<JWK> keys = new ArrayList<>(published);
        keys.add(key.toPublicJWK());
        published = List.copyOf(keys);
    }

    public int discoveryFetches() {
        return discoveryFetches.get();
    }

    public int keyFetches() {
        return keyFetches.get();
    }

    /** Stops serving: from now on the issuer is unreachable (connections are refused). */
    @Override
    public void close() {
        server.stop(0);
    }

    private static RSAKey newRsaKey() {
        try {
            return new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void send(HttpExchange exchange, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
