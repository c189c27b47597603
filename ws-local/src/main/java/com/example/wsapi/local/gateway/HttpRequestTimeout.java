package com.example.wsapi.local.gateway;

import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.LastHttpContent;

import java.time.Duration;

/**
 * Closes a connection still speaking HTTP (not upgraded) that has had no whole request to serve for {@link #TIMEOUT}:
 * since it opened (a port scanner, a client that never sends or never finishes its handshake, a slowloris trickling
 * bytes: bytes alone do not count) or since its last response (an idle keep-alive connection). While a request is
 * served (an upgrade waiting for the authorizer and {@code $connect}, an {@code @connections} call) it is never cut.
 * It sits behind the request aggregator, so it sees whole requests only; it leaves the pipeline at the upgrade, where
 * the connection's idle timeout takes over. Nothing is scheduled per connection:
 * {@link GatewayCore#closeExpiredConnections} checks every one.
 */
final class HttpRequestTimeout extends ChannelDuplexHandler {

    // ws-local's own value (API Gateway documents none): ample for a request on loopback or a LAN, and longer than
    // HttpURLConnection (the SDK's url-connection-client) keeps an idle connection (5 s), so keep-alive clients let go first.
    static final Duration TIMEOUT = Duration.ofSeconds(10);

    /** {@link #waitingSinceMillis} while a request is being served. */
    private static final long SERVING = Long.MAX_VALUE;

    private final GatewayCore core;
    private Channel channel;
    /** Requests received and not yet answered; event loop only. */
    private int unanswered;
    /** The clock's millis since when the connection has waited for a whole request, or {@link #SERVING}. */
    private volatile long waitingSinceMillis;

    HttpRequestTimeout(GatewayCore core) {
        this.core = core;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        channel = ctx.channel();
        waitingSinceMillis = core.clock.millis();
        core.httpConnections.add(this);
    }

    /** At the upgrade, and when the channel closes. */
    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        core.httpConnections.remove(this);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof HttpRequest) {
            unanswered++;
            waitingSinceMillis = SERVING;
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        boolean interim = msg instanceof HttpResponse response
                && response.status().codeClass() == HttpStatusClass.INFORMATIONAL; // 100 Continue, 101
        if (!interim && msg instanceof LastHttpContent && unanswered > 0 && --unanswered == 0) {
            waitingSinceMillis = core.clock.millis();
        }
        ctx.write(msg, promise);
    }

    /** Closes the connection when it has waited {@link #TIMEOUT} for a whole request at {@code nowMillis}; any thread. */
    void closeIfExpired(long nowMillis) {
        long since = waitingSinceMillis;
        if (since != SERVING && nowMillis - since >= TIMEOUT.toMillis() && channel.isActive()) {
            core.log.detail("closed an HTTP connection that sent no whole request for " + TIMEOUT.toSeconds()
                    + " s (no WebSocket handshake, or an idle keep-alive connection)");
            channel.close();
        }
    }
}
