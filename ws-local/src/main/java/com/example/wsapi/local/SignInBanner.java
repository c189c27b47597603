package com.example.wsapi.local;

import com.example.wsapi.local.chat.ChatPage;
import com.example.wsapi.local.issuer.LocalIssuer;
import com.example.wsapi.local.template.Authorizer;
import com.example.wsapi.local.template.LambdaFunction;
import com.example.wsapi.local.template.Route;
import com.example.wsapi.local.template.SamTemplate;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The banner's sign-in lines and its Ready line: whether $connect asks for credentials and which, and how to connect
 * with them. For this project's authorizer (it reads {@code ?token=}), whose tokens it takes, and, when that is this
 * ws-local's own issuer, the command that prints one; for an authorizer of the user's own, the identity sources it
 * reads and a wscat command that sends them, with values only the user can give.
 */
final class SignInBanner {

    /** The variables this project's authorizer reads (the template's AuthIssuer and AuthAudience). */
    static final String ISSUER = "AUTH_ISSUER";
    static final String AUDIENCE = "AUTH_AUDIENCE";

    private SignInBanner() {}

    /** @param issuerKeys the --issuer-keys folder given, or null for the default */
    static void print(PrintWriter out, LocalApi api, Path issuerKeys) {
        print(out, api.template(), api.gateway().webSocketUrl(), api.chatPageUrl(), issuerKeys);
    }

    /**
     * @param webSocket  the URL clients connect to
     * @param chatPage   the chat page's URL
     * @param issuerKeys the --issuer-keys folder given, or null for the default
     */
    static void print(PrintWriter out, SamTemplate template, URI webSocket, URI chatPage, Path issuerKeys) {
        Authorizer authorizer = connectAuthorizer(template);
        if (authorizer == null) {
            out.printf("  Sign-in        off: anyone may connect%n");
            return;
        }
        String function = authorizer.functionLogicalId();
        String issuer = issuer(template, authorizer);
        if (issuer == null) {
            printOwnAuthorizer(out, authorizer, webSocket);
            return;
        }
        String audience = environment(template, authorizer).get(AUDIENCE);
        out.printf("  Sign-in        on: tokens of %s for %s (%s)%n", issuer, audience, function);
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
            if (ChatPage.whyOff(template.api()).isEmpty()) {
                out.printf("    chat page:   %s?token=$TOKEN   (the token in place of $TOKEN, or pasted into the page's "
                        + "Token field)%n", chatPage);
            }
            return;
        }
        if (isLocalIssuerElsewhere(issuer, webSocket.getPort())) {
            out.printf("    WARNING: AuthIssuer names a ws-local issuer on another port, but this one is %s: the "
                    + "authorizer cannot fetch keys there, so every connection is refused%n", local);
        } else {
            out.printf("    connect:     wscat -c \"%s?token=$TOKEN\"   (TOKEN: a token %s issues for %s, e.g. an ID "
                    + "token; ws-local cannot make one)%n", webSocket, issuer, audience);
        }
    }

    /** A $connect authorizer of the user's own: what it reads, and a wscat command that sends it. */
    private static void printOwnAuthorizer(PrintWriter out, Authorizer authorizer, URI webSocket) {
        String function = authorizer.functionLogicalId();
        List<String> sources = authorizer.identitySources();
        if (sources.isEmpty()) {
            out.printf("  Sign-in        on: $connect is authorized by %s (%s), which lists no IdentitySource: it is "
                    + "called for every handshake and looks for credentials itself%n", function, authorizer.logicalId());
            out.printf("    connect:     wscat -c %s, plus what %s wants: -H \"Name: value\" for a header, "
                    + "?name=value for the query string%n", webSocket, function);
            return;
        }
        out.printf("  Sign-in        on: $connect is authorized by %s (%s), reading %s%n", function,
                authorizer.logicalId(), String.join(", ", sources));
        if (!AuthorizerClient.clientSources(sources).isEmpty()) {
            out.printf("    connect:     %s   (values %s accepts: ws-local cannot make them; API Gateway refuses a "
                    + "handshake missing any of these with 401, without calling %s)%n",
                    AuthorizerClient.wscat(webSocket, sources), function, function);
        }
    }

    /** The banner's last line: how to connect, with what sign-in asks for. */
    static String readyLine(SamTemplate template, URI webSocket) {
        Authorizer authorizer = connectAuthorizer(template);
        if (authorizer == null) {
            return "Ready: wscat -c " + webSocket + "   (Ctrl-C stops)";
        }
        String issuer = issuer(template, authorizer);
        if (issuer != null) {
            String whose = issuer.equals(LocalIssuer.url(webSocket.getHost() + ":" + webSocket.getPort()))
                    ? "a token as above" : "a token of " + issuer;
            return "Ready: wscat -c \"" + webSocket + "?token=$TOKEN\"   (sign-in is on: " + whose + "; Ctrl-C stops)";
        }
        String function = authorizer.functionLogicalId();
        return AuthorizerClient.clientSources(authorizer.identitySources()).isEmpty()
                ? "Ready: wscat -c " + webSocket + "   (sign-in is on: add what " + function + " wants; Ctrl-C stops)"
                : "Ready: " + AuthorizerClient.wscat(webSocket, authorizer.identitySources())
                        + "   (sign-in is on: values " + function + " accepts; Ctrl-C stops)";
    }

    private static Authorizer connectAuthorizer(SamTemplate template) {
        return template.api().routes().stream().filter(r -> r.routeKey().equals("$connect")).findFirst()
                .map(Route::authorizer).orElse(null);
    }

    /** The issuer this project's authorizer trusts, or null for an authorizer of the user's own. */
    private static String issuer(SamTemplate template, Authorizer authorizer) {
        String issuer = environment(template, authorizer).get(ISSUER);
        return issuer == null || issuer.isBlank() ? null : issuer;
    }

    private static Map<String, String> environment(SamTemplate template, Authorizer authorizer) {
        LambdaFunction function = template.functions().get(authorizer.functionLogicalId());
        return function == null ? Map.of() : function.environment();
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
