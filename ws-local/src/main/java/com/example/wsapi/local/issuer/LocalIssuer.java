package com.example.wsapi.local.issuer;

import com.example.wsapi.local.gateway.LocalHttpEndpoint;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * ws-local's development sign-in issuer, on the gateway's port under {@code /@issuer}: the OpenID discovery document
 * at {@code /@issuer/.well-known/openid-configuration} and the public keys at {@code /@issuer/jwks.json}, from the
 * keys the {@code token} command signs with. The issuer URL is the one it is reached by ({@code http://<Host>/@issuer},
 * e.g. {@code http://127.0.0.1:3001/@issuer}): what AuthIssuer and the tokens' {@code iss} name.
 */
public final class LocalIssuer implements LocalHttpEndpoint {

    public static final String SEGMENT = "@issuer";
    /** The audience the token command issues for by default: AuthAudience=ws-local. */
    public static final String DEFAULT_AUDIENCE = "ws-local";
    /** The token command's default --port. */
    private static final int TOKEN_COMMAND_PORT = 3001;

    private final IssuerKeyStore keys;

    public LocalIssuer(IssuerKeyStore keys) {
        this.keys = keys;
    }

    /** {@code http://<host:port>/@issuer}: the issuer URL for clients reaching the gateway at that address. */
    public static String url(String hostAndPort) {
        return "http://" + hostAndPort + "/" + SEGMENT;
    }

    @Override
    public String segment() {
        return SEGMENT;
    }

    @Override
    public FullHttpResponse handle(FullHttpRequest request, List<String> rest) {
        if (!HttpMethod.GET.equals(request.method()) && !HttpMethod.HEAD.equals(request.method())) {
            FullHttpResponse response = json(HttpResponseStatus.METHOD_NOT_ALLOWED, message("Method Not Allowed: the "
                    + "issuer answers GET"));
            response.headers().set(HttpHeaderNames.ALLOW, "GET, HEAD");
            return response;
        }
        String host = request.headers().get(HttpHeaderNames.HOST);
        if (host == null || host.isBlank()) {
            return json(HttpResponseStatus.BAD_REQUEST, message("Bad Request: no Host header, so no issuer URL"));
        }
        String issuer = url(host);
        List<String> path = rest.size() == 1 && rest.get(0).isEmpty() ? List.of() : rest;
        try {
            if (path.isEmpty()) {
                return json(HttpResponseStatus.OK, about(issuer));
            }
            if (path.equals(List.of(".well-known", "openid-configuration"))) {
                return json(HttpResponseStatus.OK, discovery(issuer));
            }
            if (path.equals(List.of("jwks.json"))) {
                return json(HttpResponseStatus.OK, keys.publicKeys().toString());
            }
        } catch (IssuerKeysException e) {
            return json(HttpResponseStatus.INTERNAL_SERVER_ERROR, message(e.getMessage()));
        }
        return json(HttpResponseStatus.NOT_FOUND, message("Not Found: the issuer serves " + issuer
                + "/.well-known/openid-configuration and " + issuer + "/jwks.json"));
    }

    /** OpenID Connect discovery: the issuer and its keys (tokens come from the token command, not a login page). */
    private static String discovery(String issuer) {
        JsonObject document = new JsonObject();
        document.addProperty("issuer", issuer);
        document.addProperty("jwks_uri", issuer + "/jwks.json");
        document.add("id_token_signing_alg_values_supported", strings("RS256"));
        document.add("subject_types_supported", strings("public"));
        document.add("response_types_supported", strings("id_token"));
        document.add("claims_supported", strings("iss", "sub", "aud", "exp", "iat", "jti", "name"));
        return document.toString();
    }

    private String about(String issuer) {
        JsonObject about = new JsonObject();
        about.addProperty("message", "ws-local's development sign-in issuer. Get a token with: java -jar "
                + "ws-local/target/ws-local.jar token --name ana" + tokenOptions(issuer) + " (see --help); turn "
                + "sign-in on with --parameter-overrides AuthIssuer=" + issuer + ",AuthAudience=" + DEFAULT_AUDIENCE);
        about.addProperty("issuer", issuer);
        about.addProperty("discovery", issuer + "/.well-known/openid-configuration");
        about.addProperty("jwks_uri", issuer + "/jwks.json");
        return about.toString();
    }

    /** What the token command needs beyond its defaults to sign for this issuer: its URL and keys may differ. */
    private String tokenOptions(String issuer) {
        StringBuilder options = new StringBuilder();
        int port = portOf(issuer);
        if (!issuer.equals(url("127.0.0.1:" + port))) {
            options.append(" --issuer ").append(issuer); // reached by another name: the token must say it exactly
        } else if (port != TOKEN_COMMAND_PORT) {
            options.append(" --port ").append(port);
        }
        if (!keys.folder().equals(IssuerKeyStore.defaultFolder().toAbsolutePath().normalize())) {
            options.append(" --issuer-keys ").append(keys.folder());
        }
        return options.toString();
    }

    private static int portOf(String issuer) {
        try {
            return URI.create(issuer).getPort();
        } catch (IllegalArgumentException e) {
            return -1; // a Host no URL can hold: only --issuer names it
        }
    }

    private static JsonArray strings(String... values) {
        JsonArray array = new JsonArray();
        for (String value : values) {
            array.add(value);
        }
        return array;
    }

    private static String message(String text) {
        JsonObject body = new JsonObject();
        body.addProperty("message", text);
        return body.toString();
    }

    private static FullHttpResponse json(HttpResponseStatus status, String json) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                Unpooled.copiedBuffer(json, StandardCharsets.UTF_8));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON);
        // Keys change with a rotation: clients cache them by their own rules, never by this response's.
        response.headers().set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_STORE);
        return response;
    }
}
