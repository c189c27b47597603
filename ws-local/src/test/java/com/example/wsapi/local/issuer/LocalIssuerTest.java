package com.example.wsapi.local.issuer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The /@issuer endpoint on its own: what each path answers, the issuer URL taken from the address it is reached by. */
class LocalIssuerTest {

    @TempDir
    Path dir;

    private FullHttpResponse get(LocalIssuer issuer, String host, List<String> rest) {
        FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/@issuer");
        if (host != null) {
            request.headers().set(HttpHeaderNames.HOST, host);
        }
        return issuer.handle(request, rest);
    }

    private static JsonObject json(FullHttpResponse response) {
        return JsonParser.parseString(response.content().toString(StandardCharsets.UTF_8)).getAsJsonObject();
    }

    @Test
    void discovery_namesTheIssuerByTheAddressItIsReachedBy_andItsKeys() {
        LocalIssuer issuer = new LocalIssuer(new IssuerKeyStore(dir));

        FullHttpResponse response = get(issuer, "localhost:3555", List.of(".well-known", "openid-configuration"));

        assertEquals(200, response.status().code());
        assertEquals("no-store", response.headers().get(HttpHeaderNames.CACHE_CONTROL));
        assertEquals("http://localhost:3555/@issuer", json(response).get("issuer").getAsString());
        assertEquals("http://localhost:3555/@issuer/jwks.json", json(response).get("jwks_uri").getAsString());
    }

    @Test
    void keys_arePublicOnly_andEmptyBeforeTheFirstToken() {
        IssuerKeyStore keys = new IssuerKeyStore(dir);
        LocalIssuer issuer = new LocalIssuer(keys);
        assertEquals("{\"keys\":[]}", json(get(issuer, "127.0.0.1:3555", List.of("jwks.json"))).toString());

        String kid = keys.signingKey().getKeyID();

        JsonObject published = json(get(issuer, "127.0.0.1:3555", List.of("jwks.json")));
        JsonObject key = published.getAsJsonArray("keys").get(0).getAsJsonObject();
        assertEquals(kid, key.get("kid").getAsString());
        assertEquals("RS256", key.get("alg").getAsString());
        assertTrue(!key.has("d") && !key.has("p"), "no private parts: " + key);
    }

    @Test
    void root_givesTheTokenCommandThePortIssuerAndKeysItRunsWith_whenTheyAreNotItsDefaults() {
        LocalIssuer elsewhere = new LocalIssuer(new IssuerKeyStore(dir));
        LocalIssuer defaults = new LocalIssuer(new IssuerKeyStore(IssuerKeyStore.defaultFolder())); // only its path

        // A token from the command as printed must verify here: --port 3001 signs for another issuer.
        assertTrue(about(elsewhere, "127.0.0.1:3555").contains("token --name ana --port 3555 --issuer-keys "
                + dir.toAbsolutePath().normalize() + " (see --help)"), about(elsewhere, "127.0.0.1:3555"));
        assertTrue(about(elsewhere, "localhost:3555").contains("token --name ana --issuer "
                + "http://localhost:3555/@issuer --issuer-keys "), about(elsewhere, "localhost:3555"));
        assertTrue(about(defaults, "127.0.0.1:3001").contains("token --name ana (see --help)"),
                about(defaults, "127.0.0.1:3001"));
    }

    private String about(LocalIssuer issuer, String host) {
        return json(get(issuer, host, List.of())).get("message").getAsString();
    }

    @Test
    void root_saysHowToGetATokenAndTurnSignInOn_otherPathsAre404_otherMethods405_noHost400() {
        LocalIssuer issuer = new LocalIssuer(new IssuerKeyStore(dir));

        String about = json(get(issuer, "127.0.0.1:3555", List.of())).get("message").getAsString();
        assertTrue(about.contains("token --name ana") && about.contains("AuthIssuer=http://127.0.0.1:3555/@issuer"),
                about);
        assertEquals(200, get(issuer, "127.0.0.1:3555", List.of("")).status().code());
        assertEquals(404, get(issuer, "127.0.0.1:3555", List.of("token")).status().code());
        assertEquals(400, get(issuer, null, List.of("jwks.json")).status().code());
        FullHttpRequest post = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, "/@issuer/jwks.json");
        FullHttpResponse refused = issuer.handle(post, List.of("jwks.json"));
        assertEquals(405, refused.status().code());
        assertEquals("GET, HEAD", refused.headers().get(HttpHeaderNames.ALLOW));
    }
}
