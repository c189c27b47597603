package com.example.wsapi.local.gateway.integration;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.pool.AbstractChannelPoolHandler;
import io.netty.channel.pool.SimpleChannelPool;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.util.concurrent.DefaultThreadFactory;

import javax.net.ssl.SSLException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * HTTP/1.1 to integration backends on the gateway's own event loops: each request runs on the loop of the connection
 * it serves, over a keep-alive connection pooled per event loop and backend, and never blocks that loop (names are
 * resolved off the loop). The gateway's integration timeout cancels a request: its connection is then closed.
 */
public final class BackendHttpClient implements AutoCloseable {

    /** A backend answer larger than this fails the integration (API Gateway caps payloads far below). */
    static final int MAX_RESPONSE_BYTES = 10 * 1024 * 1024;
    private static final Set<String> METHODS_WITH_BODY = Set.of("POST", "PUT", "PATCH");

    private record PoolKey(EventLoop loop, boolean https, String host, int port) {}

    private final ExecutorService lookups = Executors.newCachedThreadPool(
            new DefaultThreadFactory("ws-gateway-dns", true));
    private final OffLoopNameResolver resolver = new OffLoopNameResolver(lookups);
    private final ConcurrentMap<PoolKey, SimpleChannelPool> pools = new ConcurrentHashMap<>();
    private volatile SslContext ssl;

    /**
     * Sends the request from {@code loop}. The future completes with the backend's response, or exceptionally when it
     * cannot be reached or breaks off; cancelling it closes the request's connection.
     */
    public CompletableFuture<BackendResponse> send(BackendRequest request, EventLoop loop) {
        CompletableFuture<BackendResponse> result = new CompletableFuture<>();
        URI uri = request.uri();
        boolean https = "https".equalsIgnoreCase(uri.getScheme());
        String host = uri.getHost().startsWith("[") ? uri.getHost().substring(1, uri.getHost().length() - 1)
                : uri.getHost();
        int port = uri.getPort() >= 0 ? uri.getPort() : https ? 443 : 80;
        SimpleChannelPool pool;
        try {
            pool = pools.computeIfAbsent(new PoolKey(loop, https, host, port), key -> newPool(key));
        } catch (RuntimeException e) {
            result.completeExceptionally(e);
            return result;
        }
        pool.acquire().addListener(acquired -> {
            if (!acquired.isSuccess()) {
                result.completeExceptionally(new BackendException("cannot connect to " + host + ":" + port + ": "
                        + Deadline.rootMessage(acquired.cause()), acquired.cause()));
                return;
            }
            Channel channel = (Channel) acquired.getNow();
            if (result.isDone()) {
                // Cancelled while connecting: the connection never carried this request.
                pool.release(channel);
                return;
            }
            try {
                exchange(channel, pool, toNetty(request, host, port, https), result);
            } catch (RuntimeException e) {
                // E.g. a header value Netty refuses: the request never left, the connection goes back unused.
                if (channel.pipeline().get(Exchange.class) != null) {
                    channel.pipeline().remove(Exchange.class);
                }
                pool.release(channel);
                result.completeExceptionally(new BackendException("cannot send the request: " + e.getMessage(), e));
            }
        });
        return result;
    }

    private void exchange(Channel channel, SimpleChannelPool pool, FullHttpRequest request,
                          CompletableFuture<BackendResponse> result) {
        Exchange exchange = new Exchange(pool, result);
        channel.pipeline().addLast("exchange", exchange);
        // The gateway gave up (its timeout): the backend's late answer must not arrive on a reused connection.
        result.whenComplete((response, failure) -> {
            if (result.isCancelled()) {
                channel.close();
            }
        });
        channel.writeAndFlush(request).addListener(written -> {
            if (!written.isSuccess()) {
                exchange.fail(channel, new BackendException("sending the request failed: "
                        + Deadline.rootMessage(written.cause()), written.cause()));
            }
        });
    }

    private static FullHttpRequest toNetty(BackendRequest request, String host, int port, boolean https) {
        URI uri = request.uri();
        String target = (uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath())
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        FullHttpRequest http = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.valueOf(request.method()),
                target, request.body() == null ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(request.body()));
        boolean defaultPort = port == (https ? 443 : 80);
        String hostHeader = (host.contains(":") ? "[" + host + "]" : host) + (defaultPort ? "" : ":" + port);
        http.headers().set(HttpHeaderNames.HOST, hostHeader);
        request.headers().forEach((name, value) -> http.headers().set(name, value));
        if (request.body() != null || METHODS_WITH_BODY.contains(request.method())) {
            // Some servers refuse a POST without a length (411): an empty body says Content-Length: 0.
            HttpUtil.setContentLength(http, http.content().readableBytes());
        }
        return http;
    }

    private SimpleChannelPool newPool(PoolKey key) {
        SslContext sslContext = key.https() ? sslContext() : null;
        Bootstrap bootstrap = new Bootstrap()
                .group(key.loop())
                .channel(NioSocketChannel.class)
                .resolver(resolver)
                .option(ChannelOption.TCP_NODELAY, true)
                .remoteAddress(InetSocketAddress.createUnresolved(key.host(), key.port()));
        return new SimpleChannelPool(bootstrap, new AbstractChannelPoolHandler() {
            @Override
            public void channelCreated(Channel channel) {
                if (sslContext != null) {
                    channel.pipeline().addLast("tls", sslContext.newHandler(channel.alloc(), key.host(), key.port()));
                }
                channel.pipeline()
                        .addLast("http", new HttpClientCodec())
                        .addLast("aggregator", new HttpObjectAggregator(MAX_RESPONSE_BYTES));
            }
        });
    }

    private SslContext sslContext() {
        SslContext context = ssl;
        if (context == null) {
            synchronized (this) {
                if (ssl == null) {
                    try {
                        // The JDK's trust store, and the host name checked against the certificate.
                        ssl = SslContextBuilder.forClient().endpointIdentificationAlgorithm("HTTPS").build();
                    } catch (SSLException e) {
                        throw new IllegalStateException("cannot set up TLS for https backends: " + e.getMessage(), e);
                    }
                }
                context = ssl;
            }
        }
        return context;
    }

    /** Closes every pooled connection and the name lookups. */
    @Override
    public void close() {
        pools.values().forEach(SimpleChannelPool::close);
        pools.clear();
        lookups.shutdownNow();
    }

    /** One request's wait for its response on a pooled connection; the connection goes back to the pool once. */
    private static final class Exchange extends SimpleChannelInboundHandler<FullHttpResponse> {
        private final SimpleChannelPool pool;
        private final CompletableFuture<BackendResponse> result;
        private boolean released;

        Exchange(SimpleChannelPool pool, CompletableFuture<BackendResponse> result) {
            this.pool = pool;
            this.result = result;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpResponse response) {
            if (response.decoderResult().isFailure()) {
                fail(ctx.channel(), new BackendException("the backend's answer is not valid HTTP: "
                        + Deadline.rootMessage(response.decoderResult().cause()), response.decoderResult().cause()));
                return;
            }
            Map<String, String> headers = new LinkedHashMap<>();
            response.headers().forEach(header -> headers.put(header.getKey().toLowerCase(Locale.ROOT), header.getValue()));
            BackendResponse answer = new BackendResponse(response.status().code(), headers,
                    ByteBufUtil.getBytes(response.content()));
            if (!HttpUtil.isKeepAlive(response)) {
                ctx.channel().close();
            }
            release(ctx.channel());
            result.complete(answer);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            fail(ctx.channel(), new BackendException("the exchange with the backend failed: "
                    + Deadline.rootMessage(cause), cause));
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            fail(ctx.channel(), new BackendException("the backend closed the connection without answering", null));
            ctx.fireChannelInactive();
        }

        void fail(Channel channel, BackendException failure) {
            channel.close();
            release(channel);
            result.completeExceptionally(failure);
        }

        private void release(Channel channel) {
            if (!released) {
                released = true;
                if (channel.pipeline().get(Exchange.class) == this) {
                    channel.pipeline().remove(this);
                }
                pool.release(channel);
            }
        }
    }

    /** The backend could not be reached, or broke off the exchange. */
    public static final class BackendException extends RuntimeException {
        BackendException(String message, Throwable cause) {
            super(message, cause, false, false);
        }
    }
}
