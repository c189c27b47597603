package com.example.wsapi.local.gateway;

import com.example.wsapi.local.gateway.integration.ClientOutcome;
import com.example.wsapi.local.gateway.integration.Deadline;
import com.example.wsapi.local.gateway.integration.IntegrationAnswer;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshakerFactory;
import io.netty.util.ReferenceCountUtil;

import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * Every HTTP request before a WebSocket upgrade: the handshake on {@code /<stage>} (which waits for the authorizer
 * and {@code $connect}), the {@code @connections} API, and refusals for everything else.
 */
final class GatewayHttpHandler extends ChannelInboundHandlerAdapter {

    private static final String CONNECTIONS = "@connections";

    private final GatewayCore core;
    private final ConnectionsApi connectionsApi;
    /** Set while an upgrade waits for the authorizer and $connect: the client's further bytes go to {@link #early}. */
    private boolean handshaking;
    /** What the client sent after its upgrade request, held until the 101 (then frames) or the refusal. */
    private EarlyFrames early;

    GatewayHttpHandler(GatewayCore core) {
        this.core = core;
        this.connectionsApi = new ConnectionsApi(core);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (handshaking && msg instanceof ByteBuf bytes) {
            early.hold(bytes);
            return;
        }
        if (!(msg instanceof FullHttpRequest request) || handshaking) {
            ReferenceCountUtil.release(msg);
            return;
        }
        try {
            route(ctx, request);
        } finally {
            request.release();
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        core.log.detail("HTTP connection failed: " + cause);
        ctx.close();
    }

    private void route(ChannelHandlerContext ctx, FullHttpRequest request) {
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        if (request.decoderResult().isFailure()) {
            HttpResponses.send(ctx, HttpResponses.json(400, HttpResponses.message(
                    "Bad Request: " + request.decoderResult().cause().getMessage())), false);
            return;
        }
        // Unconfirmed for WebSocket APIs: '+' decodes to a space and ';' separates parameters, as users report of
        // API Gateway's REST APIs (Netty's decoder does both).
        QueryStringDecoder uri = new QueryStringDecoder(request.uri());
        List<String> segments;
        try {
            segments = pathSegments(uri.rawPath());
        } catch (IllegalArgumentException e) {
            HttpResponses.send(ctx, HttpResponses.json(400, HttpResponses.message(
                    "Bad Request: the path is not validly percent-encoded")), keepAlive);
            return;
        }
        try {
            uri.parameters(); // decoded now: a bad escape thrown later would drop the connection unanswered
        } catch (IllegalArgumentException e) {
            boolean upgrade = isWebSocketUpgrade(request);
            if (upgrade) {
                core.log.warning("connect status=400 (the query string is not validly percent-encoded)",
                        "the client's WebSocket handshake is malformed (it was told why): check the client");
            }
            HttpResponses.send(ctx, HttpResponses.json(400, HttpResponses.message(
                    "Bad Request: the query string is not validly percent-encoded")), keepAlive && !upgrade);
            return;
        }
        String stage = core.settings.stage();
        // @connections with the stage prefix (what the SDK sends with an endpoint of http://host:port/stage) or without.
        int connectionsAt = !segments.isEmpty() && segments.get(0).equals(CONNECTIONS) ? 0
                : segments.size() >= 2 && segments.get(0).equals(stage) && segments.get(1).equals(CONNECTIONS) ? 1 : -1;
        if (connectionsAt >= 0) {
            List<String> rest = segments.subList(connectionsAt + 1, segments.size());
            connectionsApi.handle(ctx, request, rest.size() == 1 ? rest.get(0) : null);
        } else if (segments.equals(List.of(stage)) || segments.equals(List.of(stage, ""))) {
            if (isWebSocketUpgrade(request)) {
                upgrade(ctx, request, uri);
            } else {
                FullHttpResponse response = HttpResponses.json(426, HttpResponses.message("Upgrade Required: "
                        + "connect to " + webSocketUrl(request) + " with a WebSocket client"));
                response.headers().set(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET);
                HttpResponses.send(ctx, response, keepAlive);
            }
        } else if (!segments.isEmpty() && core.localEndpoint(segments.get(0)) != null) {
            FullHttpResponse response = core.localEndpoint(segments.get(0)).handle(request,
                    segments.subList(1, segments.size()));
            HttpResponses.send(ctx, response, keepAlive);
        } else if (segments.size() >= 2 && segments.get(1).equals(CONNECTIONS)) {
            // Another stage's @connections: API Gateway's 403, as the SDKs read it, naming the stage this API has.
            HttpResponses.send(ctx, ConnectionsApi.error(403, "ForbiddenException", "Forbidden: no stage '"
                    + segments.get(0) + "' here; this API's @connections is at /" + stage + "/@connections"),
                    keepAlive);
        } else {
            // Our choice: paths other than the stage and @connections get API Gateway's usual 403.
            if (isWebSocketUpgrade(request)) {
                // A client that means to connect, at the wrong path (the path is the client's: not logged).
                core.log.warning("connect status=403 (a WebSocket handshake on a path other than /" + stage + ")",
                        "clients connect to ws://<host>:<port>/" + stage + ": the stage is the whole path");
            }
            HttpResponses.send(ctx, HttpResponses.json(403, HttpResponses.message("Forbidden")), keepAlive);
        }
    }

    /** The path's segments, each percent-decoded ({@code %40} is {@code @}, {@code %3D} is {@code =}). */
    private static List<String> pathSegments(String rawPath) {
        String path = rawPath.startsWith("/") ? rawPath.substring(1) : rawPath;
        List<String> segments = new ArrayList<>();
        for (String segment : path.split("/", -1)) {
            // URLDecoder turns '+' into a space; in a path '+' is itself.
            segments.add(URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8));
        }
        return segments;
    }

    private static boolean isWebSocketUpgrade(FullHttpRequest request) {
        return HttpHeaderValues.WEBSOCKET.contentEqualsIgnoreCase(request.headers().get(HttpHeaderNames.UPGRADE));
    }

    private String webSocketUrl(FullHttpRequest request) {
        String host = request.headers().get(HttpHeaderNames.HOST, core.settings.host());
        return "ws://" + host + "/" + core.settings.stage();
    }

    private void upgrade(ChannelHandlerContext ctx, FullHttpRequest request, QueryStringDecoder uri) {
        // An HTTP/1.0 upgrade is served as an HTTP/1.1 one, though RFC 6455 asks for 1.1 (unconfirmed: API Gateway's
        // answer to it).
        String invalid = !HttpMethod.GET.equals(request.method()) ? "a WebSocket handshake must be a GET"
                : !request.headers().containsValue(HttpHeaderNames.CONNECTION, HttpHeaderValues.UPGRADE, true)
                ? "the Connection header must contain Upgrade"
                : !request.headers().contains(HttpHeaderNames.SEC_WEBSOCKET_KEY) ? "Sec-WebSocket-Key is missing"
                : !request.headers().contains(HttpHeaderNames.SEC_WEBSOCKET_VERSION)
                ? "Sec-WebSocket-Version is missing" : null;
        if (invalid != null) {
            core.log.warning("connect status=400 (" + invalid + ")",
                    "the client's WebSocket handshake is malformed (it was told why): check the client");
            HttpResponses.send(ctx, HttpResponses.json(400, HttpResponses.message("Bad Request: " + invalid)), false);
            return;
        }
        if (!"13".equals(request.headers().get(HttpHeaderNames.SEC_WEBSOCKET_VERSION).trim())) {
            // RFC 6455's version only: Netty alone would also speak drafts 7 and 8, and hixie-76 without a version.
            core.log.warning("connect status=426 (Sec-WebSocket-Version is not 13)",
                    "the client speaks a draft of the WebSocket protocol: use a client of RFC 6455 (version 13)");
            FullHttpResponse response = HttpResponses.json(426, HttpResponses.message(
                    "Upgrade Required: Sec-WebSocket-Version must be 13 (RFC 6455)"));
            response.headers().set(HttpHeaderNames.SEC_WEBSOCKET_VERSION, "13");
            HttpResponses.send(ctx, response, false);
            return;
        }
        if (core.closing) {
            HttpResponses.send(ctx, HttpResponses.json(503, HttpResponses.message("The gateway is shutting down")), false);
            return;
        }
        if (!core.rateLimiter.tryAcquire()) {
            core.log.rateLimited(core.settings.maxNewConnectionsPerSecond());
            HttpResponses.send(ctx, HttpResponses.json(429, HttpResponses.message("Too Many Requests")), false);
            return;
        }
        // No subprotocols: Netty must never pick one itself; only a Sec-WebSocket-Protocol from $connect is returned.
        WebSocketServerHandshaker handshaker = new WebSocketServerHandshakerFactory(webSocketUrl(request), null,
                core.decoderConfig).newHandshaker(request);
        if (handshaker == null) {
            WebSocketServerHandshakerFactory.sendUnsupportedVersionResponse(ctx.channel())
                    .addListener(ChannelFutureListener.CLOSE);
            return;
        }
        InetSocketAddress remote = (InetSocketAddress) ctx.channel().remoteAddress();
        InetSocketAddress local = (InetSocketAddress) ctx.channel().localAddress();
        // Interned: a connection keeps these for its life, and a local gateway's clients share a few of each.
        String sourceIp = remote.getAddress().getHostAddress().intern();
        String userAgent = request.headers().get(HttpHeaderNames.USER_AGENT);
        HandshakeRequest handshakeRequest = handshakeRequest(request, uri, sourceIp, local.getPort());
        ConnectionInfo info = new ConnectionInfo(Ids.newId(), core.clock.millis(), sourceIp,
                userAgent == null ? null : userAgent.intern(), null);
        early = new EarlyFrames(ctx.channel(), core.settings.maxMessageBytes());
        handshaking = true;
        // Bytes the codec had read past this request reach channelRead at once, and are held.
        early.stopHttpParsing();
        new Handshake(ctx, request.retain(), handshaker, handshakeRequest, info).start();
    }

    /** The headers and query parameters as the CONNECT event shows them. */
    private static HandshakeRequest handshakeRequest(FullHttpRequest request, QueryStringDecoder uri, String sourceIp,
                                                     int serverPort) {
        // Names as the client wrote them; two spellings of one name are one header under the first (unconfirmed).
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (Map.Entry<String, String> header : request.headers()) {
            String name = header.getKey();
            if (name.equalsIgnoreCase("Connection") || name.equalsIgnoreCase("Upgrade")) {
                continue; // API Gateway keeps these hop-by-hop headers out of the event
            }
            headers.computeIfAbsent(name, n -> new ArrayList<>()).add(header.getValue());
        }
        String forwardedFor = request.headers().get("X-Forwarded-For");
        headers.put("X-Forwarded-For", List.of(forwardedFor == null ? sourceIp : forwardedFor + ", " + sourceIp));
        headers.put("X-Forwarded-Port", List.of(String.valueOf(serverPort)));
        // Our choice: "http", the scheme the client really used locally (API Gateway, behind TLS, says "https").
        headers.put("X-Forwarded-Proto", List.of("http"));
        Map<String, List<String>> query = null;
        if (!uri.parameters().isEmpty()) {
            query = new LinkedHashMap<>(uri.parameters());
        }
        return new HandshakeRequest(headers, query);
    }

    /** One upgrade waiting for the authorizer and $connect; every step runs on the channel's event loop. */
    private final class Handshake {
        private final ChannelHandlerContext ctx;
        private final FullHttpRequest request;
        private final WebSocketServerHandshaker handshaker;
        private final HandshakeRequest handshakeRequest;
        private final long startNanos = System.nanoTime();
        private ConnectionInfo info;

        Handshake(ChannelHandlerContext ctx, FullHttpRequest request, WebSocketServerHandshaker handshaker,
                  HandshakeRequest handshakeRequest, ConnectionInfo info) {
            this.ctx = ctx;
            this.request = request;
            this.handshaker = handshaker;
            this.handshakeRequest = handshakeRequest;
            this.info = info;
        }

        void start() {
            RouteBinding connect = core.route("$connect");
            RouteBinding.AuthorizerBinding authorizer = connect == null ? null : connect.authorizer();
            if (authorizer == null) {
                invokeConnect(connect);
                return;
            }
            String missing = AuthorizerDecision.missingIdentitySource(authorizer.identitySources(), handshakeRequest);
            if (missing != null) {
                refuse(401, HttpResponses.message("Unauthorized"), "identity source " + missing + " is missing",
                        "the client must send it: the authorizer is called only when every identity source is there");
                return;
            }
            long authorizerStart = System.nanoTime();
            String event = core.events.authorizerRequest(info, handshakeRequest, Ids.newId(), core.clock.millis())
                    .toString();
            Deadline.within(() -> core.invoker.invoke(authorizer.functionName(), event),
                            core.settings.integrationTimeout(), ctx.channel().eventLoop(), authorizer.functionName())
                    .whenComplete((response, failure) -> {
                        long latency = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - authorizerStart);
                        String function = authorizer.functionName();
                        AuthorizerDecision decision = failure != null
                                ? AuthorizerDecision.fromFailure(failure, function)
                                : AuthorizerDecision.fromResponse(response, core.events.connectMethodArn(), latency,
                                        function);
                        if (decision instanceof AuthorizerDecision.Refused refused) {
                            String body = HttpResponses.message(refused.status() == 401 ? "Unauthorized"
                                    : refused.status() == 403 ? "Forbidden" : "Internal server error");
                            refuse(refused.status(), body, refused.message(), refused.advice());
                        } else {
                            info = info.withAuthorizer(((AuthorizerDecision.Allowed) decision).authorizer());
                            invokeConnect(connect);
                        }
                    });
        }

        private void invokeConnect(RouteBinding connect) {
            if (connect == null) {
                accept(null); // no $connect route: every handshake is accepted
                return;
            }
            core.integration(connect)
                    .call(IntegrationRequests.connect(core, info, handshakeRequest, ctx.channel().eventLoop()))
                    .thenAccept(answer -> {
                        ClientOutcome.Handshake handshake = ClientOutcome.handshake(answer);
                        if (handshake instanceof ClientOutcome.Accept accepted) {
                            accept(accepted.subprotocol());
                        } else {
                            ClientOutcome.Refuse refused = (ClientOutcome.Refuse) handshake;
                            // Nothing of the backend's answer but the status reaches the client.
                            refuse(refused.status(), refused.jsonBody(), refused.detail(),
                                    answer instanceof IntegrationAnswer.Answered
                                            ? "$connect refused the client: " + GatewayLog.connectAnswered(connect,
                                                    refused.status())
                                            : "the handshake failed: " + GatewayLog.whereToLook(connect, answer));
                        }
                    });
        }

        private void accept(String subprotocol) {
            Channel channel = ctx.channel();
            if (!channel.isActive() || core.closing) {
                // The client left while $connect ran, or the gateway is closing: $connect accepted it, so the
                // function may have recorded it; $disconnect lets it clean up.
                request.release();
                early.discard();
                channel.close();
                int code = core.closing ? WebSocketConnection.GOING_AWAY : WebSocketConnection.ABNORMAL_CLOSURE;
                String reason = core.closing ? WebSocketConnection.GOING_AWAY_REASON : WebSocketConnection.ABNORMAL_REASON;
                WebSocketConnection.runDisconnect(core, info, code, reason, channel.eventLoop());
                return;
            }
            HttpHeaders responseHeaders = new DefaultHttpHeaders();
            if (subprotocol != null) {
                responseHeaders.set(HttpHeaderNames.SEC_WEBSOCKET_PROTOCOL, subprotocol);
            }
            WebSocketConnection connection = new WebSocketConnection(core, info, channel);
            connection.register();
            ChannelFuture handshake;
            try {
                handshake = handshaker.handshake(channel, request, responseHeaders, channel.newPromise());
            } catch (RuntimeException e) {
                connection.unregister();
                refuse(400, HttpResponses.message("Bad Request: " + e.getMessage()), "invalid handshake",
                        "the client's WebSocket handshake is malformed (it was told why): check the client");
                return;
            } finally {
                if (request.refCnt() > 0) {
                    request.release();
                }
            }
            // The frame codec is in place: swap this HTTP handler for the connection's handlers.
            ctx.pipeline().remove(HttpRequestTimeout.class); // the connection's idle timeout takes over
            ctx.pipeline().remove(GatewayHttpHandler.this);
            connection.install(channel.pipeline());
            handshake.addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
            core.log.connected(info.connectionId(), elapsedMillis());
            early.replay(); // frames the client sent before the 101, now read as frames
        }

        private void refuse(int status, String jsonBody, String why, String advice) {
            if (request.refCnt() > 0) {
                request.release();
            }
            early.discard();
            core.log.refused(info.connectionId(), status, elapsedMillis(), why, advice);
            if (!ctx.channel().isActive()) {
                return;
            }
            FullHttpResponse response = jsonBody == null ? HttpResponses.empty(status) : HttpResponses.json(status, jsonBody);
            HttpResponses.send(ctx, response, false);
        }

        private long elapsedMillis() {
            return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
        }
    }
}
