package com.example.wsapi.local.gateway;

import com.example.wsapi.local.gateway.integration.FunctionInvoker;
import com.example.wsapi.local.log.LogSink;
import com.example.wsapi.local.vtl.MappingTemplates;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.AdaptiveRecvByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.GlobalEventExecutor;

import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A WebSocket API as API Gateway serves it, on one port: WebSocket clients connect to {@code ws://host:port/<stage>},
 * and the {@code @connections} management API answers at {@code http://host:port/<stage>/@connections/{id}}.
 * Every route's integration (a function through a {@link FunctionInvoker}, an HTTP backend, a mock) is called through
 * its {@link com.example.wsapi.local.gateway.integration.Integration}; the event loops never block on it.
 */
public final class Gateway implements AutoCloseable {

    private final GatewayCore core;
    private final EventLoopGroup group;
    private final Channel serverChannel;
    private final ChannelGroup channels;
    private final int port;
    private final String urlHost;
    private final AtomicBoolean closed = new AtomicBoolean();

    private Gateway(GatewayCore core, EventLoopGroup group, Channel serverChannel, ChannelGroup channels) {
        this.core = core;
        this.group = group;
        this.serverChannel = serverChannel;
        this.channels = channels;
        InetSocketAddress bound = (InetSocketAddress) serverChannel.localAddress();
        this.port = bound.getPort();
        this.urlHost = urlHost(core.settings.host());
    }

    /**
     * Binds {@code settings.host():settings.port()} and serves the API.
     *
     * @throws GatewayStartException when the port is in use or a setting is invalid; the message says what to do
     */
    public static Gateway start(GatewaySettings settings, FunctionInvoker invoker) throws GatewayStartException {
        return start(settings, invoker, List.of());
    }

    /** As {@link #start(GatewaySettings, FunctionInvoker)}, also serving ws-local's own HTTP endpoints. */
    public static Gateway start(GatewaySettings settings, FunctionInvoker invoker,
                                List<LocalHttpEndpoint> localEndpoints) throws GatewayStartException {
        return start(settings, invoker, new MappingTemplates(), localEndpoints, LogSink.stdout());
    }

    /**
     * As {@link #start(GatewaySettings, FunctionInvoker, List)}, rendering the integrations' mapping templates with
     * {@code mappingTemplates} and writing the gateway's log lines to {@code log} (the others print every line on
     * standard output).
     */
    public static Gateway start(GatewaySettings settings, FunctionInvoker invoker, MappingTemplates mappingTemplates,
                                List<LocalHttpEndpoint> localEndpoints, LogSink log) throws GatewayStartException {
        return start(settings, invoker, Clock.systemUTC(), localEndpoints, mappingTemplates, log);
    }

    /**
     * As {@link #start(GatewaySettings, FunctionInvoker)}, with the clock of event times and the connection rate, and
     * the log's sink.
     */
    static Gateway start(GatewaySettings settings, FunctionInvoker invoker, Clock clock, LogSink log)
            throws GatewayStartException {
        return start(settings, invoker, clock, List.of(), new MappingTemplates(), log);
    }

    private static Gateway start(GatewaySettings settings, FunctionInvoker invoker, Clock clock,
                                 List<LocalHttpEndpoint> localEndpoints, MappingTemplates mappingTemplates,
                                 LogSink log) throws GatewayStartException {
        validate(settings, invoker);
        if (log == null) {
            throw new GatewayStartException("the gateway needs a log sink");
        }
        GatewayCore core;
        try {
            core = new GatewayCore(settings, invoker, clock, localEndpoints, mappingTemplates, log);
        } catch (IllegalArgumentException e) {
            throw new GatewayStartException(e.getMessage(), e);
        }
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(0, new DefaultThreadFactory("ws-gateway"),
                NioIoHandler.newFactory());
        ChannelGroup channels = new DefaultChannelGroup("ws-gateway", GlobalEventExecutor.INSTANCE);
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .childOption(ChannelOption.TCP_NODELAY, true)
                // One allocator for every channel (each still adapts its own read size): Netty's default is one each.
                .childOption(ChannelOption.RCVBUF_ALLOCATOR, new AdaptiveRecvByteBufAllocator())
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        channels.add(channel);
                        channel.pipeline()
                                .addLast("http-codec", new HttpServerCodec())
                                .addLast("http-aggregator", new RequestBodyAggregator(settings.maxMessageBytes()))
                                .addLast("http-timeout", new HttpRequestTimeout(core))
                                .addLast("http", new GatewayHttpHandler(core));
                    }
                });
        Channel serverChannel;
        try {
            serverChannel = bootstrap.bind(settings.host(), settings.port()).sync().channel();
        } catch (Exception e) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            core.backends.close();
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            if (e instanceof BindException) {
                throw new GatewayStartException("port " + settings.port() + " on " + settings.host()
                        + " is in use: stop the other process or pass --port", e);
            }
            throw new GatewayStartException("cannot listen on " + settings.host() + ":" + settings.port() + ": "
                    + e.getMessage(), e);
        }
        // One check of every connection's idle timeout and lifetime, instead of timers per connection.
        long period = GatewayCore.expiryCheckPeriod(settings).toNanos();
        group.next().scheduleAtFixedRate(core::closeExpiredConnections, period, period, TimeUnit.NANOSECONDS);
        Gateway gateway = new Gateway(core, group, serverChannel, channels);
        core.log.detail("WebSocket API listening on " + gateway.webSocketUrl() + " (@connections at "
                + gateway.connectionsUrl() + ")");
        return gateway;
    }

    /** Runs the periodic check of every connection's timeouts now: tests advance their clock, then call this. */
    void closeExpiredConnectionsNow() {
        core.closeExpiredConnections();
    }

    /** How many connections speak HTTP (accepted, not upgraded, not closed): for tests. */
    int httpConnectionCount() {
        return core.httpConnections.size();
    }

    /** The port clients connect to (the bound one when the settings asked for 0). */
    public int port() {
        return port;
    }

    /** {@code ws://host:port/<stage>}. */
    public URI webSocketUrl() {
        return URI.create("ws://" + urlHost + ":" + port + "/" + core.settings.stage());
    }

    /** {@code http://host:port/<stage>/@connections}. */
    public URI connectionsUrl() {
        return URI.create("http://" + urlHost + ":" + port + "/" + core.settings.stage() + "/@connections");
    }

    /**
     * Closes every connection with 1001 (each runs {@code $disconnect}), waits for those {@code $disconnect}s within
     * the integration timeout, then stops the server. Idempotent.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        core.closing = true;
        serverChannel.close().syncUninterruptibly();
        Set<WebSocketConnection> connections = new HashSet<>(core.connections.values());
        connections.forEach(connection -> connection.closeFromServer(WebSocketConnection.GOING_AWAY,
                WebSocketConnection.GOING_AWAY_REASON));
        Duration bound = WebSocketConnection.CLOSE_HANDSHAKE_TIMEOUT.plus(core.settings.integrationTimeout())
                .plusSeconds(1);
        try {
            CompletableFuture.allOf(connections.stream().map(WebSocketConnection::finished)
                    .toArray(CompletableFuture[]::new)).get(bound.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            core.log.warning("some $disconnect invocations did not finish before shutdown: " + e,
                    "their functions may have left records behind (with --db-path, they persist)");
        }
        // The $disconnect calls are done: the backends' pooled connections close while their event loops still run.
        core.backends.close();
        channels.close().awaitUninterruptibly(1, TimeUnit.SECONDS);
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
        core.log.detail("WebSocket API on port " + port + " stopped");
    }

    private static void validate(GatewaySettings settings, FunctionInvoker invoker) throws GatewayStartException {
        if (settings == null || invoker == null) {
            throw new GatewayStartException("the gateway needs settings and a function invoker");
        }
        require(settings.host() != null && !settings.host().isBlank(), "host is empty: pass an address such as 127.0.0.1");
        require(settings.port() >= 0 && settings.port() <= 65535, "port " + settings.port() + " is not between 0 and 65535");
        require(settings.stage() != null && settings.stage().matches("[A-Za-z0-9_\\-.~]+"),
                "stage '" + settings.stage() + "' must be a non-empty name of letters, digits, '-', '_', '.' or '~'");
        require(settings.apiId() != null && !settings.apiId().isBlank(), "apiId is empty");
        require(settings.region() != null && !settings.region().isBlank(), "region is empty");
        require(settings.routes() != null, "routes is null: pass an empty list for an API without routes");
        require(settings.stageVariables() != null, "stageVariables is null: pass an empty map for none");
        Set<String> keys = new HashSet<>();
        for (RouteBinding route : settings.routes()) {
            require(route != null && route.routeKey() != null && !route.routeKey().isEmpty(), "a route has no route key");
            require(keys.add(route.routeKey()), "route key " + route.routeKey() + " appears twice");
            require(route.integration() != null, "route " + route.routeKey() + " has no integration");
            require(route.authorizer() == null || route.routeKey().equals("$connect"),
                    "route " + route.routeKey() + " has an authorizer: API Gateway allows authorizers only on $connect");
            if (route.authorizer() != null) {
                require(route.authorizer().functionName() != null && !route.authorizer().functionName().isBlank(),
                        "the $connect authorizer has no function");
                for (String source : route.authorizer().identitySources()) {
                    require(source.startsWith("route.request.header.") || source.startsWith("route.request.querystring."),
                            "identity source '" + source + "' is not supported: use route.request.header.<Name> or "
                                    + "route.request.querystring.<name>");
                }
            }
        }
        for (Duration duration : List.of(nonNull(settings.idleTimeout(), "idleTimeout"),
                nonNull(settings.maxLifetime(), "maxLifetime"),
                nonNull(settings.integrationTimeout(), "integrationTimeout"))) {
            require(!duration.isNegative() && !duration.isZero(), "timeouts must be positive, got " + duration);
        }
        require(settings.maxFrameBytes() > 0 && settings.maxMessageBytes() > 0, "maxFrameBytes and maxMessageBytes must be positive");
        require(settings.maxNewConnectionsPerSecond() > 0, "maxNewConnectionsPerSecond must be positive");
    }

    private static Duration nonNull(Duration duration, String name) throws GatewayStartException {
        require(duration != null, name + " is null");
        return duration;
    }

    private static void require(boolean condition, String message) throws GatewayStartException {
        if (!condition) {
            throw new GatewayStartException("invalid gateway settings: " + message);
        }
    }

    /** The host for URLs: a wildcard bind address is reached through loopback; IPv6 literals get brackets. */
    private static String urlHost(String host) {
        try {
            InetAddress address = InetAddress.getByName(host);
            if (address.isAnyLocalAddress()) {
                return "127.0.0.1";
            }
        } catch (UnknownHostException e) {
            return host;
        }
        return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    }
}
