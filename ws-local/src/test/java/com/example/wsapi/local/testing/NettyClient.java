package com.example.wsapi.local.testing;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakerFactory;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;
import io.netty.util.concurrent.DefaultThreadFactory;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Netty's WebSocket client, for what the JDK client cannot send: invalid UTF-8, close frames without a status,
 * a handshake without User-Agent.
 */
public final class NettyClient implements AutoCloseable {

    private static final EventLoopGroup GROUP = new MultiThreadIoEventLoopGroup(1,
            new DefaultThreadFactory("test-netty-client", true), NioIoHandler.newFactory());

    /** What the server sent: text, or a close frame's code (-1 when it had none) and reason. */
    public record Received(String text, Integer closeCode, String closeReason) {}

    private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
    private final List<Integer> textFrameBytes = new CopyOnWriteArrayList<>();
    private final StringBuilder fragments = new StringBuilder(); // a fragmented message so far (event loop only)
    private final CompletableFuture<Void> handshake = new CompletableFuture<>();
    private final Channel channel;
    private volatile boolean sentClose;

    private NettyClient(URI uri, HttpHeaders headers) throws InterruptedException {
        WebSocketClientHandshaker handshaker = WebSocketClientHandshakerFactory.newHandshaker(uri, WebSocketVersion.V13,
                null, false, headers, 1024 * 1024, true, false, 1000, false, false);
        channel = new Bootstrap().group(GROUP).channel(NioSocketChannel.class)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(1024 * 1024),
                                new SimpleChannelInboundHandler<Object>() {
                                    @Override
                                    public void channelActive(ChannelHandlerContext ctx) {
                                        handshaker.handshake(ctx.channel());
                                    }

                                    @Override
                                    protected void channelRead0(ChannelHandlerContext ctx, Object msg) {
                                        if (!handshaker.isHandshakeComplete()) {
                                            try {
                                                handshaker.finishHandshake(ctx.channel(), (FullHttpResponse) msg);
                                                handshake.complete(null);
                                            } catch (RuntimeException e) {
                                                handshake.completeExceptionally(e);
                                            }
                                        } else if (msg instanceof TextWebSocketFrame
                                                || msg instanceof ContinuationWebSocketFrame) {
                                            // No aggregator: each frame is seen, and fragments joined here.
                                            WebSocketFrame frame = (WebSocketFrame) msg;
                                            textFrameBytes.add(frame.content().readableBytes());
                                            fragments.append(frame.content().toString(StandardCharsets.UTF_8));
                                            if (frame.isFinalFragment()) {
                                                received.add(new Received(fragments.toString(), null, null));
                                                fragments.setLength(0);
                                            }
                                        } else if (msg instanceof CloseWebSocketFrame close) {
                                            received.add(new Received(null, close.statusCode(), close.reasonText()));
                                            if (!sentClose) {
                                                // Like a real client: answer the server's close frame.
                                                sentClose = true;
                                                ctx.writeAndFlush(new CloseWebSocketFrame(close.statusCode(), ""));
                                            }
                                        }
                                    }
                                });
                    }
                })
                .connect(uri.getHost(), uri.getPort()).sync().channel();
    }

    public static NettyClient connect(URI uri) {
        return connect(uri, new DefaultHttpHeaders());
    }

    public static NettyClient connect(URI uri, HttpHeaders headers) {
        try {
            NettyClient client = new NettyClient(uri, headers);
            client.handshake.get(5, TimeUnit.SECONDS);
            return client;
        } catch (Exception e) {
            return fail("the Netty client could not connect to " + uri, e);
        }
    }

    public void send(WebSocketFrame frame) {
        if (frame instanceof CloseWebSocketFrame) {
            sentClose = true;
        }
        channel.writeAndFlush(frame).syncUninterruptibly();
    }

    /** The next text message from the server, failing the test after {@code wait}. */
    public String nextText(java.time.Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        try {
            while (System.nanoTime() < deadline) {
                Received next = received.poll(100, TimeUnit.MILLISECONDS);
                if (next != null && next.text() != null) {
                    return next.text();
                }
                if (next != null) {
                    return fail("a close frame " + next.closeCode() + " came instead of a text message");
                }
            }
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
        return fail("no text message within " + wait);
    }

    /** The next close frame from the server (text frames before it are skipped). */
    public Received awaitCloseFrame() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        try {
            while (System.nanoTime() < deadline) {
                Received next = received.poll(100, TimeUnit.MILLISECONDS);
                if (next != null && next.closeCode() != null) {
                    return next;
                }
            }
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
        return fail("no close frame within 5 s");
    }

    /** Waits until the server has closed the TCP connection. */
    public boolean awaitSocketClosed() {
        return channel.closeFuture().awaitUninterruptibly(5, TimeUnit.SECONDS);
    }

    /** The payload size of every text and continuation frame received so far, in order. */
    public List<Integer> textFrameBytes() {
        return List.copyOf(textFrameBytes);
    }

    /** Drops the TCP connection without a close frame. */
    @Override
    public void close() {
        channel.close().syncUninterruptibly();
    }
}
