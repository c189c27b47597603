package com.example.wsapi.local.gateway;

import com.example.wsapi.local.gateway.integration.ClientOutcome;
import com.example.wsapi.local.gateway.integration.IntegrationAnswer;
import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ChannelPromise;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.Utf8FrameValidator;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.util.ReferenceCountUtil;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One accepted WebSocket connection: routes its messages, enforces its limits, closes it and runs
 * {@code $disconnect} exactly once. Its state lives on the channel's event loop. It is also the last handler of its
 * channel's pipeline: it sees every frame after the aggregator and every frame written.
 * Nothing is scheduled per connection for the idle timeout and the lifetime: {@link GatewayCore#closeExpiredConnections}
 * checks every connection's times (an idle-state handler and a lifetime timer were 0.4 KB of an idle connection's heap).
 */
final class WebSocketConnection extends ChannelDuplexHandler {

    static final int NORMAL_CLOSURE = 1000;
    static final String DELETED_REASON = "Connection Closed Normally";
    // Idle timeout, lifetime and gateway shutdown: 1001 "Going away" (API Gateway's code here is unconfirmed).
    static final int GOING_AWAY = 1001;
    static final String GOING_AWAY_REASON = "Going away";
    static final int NO_STATUS = 1005;
    static final String NO_STATUS_REASON = "Client-side close frame status not set";
    // A drop without a close frame: 1006 with an explanatory reason (our choice; nothing published confirms it).
    static final int ABNORMAL_CLOSURE = 1006;
    static final String ABNORMAL_REASON = "Connection closed abnormally";
    /** How long a server-initiated close waits for the client's close frame before dropping the socket. */
    static final Duration CLOSE_HANDSHAKE_TIMEOUT = Duration.ofSeconds(2);
    /** The highest close status RFC 6455 defines (4000-4999 are for private use). */
    private static final int MAX_CLOSE_STATUS = 4999;
    /** Netty's message for a close status RFC 6455 section 7.4 does not allow on the wire. */
    private static final Pattern NETTY_BAD_CLOSE_STATUS = Pattern.compile("Invalid close frame \\w* ?code: (\\d+)");

    private enum State { OPEN, CLOSING, CLOSED }

    private final GatewayCore core;
    private final ConnectionInfo info;
    private final Channel channel;
    private final CompletableFuture<Void> finished = new CompletableFuture<>();
    private volatile State state = State.OPEN;
    private volatile long lastActiveAt;
    /** {@link System#nanoTime()} when the connection opened: its lifetime runs from here. */
    private final long openedAtNanos;
    /** {@link System#nanoTime()} of the last frame either way: its idle timeout runs from here. */
    private volatile long lastTrafficNanos;
    private int disconnectStatusCode = -1;
    private String disconnectReason;
    /** The reason came in the client's close frame: client data, kept out of the logs. */
    private boolean reasonFromClient;

    WebSocketConnection(GatewayCore core, ConnectionInfo info, Channel channel) {
        this.core = core;
        this.info = info;
        this.channel = channel;
        this.lastActiveAt = info.connectedAt();
        this.openedAtNanos = System.nanoTime();
        this.lastTrafficNanos = openedAtNanos;
    }

    ConnectionInfo info() {
        return info;
    }

    long lastActiveAt() {
        return lastActiveAt;
    }

    boolean isOpen() {
        return state == State.OPEN;
    }

    /** Completes once the connection is closed and its {@code $disconnect} has finished. */
    CompletableFuture<Void> finished() {
        return finished;
    }

    /**
     * Makes the connection reachable through {@code @connections} and known to {@link Gateway#close()}: called before
     * the 101 is written, since a client may act on it (and a function post to it) at once.
     */
    void register() {
        core.connections.put(info.connectionId(), this);
    }

    /** Undoes {@link #register()} for a handshake that failed before the connection existed. */
    void unregister() {
        state = State.CLOSED;
        core.connections.remove(info.connectionId(), this);
        finished.complete(null);
    }

    /**
     * Adds the WebSocket handlers behind the frame codec the handshaker installed: the UTF-8 check, the aggregator of
     * text messages, the splitter of long outgoing ones, and this connection.
     * Runs on the channel's event loop, in the same task as the handshake, so no frame can arrive before.
     */
    void install(ChannelPipeline pipeline) {
        pipeline.addLast("utf8", new Utf8FrameValidator(false)); // the connection sends the close frame (onException)
        pipeline.addLast("aggregator", new TextMessageAggregator(core.settings.maxMessageBytes(), this));
        pipeline.addLast("fragmenter", new OutboundFragmenter(core.settings.maxFrameBytes()));
        pipeline.addLast("connection", this);
    }

    /** A frame came from the client or goes to it: traffic either way resets the idle timeout (any thread). */
    void trafficSeen() {
        lastTrafficNanos = System.nanoTime();
    }

    /**
     * Closes with 1001, as API Gateway does, when the connection has been idle for {@code idleNanos} or open for
     * {@code lifetimeNanos} at {@code nowNanos} (a {@link System#nanoTime()}); any thread.
     */
    void closeIfExpired(long nowNanos, long idleNanos, long lifetimeNanos) {
        if (state == State.OPEN
                && (nowNanos - lastTrafficNanos >= idleNanos || nowNanos - openedAtNanos >= lifetimeNanos)) {
            closeFromServer(GOING_AWAY, GOING_AWAY_REASON);
        }
    }

    /** Sends {@code data} as a text frame: completes with false when the connection is not open (any thread). */
    CompletableFuture<Boolean> post(String data) {
        CompletableFuture<Boolean> delivered = new CompletableFuture<>();
        Runnable write = () -> {
            // Checked on the event loop: no data frame may follow the close frame.
            if (state != State.OPEN) {
                delivered.complete(false);
                return;
            }
            lastActiveAt = core.clock.millis();
            channel.writeAndFlush(new TextWebSocketFrame(data))
                    .addListener(future -> delivered.complete(future.isSuccess()));
        };
        try {
            channel.eventLoop().execute(write);
        } catch (RejectedExecutionException shutDown) {
            delivered.complete(false);
        }
        return delivered;
    }

    /** Closes from the server side: a close frame with this code, then {@code $disconnect} (any thread). */
    void closeFromServer(int code, String reason) {
        EventLoop loop = channel.eventLoop();
        if (!loop.inEventLoop()) {
            loop.execute(() -> closeFromServer(code, reason));
            return;
        }
        if (state != State.OPEN) {
            return;
        }
        beginClosing(code, reason);
        channel.writeAndFlush(new CloseWebSocketFrame(code, reason)).addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
        // RFC 6455: wait for the client's close frame, but not forever.
        loop.schedule(() -> channel.close(), CLOSE_HANDSHAKE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void beginClosing(int code, String reason) {
        state = State.CLOSING;
        disconnectStatusCode = code;
        disconnectReason = reason == null ? "" : reason;
    }

    private void onText(String body) {
        if (state != State.OPEN) {
            return; // after a close frame, data frames are ignored
        }
        long now = core.clock.millis();
        lastActiveAt = now;
        String requestId = Ids.newId();
        RouteBinding route = core.routeSelector.select(body)
                .filter(key -> !key.equals("$connect") && !key.equals("$disconnect"))
                .map(core::route)
                .orElse(null);
        if (route == null) {
            route = core.route("$default");
        }
        if (route == null) {
            send(ClientOutcome.errorFrame("Forbidden", info.connectionId(), requestId));
            core.log.unrouted(info.connectionId(), requestId);
            return;
        }
        RouteBinding selected = route;
        long startNanos = System.nanoTime();
        // Called at once, not after the previous message's integration: API Gateway does not serialise a connection's
        // messages, so responses may come back in another order.
        core.integration(route)
                .call(IntegrationRequests.message(core, info, route, body, requestId, now, channel.eventLoop()))
                .thenAccept(answer -> {
                    ClientOutcome.Reply reply = ClientOutcome.reply(answer, info.connectionId(), requestId);
                    if (reply.frame() != null) {
                        send(reply.frame());
                    }
                    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
                    if (answer instanceof IntegrationAnswer.Answered) {
                        core.log.message(info.connectionId(), selected, reply.outcome(), millis);
                    } else {
                        core.log.messageFailed(info.connectionId(), requestId, selected, reply.outcome(), millis,
                                answer);
                    }
                });
    }

    private void send(String text) {
        if (state == State.OPEN && channel.isActive()) {
            channel.writeAndFlush(new TextWebSocketFrame(text));
        }
    }

    private void onCloseFrame(CloseWebSocketFrame frame) {
        if (state == State.OPEN) {
            int code = frame.statusCode();
            if (code > MAX_CLOSE_STATUS) {
                // Netty's decoder passes these; RFC 6455 section 7.4.2 defines no status above 4999.
                failConnection(WebSocketCloseStatus.PROTOCOL_ERROR.code(), invalidCloseStatus(code));
                return;
            }
            if (code == -1) {
                beginClosing(NO_STATUS, NO_STATUS_REASON);
            } else {
                beginClosing(code, frame.reasonText());
                reasonFromClient = true;
            }
            // Echo the client's close frame, then close the socket (the server closes TCP first).
            channel.writeAndFlush(frame.retainedDuplicate()).addListener(ChannelFutureListener.CLOSE);
        } else {
            channel.close(); // the client's answer to our close frame
        }
    }

    /** Fails the connection (RFC 6455 section 7.1.7): a close frame with this code, then the socket closes at once. */
    private void failConnection(int code, String reason) {
        if (state != State.OPEN) {
            channel.close(); // a close frame went out already: only the socket is left to close
            return;
        }
        beginClosing(code, reason);
        channel.writeAndFlush(new CloseWebSocketFrame(code, reason)).addListener(ChannelFutureListener.CLOSE);
    }

    private void onException(Throwable cause) {
        if (cause instanceof CorruptedWebSocketFrameException corrupted) {
            // 1009 frame too large, 1007 invalid UTF-8, 1002 protocol error: RFC 6455 7.1.7 fails the connection with a
            // close frame, also for a close frame with a status not allowed on the wire (7.4) or a reason not UTF-8,
            // where Netty's decoder would send none. After the client's own close, only the socket closes.
            WebSocketCloseStatus status = corrupted.closeStatus();
            failConnection(status.code(), closeReason(corrupted, status));
        } else if (cause instanceof TooLongFrameException) {
            closeFromServer(WebSocketCloseStatus.MESSAGE_TOO_BIG.code(), WebSocketCloseStatus.MESSAGE_TOO_BIG.reasonText());
        } else {
            core.log.detail("connectionId=" + info.connectionId() + ": " + cause);
            channel.close();
        }
    }

    /**
     * The reason sent with the close frame failing the connection: Netty's message, except for a close status not
     * allowed on the wire, where it names its own method ("Invalid close frame getStatus code: 1005"): said as for a
     * status above 4999.
     */
    private static String closeReason(CorruptedWebSocketFrameException corrupted, WebSocketCloseStatus status) {
        String message = corrupted.getMessage();
        if (message == null) {
            return status.reasonText();
        }
        Matcher badStatus = NETTY_BAD_CLOSE_STATUS.matcher(message);
        return badStatus.matches() ? invalidCloseStatus(Integer.parseInt(badStatus.group(1))) : message;
    }

    /** The reason of the close frame refusing a close status RFC 6455 does not allow on the wire. */
    private static String invalidCloseStatus(int code) {
        return "Invalid close frame status code: " + code;
    }

    private void onInactive() {
        if (state == State.CLOSED) {
            return;
        }
        if (state == State.OPEN) {
            beginClosing(ABNORMAL_CLOSURE, ABNORMAL_REASON);
        }
        state = State.CLOSED;
        String loggedReason = reasonFromClient && !disconnectReason.isEmpty()
                ? "<the client's, " + disconnectReason.length() + " characters>" : disconnectReason;
        runDisconnect(core, info, disconnectStatusCode, disconnectReason, loggedReason, channel.eventLoop())
                .whenComplete((ignored, failure) -> {
                    core.connections.remove(info.connectionId(), this);
                    finished.complete(null);
                });
    }

    /**
     * Runs {@code $disconnect} (when the API has one) and logs the connection's end; completes when it is done.
     * Failures are logged only: {@code $disconnect} is best effort.
     */
    static CompletableFuture<Void> runDisconnect(GatewayCore core, ConnectionInfo info, int statusCode, String reason,
                                                 EventLoop loop) {
        return runDisconnect(core, info, statusCode, reason, reason, loop);
    }

    /** As above; {@code loggedReason} stands for the reason in the log (a client's own words are not logged). */
    static CompletableFuture<Void> runDisconnect(GatewayCore core, ConnectionInfo info, int statusCode, String reason,
                                                 String loggedReason, EventLoop loop) {
        long connectedFor = core.clock.millis() - info.connectedAt();
        RouteBinding route = core.route("$disconnect");
        if (route == null) {
            core.log.disconnected(info.connectionId(), statusCode, loggedReason, connectedFor);
            return CompletableFuture.completedFuture(null);
        }
        long startNanos = System.nanoTime();
        return core.integration(route).call(IntegrationRequests.disconnect(core, info, statusCode, reason, loop))
                .thenAccept(answer -> core.log.disconnected(info.connectionId(), statusCode, loggedReason,
                        connectedFor, route, answer instanceof IntegrationAnswer.Answered ? null : answer.detail(),
                        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos)));
    }

    /**
     * Whole text messages from the aggregator and, as they come, control frames and binary frames (which the
     * aggregator passes on unaggregated).
     */
    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof PingWebSocketFrame ping) {
            lastActiveAt = core.clock.millis();
            // Pings are answered and count as traffic, for the idle timeout and lastActiveAt (unconfirmed: whether
            // API Gateway counts them); it sends no pings of its own. The pong takes the ping's content, and with it
            // the release.
            ctx.writeAndFlush(new PongWebSocketFrame(ping.content()));
            return;
        }
        try {
            if (msg instanceof TextWebSocketFrame text) {
                onText(text.text());
            } else if (msg instanceof PongWebSocketFrame) {
                lastActiveAt = core.clock.millis();
            } else if (msg instanceof CloseWebSocketFrame close) {
                onCloseFrame(close);
            } else if (msg instanceof BinaryWebSocketFrame) {
                WebSocketCloseStatus status = WebSocketCloseStatus.INVALID_MESSAGE_TYPE;
                closeFromServer(status.code(), status.reasonText());
            } else if (msg instanceof WebSocketFrame) {
                // A continuation frame after a binary start frame: the connection is already closing.
                return;
            } else {
                core.log.detail("connectionId=" + info.connectionId() + ": unexpected " + msg.getClass().getName());
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    /** Every frame written to the client passes here (posts, route responses, close frames): that is traffic too. */
    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        trafficSeen();
        ctx.write(msg, promise);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        onException(cause);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        onInactive();
    }
}
