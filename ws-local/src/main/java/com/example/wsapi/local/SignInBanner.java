package com.example.wsapi.local;

import com.example.wsapi.local.chat.ChatPage;
import com.example.wsapi.local.issuer.LocalIssuer;
import com.example.wsapi.local.template.LambdaFunction;
import com.example.wsapi.local.template.Route;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;

/**
 * The banner's sign-in lines: whether $connect asks for a token and whose, and, when the template points at this
 * ws-local's own issuer, the command that prints one and how to connect with it.
 */
final class SignInBanner {

    /** The variables this project's authorizer reads (the template's AuthIssuer and AuthAudience). */
    static final String ISSUER = "AUTH_ISSUER";
    static final String AUDIENCE = "AUTH_AUDIENCE";

    private SignInBanner() {}

    /** Whether $connect has an authorizer: a client without a token is refused. */
    static boolean required(LocalApi api) {
        Route connect = connectRoute(api);
        return connect != null && connect.authorizer() != null;
    }

    private static Route connectRoute(LocalApi api) {
        return api.template().api().routes().stream().filter(r -> r.routeKey().equals("$connect"))
                .findFirst().orElse(null);
    }

    /** @param issuerKeys the --issuer-keys folder given, or null for the default */
    static void print(PrintWriter out, LocalApi api, Path issuerKeys) {
        Route connect = connectRoute(api);
        if (connect == null || connect.authorizer() == null) {
            out.printf("  Sign-in        off: anyone may connect%n");
            return;
        }
        String function = connect.authorizer().functionLogicalId();
        LambdaFunction authorizer = api.template().functions().get(function);
        Map<String, String> environment = authorizer == null ? Map.of() : authorizer.environment();
        String issuer = environment.get(ISSUER);
        String audience = environment.get(AUDIENCE);
        if (issuer == null || issuer.isBlank()) {
            out.printf("  Sign-in        on: $connect is authorized by %s%n", function);
            return;
        }
        out.printf("  Sign-in        on: tokens of %s for %s (%s)%n", issuer, audience, function);
        URI webSocket = api.gateway().webSocketUrl();
        String local = LocalIssuer.url(webSocket.getHost() + ":" + webSocket.getPort());
        if (issuer.equals(local)) {
            StringBuilder options = new StringBuilder();
            if (webSocket.getPort() != 3001) {
                options.append(" --port ").append(webSocket.getPort());
            }
            if (audience != null && !audience.equals(LocalIssuer.DEFAULT_AUDIENCE)) {
                options.append(" --audience ").append(audience);
            }
            if (issuerKeys != null) {
                options.append(" --issuer-keys ").append(issuerKeys);
            }
            out.printf("    a token:     TOKEN=$(java -jar ws-local/target/ws-local.jar token --name ana%s)%n", options);
            out.printf("    connect:     wscat -c \"%s?token=$TOKEN\"   (a browser: new WebSocket(url, [\"chat\", "
                    + "token]))%n", webSocket);
            if (ChatPage.whyOff(api.template().api()).isEmpty()) {
                out.printf("    chat page:   %s?token=$TOKEN   (the token in place of $TOKEN, or pasted into the page's "
                        + "Token field)%n", api.chatPageUrl());
            }
        } else if (isLocalIssuerElsewhere(issuer, webSocket.getPort())) {
            out.printf("    WARNING: AuthIssuer names a ws-local issuer on another port, but this one is %s: the "
                    + "authorizer cannot fetch keys there, so every connection is refused%n", local);
        }
    }

    private static boolean isLocalIssuerElsewhere(String issuer, int port) {
        try {
            URI uri = URI.create(issuer);
            return "http".equals(uri.getScheme()) && ("/" + LocalIssuer.SEGMENT).equals(uri.getPath())
                    && uri.getPort() != port;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
