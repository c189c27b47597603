package com.example.wsapi.local.gateway;

import com.example.wsapi.local.gateway.ProxyRoutes.Destination;
import com.example.wsapi.local.gateway.integration.OffLoopNameResolver;
import com.example.wsapi.local.log.LogSink;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.util.concurrent.DefaultThreadFactory;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;

/**
 * The HTTPS proxy function JVMs are given ({@code https.proxyHost}), so that a {@code @connections} endpoint built
 * from the event's {@code domainName}, or from the API's {@code wss://} URL in a variable, reaches ws-local, as it
 * reaches API Gateway on AWS, and a DynamoDB client that does not read {@code AWS_ENDPOINT_URL_DYNAMODB} reaches
 * DynamoDB Local. A {@code CONNECT} to a host {@link ProxyRoutes} names (the API's own on 443, DynamoDB's) is answered
 * here: TLS ends with {@link ApiHostCertificate}'s certificate and the bytes go, as they are, to the gateway's own
 * port (which serves them as any other client's: {@code @connections} requests, or a WebSocket handshake and its
 * frames) or to DynamoDB Local's. A {@code CONNECT} to any other host is a plain tunnel, so calls to real services
 * behave as without ws-local. Function JVMs are given it as their plain-HTTP proxy too ({@code http.proxyHost}: the
 * SDK's Apache and Netty clients tunnel HTTPS through that one), so a plain-HTTP request to another host is forwarded
 * ({@link PlainHttpForward}), one to DynamoDB's host to DynamoDB Local; one to the API's host is refused, as AWS serves
 * it over HTTPS only. Host names are looked up off the proxy's one event loop ({@link OffLoopNameResolver}), so a slow
 * lookup holds up no other client.
 */
public final class ApiHostProxy implements AutoCloseable {

    /** The largest plain-HTTP request body forwarded (a CONNECT has none): beyond it the client gets a 413. */
    private static final int MAX_REQUEST_BYTES = 16 * 1024 * 1024;
    private static final int CONNECT_TIMEOUT_MILLIS = 10_000;

    private final EventLoopGroup group;
    private final ExecutorService lookups;
    private final Channel serverChannel;

    private ApiHostProxy(EventLoopGroup group, ExecutorService lookups, Channel serverChannel) {
        this.group = group;
        this.lookups = lookups;
        this.serverChannel = serverChannel;
    }

    /**
     * Listens on a free loopback port.
     *
     * @param routes   the hosts answered here, and where their bytes go
     * @param keyStore the certificate for {@link ProxyRoutes#certificateHosts()}; read on the first CONNECT to one
     *                 of them, not before
     */
    public static ApiHostProxy start(ProxyRoutes routes, Callable<KeyStore> keyStore, LogSink log)
            throws InterruptedException {
        return start(routes, keyStore, log, InetAddress::getAllByName);
    }

    /** As {@link #start(ProxyRoutes, Callable, LogSink)}, host names looked up by {@code hostLookup}. */
    static ApiHostProxy start(ProxyRoutes routes, Callable<KeyStore> keyStore, LogSink log,
                              OffLoopNameResolver.HostLookup hostLookup) throws InterruptedException {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("ws-local-proxy", true),
                NioIoHandler.newFactory());
        ExecutorService lookups = Executors.newCachedThreadPool(new DefaultThreadFactory("ws-local-proxy-dns", true));
        OffLoopNameResolver resolver = new OffLoopNameResolver(lookups, hostLookup);
        Tls tls = new Tls(keyStore);
        ProxyFailures failures = new ProxyFailures(log);
        try {
            Channel server = new ServerBootstrap()
                    .group(group)
                    .channel(NioServerSocketChannel.class)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel channel) {
                            channel.pipeline().addLast("codec", new HttpServerCodec())
                                    .addLast("aggregator", new HttpObjectAggregator(MAX_REQUEST_BYTES))
                                    .addLast("request", new RequestHandler(routes, tls, resolver, failures));
                        }
                    })
                    .bind(InetAddress.getLoopbackAddress(), 0).sync().channel();
            return new ApiHostProxy(group, lookups, server);
        } catch (InterruptedException | RuntimeException e) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            lookups.shutdownNow();
            throw e;
        }
    }

    /** The loopback port functions' {@code https.proxyPort} names. */
    public int port() {
        return ((InetSocketAddress) serverChannel.localAddress()).getPort();
    }

    @Override
    public void close() {
        serverChannel.close().awaitUninterruptibly(1, TimeUnit.SECONDS);
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(3, TimeUnit.SECONDS);
        lookups.shutdownNow(); // a lookup still running fails its promise, on a loop that is gone
    }

    /** The server side of TLS for the hosts answered here, made once, when first needed (it reads the key store). */
    private static final class Tls {
        private final Callable<KeyStore> keyStore;
        private SslContext context; // only touched on the proxy's one event loop

        Tls(Callable<KeyStore> keyStore) {
            this.keyStore = keyStore;
        }

        SslContext context() throws Exception {
            if (context == null) {
                KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                keys.init(keyStore.call(), ApiHostCertificate.PASSWORD.toCharArray());
                context = SslContextBuilder.forServer(keys).build();
            }
            return context;
        }
    }

    /** A client's first request: a CONNECT's tunnel, a plain-HTTP request forwarded, or an answer saying why not. */
    private static final class RequestHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
        private final ProxyRoutes routes;
        private final Tls tls;
        private final OffLoopNameResolver resolver;
        private final ProxyFailures failures;
        private boolean handled; // one request per connection: a CONNECT's tunnel, or one exchange

        RequestHandler(ProxyRoutes routes, Tls tls, OffLoopNameResolver resolver, ProxyFailures failures) {
            this.routes = routes;
            this.tls = tls;
            this.resolver = resolver;
            this.failures = failures;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
            if (handled) {
                return; // pipelined after the one this connection serves: it is closed after that one's answer
            }
            handled = true;
            if (request.decoderResult().isFailure()) {
                refuse(ctx, HttpResponseStatus.BAD_REQUEST, "Bad Request: " + request.decoderResult().cause()
                        .getMessage());
                return;
            }
            if (!HttpMethod.CONNECT.equals(request.method())) {
                forward(ctx, request);
                return;
            }
            InetSocketAddress target = target(request.uri());
            if (target == null) {
                refuse(ctx, HttpResponseStatus.BAD_REQUEST, "Bad Request: CONNECT needs host:port (a port from 1 to "
                        + "65535), got '" + request.uri() + "'");
                return;
            }
            Destination destination = routes.ofConnect(target.getHostString(), target.getPort());
            SslContext context = null;
            if (ProxyRoutes.endsTls(destination, target.getPort())) {
                try {
                    context = tls.context();
                } catch (Exception e) {
                    failures.unreachable(target.getHostString(), target.getPort(), "its certificate is unreadable ("
                            + e.getMessage() + ")");
                    refuse(ctx, HttpResponseStatus.BAD_GATEWAY, "ws-local cannot serve " + target.getHostString()
                            + ": its certificate is unreadable (" + e.getMessage() + ")");
                    return;
                }
            }
            SslContext serverTls = context;
            Channel inbound = ctx.channel();
            inbound.config().setAutoRead(false); // nothing more from the client until the tunnel's far end is there
            InetSocketAddress far = switch (destination) {
                case GATEWAY -> routes.gateway();
                case DYNAMODB_LOCAL -> routes.dynamoDbLocal();
                case AS_ADDRESSED -> target;
            };
            ChannelFuture connecting = new Bootstrap()
                    .group(inbound.eventLoop())
                    .channel(NioSocketChannel.class)
                    .option(ChannelOption.TCP_NODELAY, true)
                    .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, CONNECT_TIMEOUT_MILLIS)
                    .resolver(resolver)
                    .handler(new ByteRelay(inbound))
                    .connect(far);
            connecting.addListener((ChannelFutureListener) connected -> {
                if (!connected.isSuccess()) {
                    inbound.config().setAutoRead(true);
                    failures.unreachable(target.getHostString(), target.getPort(), connected.cause().getMessage()
                            + stoodInFor(destination, far));
                    refuse(ctx, HttpResponseStatus.BAD_GATEWAY, "ws-local's proxy cannot reach " + request.uri()
                            + stoodInFor(destination, far) + ": " + connected.cause().getMessage());
                    return;
                }
                FullHttpResponse established = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                        new HttpResponseStatus(200, "Connection established"));
                ctx.writeAndFlush(established).addListener((ChannelFutureListener) written -> {
                    if (!written.isSuccess()) {
                        connected.channel().close();
                        inbound.close();
                        return;
                    }
                    // From here the client's bytes are TLS: no more HTTP on this side.
                    ctx.pipeline().remove("codec");
                    ctx.pipeline().remove("aggregator");
                    if (serverTls != null) {
                        ctx.pipeline().addLast("tls", serverTls.newHandler(inbound.alloc()));
                    }
                    ctx.pipeline().addLast("relay", new ByteRelay(connected.channel()));
                    ctx.pipeline().remove(this);
                    inbound.config().setAutoRead(true);
                });
            });
            inbound.closeFuture().addListener(closed -> connecting.channel().close());
        }

        /**
         * A plain-HTTP request: forwarded once, to DynamoDB Local for DynamoDB's host, refused for the API's host
         * (HTTPS only, as on AWS).
         */
        private void forward(ChannelHandlerContext ctx, FullHttpRequest request) {
            PlainHttpForward.Target target = PlainHttpForward.Target.of(request.uri());
            if (target == null) {
                refuse(ctx, HttpResponseStatus.BAD_REQUEST, "Bad Request: ws-local's proxy forwards plain HTTP "
                        + "requests in absolute form (GET http://host/path), got " + request.method() + " "
                        + request.uri());
                return;
            }
            switch (routes.ofPlainHttp(target.host(), target.port())) {
                // Not sent to the gateway: code calling http://<apiId>.execute-api... would work here, fail on AWS.
                case GATEWAY -> refuse(ctx, HttpResponseStatus.BAD_REQUEST, "Bad Request: " + request.method() + " "
                        + request.uri() + " is plain HTTP, but API Gateway serves " + routes.apiHost()
                        + " over HTTPS only: use https://" + routes.apiHost() + target.originForm());
                case DYNAMODB_LOCAL -> PlainHttpForward.forward(ctx, request, new PlainHttpForward.Target(
                        routes.dynamoDbLocal().getHostString(), routes.dynamoDbLocal().getPort(),
                        target.originForm()), CONNECT_TIMEOUT_MILLIS, resolver, failures);
                case AS_ADDRESSED -> PlainHttpForward.forward(ctx, request, target, CONNECT_TIMEOUT_MILLIS, resolver,
                        failures);
            }
        }

        /** What a refusal adds when the proxy stood in for the host: where it sent the bytes instead. */
        private static String stoodInFor(Destination destination, InetSocketAddress far) {
            return switch (destination) {
                case GATEWAY -> " (the local gateway at " + far + ")";
                case DYNAMODB_LOCAL -> " (DynamoDB Local at " + far + ")";
                case AS_ADDRESSED -> "";
            };
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }

        /** {@code host:port} of a CONNECT, unresolved; null when it is not one. */
        static InetSocketAddress target(String authority) {
            int colon = authority.lastIndexOf(':');
            if (colon <= 0 || authority.contains("/")) {
                return null;
            }
            String host = authority.substring(0, colon);
            if (host.startsWith("[") && host.endsWith("]")) {
                host = host.substring(1, host.length() - 1);
            }
            try {
                int port = Integer.parseInt(authority.substring(colon + 1));
                return port < 1 || port > 65535 || host.isEmpty() ? null
                        : InetSocketAddress.createUnresolved(host, port);
            } catch (NumberFormatException e) {
                return null;
            }
        }

    }

    /** Answers the client with {@code status} and {@code message} as text, then closes its connection. */
    static void refuse(ChannelHandlerContext ctx, HttpResponseStatus status, String message) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                Unpooled.copiedBuffer(message + "\n", StandardCharsets.UTF_8));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.TEXT_PLAIN);
        HttpUtil.setContentLength(response, response.content().readableBytes());
        HttpUtil.setKeepAlive(response, false);
        ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    }
}
