package com.example.wsapi.authorizer;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;

/**
 * $connect's Lambda REQUEST authorizer: lets in the holders of a valid sign-in token (see {@link TokenVerifier}), as
 * API Gateway expects it: an Allow policy with principalId = sub and the display name in the context; the
 * {@code Unauthorized} error (401) for a missing or invalid token; a Deny policy (403) for a valid token that is not
 * for this API. When the issuer's keys can't be had it fails (500): nobody gets in unchecked. Logs name the connection
 * and, of the token, only its subject.
 */
public final class AuthorizerHandler implements RequestStreamHandler {

    /** API Gateway answers 401 exactly when an authorizer fails with this message. */
    static final class Unauthorized extends RuntimeException {
        Unauthorized() {
            super("Unauthorized", null, false, false);
        }
    }

    /** The issuer's keys are unavailable: API Gateway answers 500. */
    static final class KeysUnavailable extends RuntimeException {
        KeysUnavailable(String message) {
            super(message, null, false, false);
        }
    }

    private final TokenVerifier verifier;
    private final String issuer;
    private AuthorizerPriming priming;

    public AuthorizerHandler() {
        this(AuthSettings.fromEnvironment());
    }

    private AuthorizerHandler(AuthSettings settings) {
        this(new TokenVerifier(settings, new IssuerKeys(settings), Clock.systemUTC()), settings.issuer());
        priming = AuthorizerPriming.register(settings);
    }

    AuthorizerHandler(TokenVerifier verifier, String issuer) {
        this.verifier = verifier;
        this.issuer = issuer;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        AuthorizerRequest request = AuthorizerRequest.read(input);
        Verdict verdict = verifier.verify(request.token());
        String connection = "connection " + request.connectionId();
        String answer;
        if (verdict instanceof Verdict.Allowed allowed) {
            log(context, LogLevel.INFO, "allowed " + connection + " sub=" + allowed.subject());
            answer = PolicyResponses.allow(allowed.subject(), request.methodArn(), allowed.name());
        } else if (verdict instanceof Verdict.Forbidden forbidden) {
            log(context, LogLevel.INFO, "refused " + connection + " with 403 sub=" + forbidden.subject() + ": "
                    + forbidden.reason());
            answer = PolicyResponses.deny(forbidden.subject(), request.methodArn());
        } else if (verdict instanceof Verdict.Unauthorized unauthorized) {
            log(context, LogLevel.INFO, "refused " + connection + " with 401: " + unauthorized.reason());
            throw new Unauthorized();
        } else {
            String reason = ((Verdict.KeysUnavailable) verdict).reason();
            log(context, LogLevel.ERROR, "refused " + connection + " with 500: the sign-in keys of " + issuer
                    + " are unavailable (" + reason + "); nobody can connect until they are");
            throw new KeysUnavailable("the sign-in keys of " + issuer + " are unavailable");
        }
        output.write(answer.getBytes(StandardCharsets.UTF_8));
    }

    private static void log(Context context, LogLevel level, String message) {
        if (context != null && context.getLogger() != null) {
            // A line of its own: on Lambda each call is one log event, but on plain stdout (sam local, ws-local)
            // the runtime writes no newline and whatever it prints next (an error's trace) would join this line.
            context.getLogger().log(message.endsWith("\n") ? message : message + "\n", level);
        }
    }
}
