package com.example.wsapi.local;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What a client sends for a $connect authorizer of the user's own, read from its identity sources: the query string
 * parameters and headers API Gateway requires before it calls the authorizer, and a wscat command that sends them,
 * each value a shell variable (ws-local cannot make values another authorizer accepts). A
 * {@code Sec-WebSocket-Protocol} source is sent as wscat's subprotocol ({@code -s}), as a browser sends it
 * ({@code new WebSocket(url, [value])}): sent with {@code -H}, the client has asked for no subprotocol, and it fails
 * the handshake as soon as $connect answers with one, which it must for a browser to accept the connection.
 */
final class AuthorizerClient {

    static final String QUERY = "route.request.querystring.";
    static final String HEADER = "route.request.header.";
    static final String SUBPROTOCOL_HEADER = "Sec-WebSocket-Protocol";

    private AuthorizerClient() {}

    /**
     * {@code wscat -c "ws://.../dev?key=$KEY" -H "Authorization: $AUTHORIZATION"} ({@code -s "$SEC_WEBSOCKET_PROTOCOL"}
     * for the subprotocol header); the URL alone when no source is
     * something a client sends (none listed, or only {@code stageVariables.} and {@code context.} ones).
     */
    static String wscat(URI webSocket, List<String> identitySources) {
        StringBuilder query = new StringBuilder();
        StringBuilder headers = new StringBuilder();
        Set<String> variables = new HashSet<>();
        for (String source : identitySources) {
            if (source.startsWith(QUERY)) {
                String name = source.substring(QUERY.length());
                query.append(query.isEmpty() ? "?" : "&").append(name).append("=$").append(variable(name, variables));
            } else if (source.startsWith(HEADER)) {
                String name = source.substring(HEADER.length());
                if (name.equalsIgnoreCase(SUBPROTOCOL_HEADER)) {
                    headers.append(" -s \"$").append(variable(name, variables)).append('"');
                } else {
                    headers.append(" -H \"").append(name).append(": $").append(variable(name, variables)).append('"');
                }
            }
        }
        String url = query.isEmpty() ? webSocket.toString() : "\"" + webSocket + query + "\"";
        return "wscat -c " + url + headers;
    }

    /** The sources a client sends (query string and headers), as the template lists them. */
    static List<String> clientSources(List<String> identitySources) {
        List<String> sent = new ArrayList<>();
        for (String source : identitySources) {
            if (source.startsWith(QUERY) || source.startsWith(HEADER)) {
                sent.add(source);
            }
        }
        return sent;
    }

    /** A shell variable named after the parameter or header ({@code X-Api-Key}: {@code X_API_KEY}), once each. */
    private static String variable(String name, Set<String> taken) {
        String base = name.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9_]", "_");
        if (base.isEmpty() || Character.isDigit(base.charAt(0))) {
            base = "V_" + base;
        }
        String variable = base;
        for (int n = 2; !taken.add(variable); n++) {
            variable = base + "_" + n;
        }
        return variable;
    }
}
