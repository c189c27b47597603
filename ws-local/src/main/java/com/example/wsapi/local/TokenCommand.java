package com.example.wsapi.local;

import com.example.wsapi.local.issuer.IssuerKeyStore;
import com.example.wsapi.local.issuer.LocalIssuer;
import com.example.wsapi.local.issuer.LocalTokens;
import com.nimbusds.jose.jwk.RSAKey;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code token --name ana}: a sign-in token of ws-local's development issuer, printed alone on stdout. */
@Command(name = "token", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Prints a sign-in token (a JWT, RS256) of ws-local's development issuer, served by a running "
                + "ws-local at http://127.0.0.1:<port>/@issuer. Sign-in is on when the template runs with "
                + "--parameter-overrides AuthIssuer=http://127.0.0.1:3001/@issuer,AuthAudience=ws-local.",
                "Then: wscat -c \"ws://127.0.0.1:3001/dev?token=$(java -jar ws-local/target/ws-local.jar token "
                        + "--name ana)\"; a browser passes it as new WebSocket(url, [\"chat\", token])."})
final class TokenCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--name", description = "the display name others see (the token's name claim)")
    String name;

    @Option(names = "--sub", description = "the user id (the token's sub; default: the name)")
    String subject;

    @Option(names = "--audience", defaultValue = LocalIssuer.DEFAULT_AUDIENCE,
            description = "the audience (aud), what AuthAudience says (default: ${DEFAULT-VALUE})")
    String audience;

    @Option(names = "--expires-in", defaultValue = "3600", paramLabel = "SECONDS", description = "how long the token "
            + "is valid (default: ${DEFAULT-VALUE}); negative: one that expired that long ago, to try a refusal (more "
            + "than 60 ago: verifiers allow a minute of clock skew, so -10 still gets in)")
    long expiresInSeconds;

    @Option(names = "--port", defaultValue = "3001",
            description = "the port ws-local runs on: the issuer is http://127.0.0.1:<port>/@issuer (default: "
                    + "${DEFAULT-VALUE})")
    int port;

    @Option(names = "--issuer", paramLabel = "URL", description = "the issuer URL instead of --port, exactly as "
            + "AuthIssuer says it (e.g. http://localhost:3001/@issuer)")
    String issuer;

    @Option(names = "--issuer-keys", paramLabel = "<folder>", description = "the signing keys (default: "
            + "ws-local-issuer-<user> in the temporary folder, as ws-local's)")
    Path issuerKeys;

    @Option(names = "--rotate-keys", description = "sign with a new key; the previous one stays published, so its "
            + "tokens keep working until they expire")
    boolean rotateKeys;

    private final Clock clock;

    TokenCommand() {
        this(Clock.systemUTC());
    }

    TokenCommand(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Integer call() throws LocalApiException {
        String displayName = name != null ? name.strip() : subject;
        String sub = subject != null ? subject.strip() : displayName;
        if (displayName == null || displayName.isEmpty() || sub.isEmpty()) {
            throw new LocalApiException("give the user a name: token --name ana (and, if it must differ, --sub <id>)");
        }
        if (expiresInSeconds == 0) {
            throw new LocalApiException("--expires-in must not be 0: a positive number of seconds (or negative, "
                    + "for a token that has already expired)");
        }
        if (port < 1 || port > 65535) {
            throw new LocalApiException("--port must be 1 to 65535, got " + port);
        }
        String issuerUrl = issuer != null ? checkedIssuer(issuer) : LocalIssuer.url("127.0.0.1:" + port);
        IssuerKeyStore keys = new IssuerKeyStore(issuerKeys != null ? issuerKeys : IssuerKeyStore.defaultFolder());
        RSAKey key = rotateKeys ? keys.rotate() : keys.signingKey();
        Instant now = clock.instant();
        Duration expiresIn = Duration.ofSeconds(expiresInSeconds);
        String token = LocalTokens.mint(new LocalTokens.Request(issuerUrl, audience, sub, displayName, expiresIn),
                key, now);
        PrintWriter out = spec.commandLine().getOut();
        out.println(token);
        out.flush();
        PrintWriter err = spec.commandLine().getErr();
        err.printf("token for %s (sub %s, audience %s) of %s, %s %s%n", displayName, sub, audience, issuerUrl,
                expiresInSeconds > 0 ? "valid until" : "expired at", now.plus(expiresIn));
        err.flush();
        return 0;
    }

    private static String checkedIssuer(String url) throws LocalApiException {
        try {
            URI uri = new URI(url);
            if ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) {
                if (uri.getHost() != null) {
                    return url;
                }
            }
        } catch (java.net.URISyntaxException e) {
            // said below
        }
        throw new LocalApiException("--issuer must be a URL like http://127.0.0.1:3001/@issuer, got '" + url + "'");
    }
}
