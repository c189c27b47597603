package com.example.wsapi.local.gateway;

import com.example.wsapi.local.gateway.integration.ApiStage;
import com.example.wsapi.local.gateway.integration.BackendHttpClient;
import com.example.wsapi.local.gateway.integration.FunctionInvoker;
import com.example.wsapi.local.gateway.integration.Integration;
import com.example.wsapi.local.gateway.integration.Integrations;
import com.example.wsapi.local.log.LogSink;
import com.example.wsapi.local.vtl.MappingTemplates;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** What every channel of one gateway shares. */
final class GatewayCore {

    final GatewaySettings settings;
    final FunctionInvoker invoker;
    final Clock clock;
    /** The gateway's lines in ws-local's log. */
    final GatewayLog log;
    final Events events;
    final RouteSelector routeSelector;
    final NewConnectionRateLimiter rateLimiter;
    /** Warns of {@code @connections} requests that API Gateway would refuse for their signing. */
    final ConnectionsSigning connectionsSigning;
    /** The frame decoder's settings, one instance for every connection. */
    final WebSocketDecoderConfig decoderConfig;
    /**
     * Connections by id from the 101 until their $disconnect has finished; {@code @connections} reaches only the open
     * ones (not during $connect, not once closing).
     */
    final ConcurrentMap<String, WebSocketConnection> connections = new ConcurrentHashMap<>();
    /** Connections still speaking HTTP (not upgraded), each with its {@link HttpRequestTimeout}. */
    final Set<HttpRequestTimeout> httpConnections = ConcurrentHashMap.newKeySet();
    private final Map<String, RouteBinding> routes;
    /** Each route's integration, by route key. */
    private final Map<String, Integration> integrations;
    /** ws-local's own HTTP endpoints by first path segment. */
    private final Map<String, LocalHttpEndpoint> localEndpoints;
    private final long idleTimeoutNanos;
    private final long maxLifetimeNanos;
    volatile boolean closing;

    /** Calls the HTTP backends of integrations; closed with the gateway. */
    final BackendHttpClient backends = new BackendHttpClient();

    GatewayCore(GatewaySettings settings, FunctionInvoker invoker, Clock clock, List<LocalHttpEndpoint> localEndpoints,
                MappingTemplates mappingTemplates, LogSink log) {
        this.settings = settings;
        this.invoker = invoker;
        this.clock = clock;
        this.log = new GatewayLog(log);
        this.events = new Events(settings.stage(), settings.apiId(), settings.region());
        this.routeSelector = RouteSelector.parse(settings.routeSelectionExpression());
        this.rateLimiter = new NewConnectionRateLimiter(settings.maxNewConnectionsPerSecond(), clock);
        this.connectionsSigning = new ConnectionsSigning(settings.region(), this.log);
        this.decoderConfig = WebSocketDecoderConfig.newBuilder()
                .maxFramePayloadLength(settings.maxFrameBytes())
                // No extension is negotiated: an offered permessage-deflate gets no answer in the 101, so clients send
                // uncompressed frames (unconfirmed: what API Gateway answers to an offered extension).
                .allowExtensions(false)
                // The connection sends the close frame itself: Netty's decoder sends none for a bad close frame.
                .closeOnProtocolViolation(false)
                .build();
        this.idleTimeoutNanos = nanos(settings.idleTimeout());
        this.maxLifetimeNanos = nanos(settings.maxLifetime());
        Map<String, RouteBinding> byKey = new LinkedHashMap<>();
        settings.routes().forEach(route -> byKey.put(route.routeKey(), route));
        this.routes = Map.copyOf(byKey);
        Integrations factory = new Integrations(invoker, backends, mappingTemplates, new ApiStage(settings.apiId(),
                settings.stage(), events.domainName(), settings.stageVariables()), settings.integrationTimeout());
        Map<String, Integration> integrationsByKey = new LinkedHashMap<>();
        settings.routes().forEach(route -> integrationsByKey.put(route.routeKey(), factory.create(route.integration())));
        this.integrations = Map.copyOf(integrationsByKey);
        Map<String, LocalHttpEndpoint> bySegment = new LinkedHashMap<>();
        for (LocalHttpEndpoint endpoint : localEndpoints) {
            if (!LocalHttpEndpoint.SEGMENT.matcher(endpoint.segment()).matches()) {
                throw new IllegalArgumentException("local endpoint segment '" + endpoint.segment()
                        + "' must be @ and lowercase letters, digits or '-' (and not @connections)");
            }
            if (bySegment.put(endpoint.segment(), endpoint) != null) {
                throw new IllegalArgumentException("two local endpoints serve /" + endpoint.segment());
            }
        }
        this.localEndpoints = Map.copyOf(bySegment);
    }

    /** ws-local's own endpoint serving this first path segment, or null. */
    LocalHttpEndpoint localEndpoint(String segment) {
        return localEndpoints.get(segment);
    }

    /**
     * Closes every open connection past its idle timeout or its lifetime, and every connection still speaking HTTP past
     * its {@link HttpRequestTimeout} (any thread): run every {@link #expiryCheckPeriod}, so a connection closes at most
     * that long after its time.
     */
    void closeExpiredConnections() {
        long nowMillis = clock.millis();
        for (HttpRequestTimeout http : httpConnections) {
            try {
                http.closeIfExpired(nowMillis);
            } catch (RuntimeException e) {
                // As below: a failure would end the periodic task, and with it every connection's timeouts.
                log.warning("closing an HTTP connection after " + HttpRequestTimeout.TIMEOUT.toSeconds() + " s without "
                        + "a request failed: " + e, "a bug in ws-local: the connection stays open");
            }
        }
        long now = System.nanoTime();
        for (WebSocketConnection connection : connections.values()) {
            try {
                connection.closeIfExpired(now, idleTimeoutNanos, maxLifetimeNanos);
            } catch (RuntimeException e) {
                // Logged and skipped: one connection's failure must not stop the checks of the others.
                log.warning("connectionId=" + connection.info().connectionId() + ": closing it after its idle "
                        + "timeout or lifetime failed: " + e, "a bug in ws-local: the connection stays open");
            }
        }
    }

    /**
     * A tenth of the shorter of the idle timeout and the lifetime, between a millisecond and a second (a second with
     * API Gateway's).
     */
    static Duration expiryCheckPeriod(GatewaySettings settings) {
        Duration shorter = settings.idleTimeout().compareTo(settings.maxLifetime()) <= 0
                ? settings.idleTimeout() : settings.maxLifetime();
        return shorter.compareTo(Duration.ofSeconds(10)) >= 0 ? Duration.ofSeconds(1)
                : Duration.ofMillis(Math.max(1, shorter.toMillis() / 10));
    }

    /** The duration in nanoseconds, or Long.MAX_VALUE (never reached) for durations longer than 292 years. */
    private static long nanos(Duration duration) {
        try {
            return duration.toNanos();
        } catch (ArithmeticException tooLong) {
            return Long.MAX_VALUE;
        }
    }

    /** The route with this key, or null. */
    RouteBinding route(String routeKey) {
        return routes.get(routeKey);
    }

    /** The integration of the route with this key. */
    Integration integration(RouteBinding route) {
        return integrations.get(route.routeKey());
    }
}
