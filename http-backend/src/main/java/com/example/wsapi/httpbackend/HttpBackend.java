package com.example.wsapi.httpbackend;

import com.example.wsapi.common.AppConfig;
import com.example.wsapi.common.broadcast.Broadcaster;
import com.example.wsapi.common.broadcast.ThrottleBackoff;
import com.example.wsapi.common.connections.ConnectionStore;
import com.example.wsapi.common.posting.ConnectionPoster;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The HTTP backend: the endpoints the template's integrations call, on the JDK's HTTP server, over ws-common's
 * services. It owns its threads; the SDK clients behind the store and the poster belong to the caller.
 */
public final class HttpBackend implements AutoCloseable {

    /**
     * The largest request body. A frame is at most 128 KB, and $util.escapeJavaScript can make each character six
     * (\\uXXXX): 1 MiB holds any frame the template sends, with room to spare.
     */
    static final int MAX_BODY_BYTES = 1024 * 1024;
    /** Requests handled at once; each one waits for its broadcast, which API Gateway gives at most 29 s. */
    static final int REQUEST_THREADS = 32;
    /** How long a stop waits for requests in progress (a broadcast's posts time out well within it). */
    static final Duration STOP_GRACE = Duration.ofSeconds(10);

    static final String ENDPOINTS = "POST /connect, POST /disconnect, POST /handle-event, POST /sendmessage, "
            + "POST /whoami, GET /health";

    /** GET /health: {"status":"ok"} while the server runs. */
    record Health(String status) {}

    private final HttpServer server;
    private final Drain drain;
    private final ExecutorService requests;
    private final ExecutorService broadcasts;

    private HttpBackend(HttpServer server, Drain drain, ExecutorService requests, ExecutorService broadcasts) {
        this.server = server;
        this.drain = drain;
        this.requests = requests;
        this.broadcasts = broadcasts;
    }

    /**
     * Listens on {@code address} (port 0: a free one) and serves until {@link #close()}.
     *
     * @param store         the connection table
     * @param poster        posts to the stage's @connections API
     * @param connectionTtl how long a connection record outlives its handshake (the expiresAt TTL)
     * @throws IOException when the address can't be bound (e.g. the port is taken)
     */
    public static HttpBackend start(InetSocketAddress address, ConnectionStore store, ConnectionPoster poster,
                                    Duration connectionTtl, Clock clock) throws IOException {
        int concurrency = AppConfig.DEFAULT_BROADCAST_CONCURRENCY;
        ExecutorService broadcasts = Executors.newFixedThreadPool(concurrency, threads("broadcast"));
        Broadcaster broadcaster = new Broadcaster(poster, store, broadcasts, concurrency, ThrottleBackoff.DEFAULT);
        Routes routes = new Routes(store, poster, broadcaster, connectionTtl, clock);

        HttpServer server;
        try {
            server = HttpServer.create(address, 0);
        } catch (IOException e) {
            broadcasts.shutdown();
            throw e;
        }
        ExecutorService requests = Executors.newFixedThreadPool(REQUEST_THREADS, threads("request"));
        server.setExecutor(requests);
        Drain drain = new Drain();
        server.createContext("/", exchange -> JsonEndpoint.send(exchange,
                Reply.error(404, "no such endpoint: the backend answers " + ENDPOINTS))).getFilters().add(drain);
        endpoint(server, drain, "POST", "/connect", routes::connect);
        endpoint(server, drain, "POST", "/disconnect", routes::disconnect);
        endpoint(server, drain, "POST", "/handle-event", routes::handleEvent);
        endpoint(server, drain, "POST", "/sendmessage", routes::sendMessage);
        endpoint(server, drain, "POST", "/whoami", routes::whoAmI);
        endpoint(server, drain, "GET", "/health", request -> Reply.ok(new Health("ok")));
        server.start();
        return new HttpBackend(server, drain, requests, broadcasts);
    }

    private static void endpoint(HttpServer server, Drain drain, String method, String path,
                                 JsonEndpoint.Handler handler) {
        server.createContext(path, new JsonEndpoint(method, path, MAX_BODY_BYTES, handler)).getFilters().add(drain);
    }

    /** The address it listens on, with the port it got. */
    public InetSocketAddress address() {
        return server.getAddress();
    }

    /**
     * Refuses new requests (503), lets those in progress finish (up to {@link #STOP_GRACE}), then stops the server
     * and ends its threads.
     *
     * @return true when every request in progress had finished, false when the grace period cut some short
     */
    public boolean stop() {
        boolean drained;
        try {
            drained = drain.drain(STOP_GRACE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            drained = false;
        }
        server.stop(0);
        requests.shutdownNow();
        broadcasts.shutdownNow();
        return drained;
    }

    @Override
    public void close() {
        stop();
    }

    private static ThreadFactory threads(String name) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> new Thread(runnable, name + "-" + count.incrementAndGet());
    }
}
