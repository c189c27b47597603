package com.example.wsapi.local.chat;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The Content-Security-Policy of the chat page: its own files only, no inline script or style, no frames, no base or
 * form targets, no HTML sinks (Trusted Types), and connections only to the WebSocket API it talks to.
 *
 * <p>connect-src is computed per request: {@code 'self'} (config.json) and {@code ws://} on the host the browser
 * asked for (the default API, served from the same port), plus the origin of a valid {@code ?url=} when the page is
 * pointed at another API (a deployed one). A fixed policy would have to allow every ws:/wss: host; this one allows
 * just the API the person chose, so injected script could not send anything anywhere else.
 */
final class ChatPagePolicy {

    /** host[:port]: a DNS name or IPv4 address, or an IPv6 literal in brackets. Nothing that could end a directive. */
    private static final Pattern AUTHORITY =
            Pattern.compile("(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*"
                    + "|\\[[0-9A-Fa-f:.]+])(?::[0-9]{1,5})?");

    private static final String FIXED = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
            + "base-uri 'none'; form-action 'none'; frame-ancestors 'none'; "
            + "require-trusted-types-for 'script'; trusted-types 'none'";

    private ChatPagePolicy() {}

    /**
     * @param host     the request's Host header (may be null or anything)
     * @param fallback the gateway's own host:port, used when Host is missing or not a plain host[:port]
     * @param url      the page's {@code ?url=} parameter, or null
     */
    static String header(String host, String fallback, String url) {
        String authority = host != null && AUTHORITY.matcher(host).matches() ? host : fallback;
        StringBuilder connect = new StringBuilder("connect-src 'self' ws://").append(authority);
        webSocketOrigin(url).filter(origin -> !origin.equals("ws://" + authority))
                .ifPresent(origin -> connect.append(' ').append(origin));
        return FIXED + "; " + connect;
    }

    /** The ws:// or wss:// origin of a {@code ?url=} value, or empty when it is not a usable WebSocket URL. */
    static Optional<String> webSocketOrigin(String url) {
        if (url == null || url.isEmpty()) {
            return Optional.empty();
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("ws") && !scheme.equals("wss") || uri.getRawUserInfo() != null || uri.getHost() == null) {
            return Optional.empty();
        }
        int port = uri.getPort();
        String authority = uri.getHost().toLowerCase(Locale.ROOT) + (port < 0 ? "" : ":" + port);
        if (port > 65535 || !AUTHORITY.matcher(authority).matches()) {
            return Optional.empty();
        }
        return Optional.of(scheme + "://" + authority);
    }
}
