package com.example.wsapi.local.chat;

import com.example.wsapi.local.gateway.LocalHttpEndpoint;
import com.example.wsapi.local.template.Route;
import com.example.wsapi.local.template.WebSocketApi;
import com.google.gson.JsonObject;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The chat page at {@code /@chat/}: the files of the project's {@code chat/} folder, and {@code config.json} naming
 * the stage, so that the page connects to the API that served it unless its {@code ?url=} says otherwise. Every
 * answer carries the page's Content-Security-Policy ({@link ChatPagePolicy}). For an API that does not route what the
 * page sends ({@link #whyOff}), every path answers 404 saying why, rather than a page that cannot work.
 */
public final class ChatPage implements LocalHttpEndpoint {

    public static final String SEGMENT = "@chat";
    static final String CONFIG = "config.json";
    /** The page's messages are {@code {"action": <route key>, ...}}. */
    static final String ROUTE_SELECTION = "$request.body.action";
    /**
     * The route keys the page sends (chat/connection.js, chat/app.js), each to be routed by name: a {@code $default}
     * route does not make a chat, since the page waits for the answers only the chat's functions give.
     */
    static final List<String> ACTIONS = List.of("joinroom", "sendmessage", "leaveroom");

    /**
     * Why the page cannot work with this API, or empty when it can: the API must select routes by {@code action} and
     * route every action the page sends.
     */
    public static Optional<String> whyOff(WebSocketApi api) {
        if (!ROUTE_SELECTION.equals(api.routeSelectionExpression())) {
            return Optional.of("the page sends {\"action\": ...} and this API selects routes by "
                    + api.routeSelectionExpression());
        }
        Set<String> routed = api.routes().stream().map(Route::routeKey).collect(Collectors.toSet());
        List<String> missing = ACTIONS.stream().filter(action -> !routed.contains(action)).toList();
        return missing.isEmpty() ? Optional.empty() : Optional.of("the template routes no " + String.join(", ",
                missing) + " (the page sends " + String.join(", ", ACTIONS) + ")");
    }

    private final Map<String, ChatPageFiles.File> files;
    private final byte[] config;
    private final String gatewayAuthority;
    private final String offReason;

    /**
     * @param stage            the stage clients connect to ({@code ws://host:port/<stage>})
     * @param gatewayAuthority the gateway's host:port, for requests without a usable Host header
     */
    public ChatPage(String stage, String gatewayAuthority) {
        this(stage, gatewayAuthority, null);
    }

    /**
     * @param stage            the stage clients connect to ({@code ws://host:port/<stage>})
     * @param gatewayAuthority the gateway's host:port, for requests without a usable Host header
     * @param offReason        why the page cannot work with the API ({@link #whyOff}), or null when it can
     */
    public ChatPage(String stage, String gatewayAuthority, String offReason) {
        this.offReason = offReason;
        this.files = ChatPageFiles.load();
        JsonObject config = new JsonObject();
        config.addProperty("stage", stage);
        this.config = config.toString().getBytes(StandardCharsets.UTF_8);
        this.gatewayAuthority = gatewayAuthority;
    }

    @Override
    public String segment() {
        return SEGMENT;
    }

    @Override
    public FullHttpResponse handle(FullHttpRequest request, List<String> rest) {
        QueryStringDecoder uri = new QueryStringDecoder(request.uri());
        List<String> urls = uri.parameters().get("url");
        String policy = ChatPagePolicy.header(request.headers().get(HttpHeaderNames.HOST), gatewayAuthority,
                urls == null ? null : urls.get(0));
        FullHttpResponse response = answer(request.method(), rest, uri.rawQuery());
        response.headers()
                .set(HttpHeaderNames.CONTENT_SECURITY_POLICY, policy)
                .set("X-Content-Type-Options", "nosniff")
                .set("Referrer-Policy", "no-referrer")
                .set("Cross-Origin-Resource-Policy", "same-origin")
                .set(HttpHeaderNames.X_FRAME_OPTIONS, "DENY")
                // Always revalidated: a rebuilt ws-local serves the new page at once.
                .set(HttpHeaderNames.CACHE_CONTROL, "no-cache");
        return response;
    }

    private FullHttpResponse answer(HttpMethod method, List<String> rest, String rawQuery) {
        if (!method.equals(HttpMethod.GET) && !method.equals(HttpMethod.HEAD)) {
            FullHttpResponse response = text(HttpResponseStatus.METHOD_NOT_ALLOWED,
                    "Method Not Allowed: the chat page answers GET and HEAD");
            response.headers().set(HttpHeaderNames.ALLOW, "GET, HEAD");
            return response;
        }
        if (offReason != null) {
            return text(HttpResponseStatus.NOT_FOUND, "Not Found: the chat page is off for this API: " + offReason
                    + ".\n");
        }
        if (rest.isEmpty()) {
            // The page's relative links need the trailing slash; the query (?url=, ?token=) goes along.
            FullHttpResponse response = text(HttpResponseStatus.PERMANENT_REDIRECT, "The chat page is at /" + SEGMENT + "/");
            response.headers().set(HttpHeaderNames.LOCATION,
                    "/" + SEGMENT + "/" + (rawQuery.isEmpty() ? "" : "?" + rawQuery));
            return response;
        }
        String name = String.join("/", rest);
        if (name.isEmpty()) {
            name = "index.html";
        }
        if (name.equals(CONFIG)) {
            return content(config, "application/json");
        }
        ChatPageFiles.File file = files.get(name);
        if (file == null) {
            return text(HttpResponseStatus.NOT_FOUND, "Not Found: the chat page has no " + name);
        }
        return content(file.content(), file.contentType());
    }

    /** Netty's HttpServerCodec leaves the body out of an answer to HEAD and keeps its Content-Length. */
    private static FullHttpResponse content(byte[] bytes, String contentType) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
                Unpooled.wrappedBuffer(bytes));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
        return response;
    }

    private static FullHttpResponse text(HttpResponseStatus status, String text) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                Unpooled.copiedBuffer(text, StandardCharsets.UTF_8));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8");
        return response;
    }
}
