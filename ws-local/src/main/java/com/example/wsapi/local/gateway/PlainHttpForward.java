package com.example.wsapi.local.gateway;

import com.example.wsapi.local.gateway.integration.OffLoopNameResolver;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;

/**
 * One plain-HTTP request a function JVM sent through ws-local's proxy ({@code http.proxyHost}), in absolute form
 * ({@code GET http://host/path HTTP/1.1}): sent on to its host in origin form with its headers (less the hop-by-hop
 * ones) and body, and the host's response relayed, marked {@code Connection: close}: the proxy closes the client's
 * connection after this one exchange, so a client never reuses it for another host.
 */
final class PlainHttpForward {

    /** The largest response body relayed (aggregated first): beyond it the client gets a 502 saying so. */
    static final int MAX_RESPONSE_BYTES = 64 * 1024 * 1024;

    /** Headers that belong to one connection, not to the request or response (RFC 9110, 7.6.1), and proxies'. */
    private static final List<CharSequence> HOP_BY_HOP = List.of(HttpHeaderNames.CONNECTION,
            HttpHeaderNames.KEEP_ALIVE, HttpHeaderNames.PROXY_CONNECTION, HttpHeaderNames.PROXY_AUTHORIZATION,
            HttpHeaderNames.PROXY_AUTHENTICATE, HttpHeaderNames.TE, HttpHeaderNames.TRAILER,
            HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderNames.UPGRADE, HttpHeaderNames.EXPECT);

    private PlainHttpForward() {}

    /** Where an absolute-form request goes, and the request line's target for it (path and query). */
    record Target(String host, int port, String originForm) {

        /** The target of {@code http://host[:port]/path?query}; null when the URI is not one. */
        static Target of(String uri) {
            try {
                URI parsed = new URI(uri);
                if (!"http".equalsIgnoreCase(parsed.getScheme()) || parsed.getHost() == null) {
                    return null;
                }
                String host = parsed.getHost();
                if (host.startsWith("[") && host.endsWith("]")) {
                    host = host.substring(1, host.length() - 1);
                }
                String path = parsed.getRawPath() == null || parsed.getRawPath().isEmpty() ? "/" : parsed.getRawPath();
                String query = parsed.getRawQuery() == null ? "" : "?" + parsed.getRawQuery();
                return new Target(host, parsed.getPort() == -1 ? 80 : parsed.getPort(), path + query);
            } catch (URISyntaxException e) {
                return null;
            }
        }
    }

    /**
     * Sends {@code request} (aggregated, released by the caller) to {@code target} and relays the answer to the
     * client of {@code ctx}, then closes it; a host that cannot be reached, or closes without answering, is a 502.
     * Its name is looked up by {@code resolver}, off the event loop; one that cannot be reached is told to
     * {@code failures}.
     */
    static void forward(ChannelHandlerContext ctx, FullHttpRequest request, Target target, int connectTimeoutMillis,
                        OffLoopNameResolver resolver, ProxyFailures failures) {
        Channel inbound = ctx.channel();
        inbound.config().setAutoRead(false); // one exchange: nothing more is read from this client
        FullHttpRequest outgoing = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, request.method(),
                target.originForm(), request.content().retain());
        outgoing.headers().set(request.headers());
        removeHopByHop(outgoing.headers());
        outgoing.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        String what = request.method() + " " + request.uri();
        new Bootstrap()
                .group(inbound.eventLoop())
                .channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, connectTimeoutMillis)
                .resolver(resolver)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        channel.pipeline().addLast(new HttpClientCodec())
                                .addLast(new HttpObjectAggregator(MAX_RESPONSE_BYTES))
                                .addLast(new ResponseRelay(ctx, what));
                    }
                })
                .connect(InetSocketAddress.createUnresolved(target.host(), target.port()))
                .addListener((ChannelFutureListener) connected -> {
                    if (!connected.isSuccess()) {
                        outgoing.release();
                        failures.unreachable(target.host(), target.port(), connected.cause().getMessage());
                        ApiHostProxy.refuse(ctx, HttpResponseStatus.BAD_GATEWAY, "ws-local's proxy cannot reach "
                                + target.host() + ":" + target.port() + " for " + what + ": "
                                + connected.cause().getMessage());
                        return;
                    }
                    inbound.closeFuture().addListener(closed -> connected.channel().close());
                    connected.channel().writeAndFlush(outgoing).addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
                });
    }

    /** Drops the headers of one hop, and those the {@code Connection} header names. */
    private static void removeHopByHop(HttpHeaders headers) {
        for (String connection : headers.getAll(HttpHeaderNames.CONNECTION)) {
            for (String token : connection.split(",")) {
                headers.remove(token.trim());
            }
        }
        HOP_BY_HOP.forEach(headers::remove);
    }

    /** The host's one response, written to the client, which is then closed; no response at all is a 502. */
    private static final class ResponseRelay extends SimpleChannelInboundHandler<FullHttpResponse> {
        private final ChannelHandlerContext client;
        private final String what;
        private boolean answered;

        ResponseRelay(ChannelHandlerContext client, String what) {
            this.client = client;
            this.what = what;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpResponse response) {
            if (answered) {
                return;
            }
            answered = true;
            if (response.decoderResult().isFailure()) {
                ApiHostProxy.refuse(client, HttpResponseStatus.BAD_GATEWAY, "ws-local's proxy got no readable "
                        + "response to " + what + ": " + response.decoderResult().cause().getMessage());
            } else {
                FullHttpResponse relayed = response.retainedDuplicate();
                removeHopByHop(relayed.headers());
                relayed.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
                client.writeAndFlush(relayed).addListener(ChannelFutureListener.CLOSE);
            }
            ctx.close();
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (!answered) {
                answered = true;
                ApiHostProxy.refuse(client, HttpResponseStatus.BAD_GATEWAY, "the host closed the connection without "
                        + "answering " + what);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            if (!answered) {
                answered = true;
                ApiHostProxy.refuse(client, HttpResponseStatus.BAD_GATEWAY, "ws-local's proxy got no response to "
                        + what + ": " + cause.getMessage());
            }
            ctx.close();
        }
    }
}
