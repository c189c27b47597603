package com.example.wsapi.bench;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakeException;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakerFactory;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.URI;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Netty WebSocket clients on one small event loop group: cheap enough to hold 10,000 idle sockets in the bench JVM.
 */
final class WsClients implements AutoCloseable {

    /** One connected client. */
    static final class Client {
        final Channel channel;
        volatile Consumer<String> onText;

        Client(Channel channel, Consumer<String> onText) {
            this.channel = channel;
            this.onText = onText;
        }

        void send(String text) {
            channel.writeAndFlush(new TextWebSocketFrame(text));
        }

        /** Drops the TCP connection (no close frame: the server sees an abnormal closure). */
        void abort() {
            channel.close();
        }
    }

    /** A handshake the server refused; {@code status} is its HTTP status, or -1 when the connection failed. */
    static final class Refused extends RuntimeException {
        final int status;

        Refused(int status, String message) {
            super(message, null, false, false);
            this.status = status;
        }
    }

    private final EventLoopGroup group;

    WsClients(int threads) {
        group = new MultiThreadIoEventLoopGroup(threads, new DefaultThreadFactory("bench-client", true),
                NioIoHandler.newFactory());
    }

    /** Connects; completes with the client once the 101 arrives, or exceptionally with {@link Refused}. */
    CompletableFuture<Client> connect(URI uri, Consumer<String> onText) {
        CompletableFuture<Client> connected = new CompletableFuture<>();
        WebSocketClientHandshaker handshaker = WebSocketClientHandshakerFactory.newHandshaker(uri,
                WebSocketVersion.V13, null, false, EmptyHttpHeaders.INSTANCE, 256 * 1024);
        Client[] client = new Client[1];
        new Bootstrap().group(group).channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 30_000)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        client[0] = new Client(channel, onText);
                        channel.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(8192),
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
                                                connected.complete(client[0]);
                                            } catch (WebSocketClientHandshakeException e) {
                                                int status = e.response() == null ? -1 : e.response().status().code();
                                                connected.completeExceptionally(new Refused(status, e.getMessage()));
                                                ctx.close();
                                            }
                                        } else if (msg instanceof TextWebSocketFrame text) {
                                            client[0].onText.accept(text.text());
                                        } else if (msg instanceof CloseWebSocketFrame) {
                                            ctx.close();
                                        }
                                    }

                                    @Override
                                    public void channelInactive(ChannelHandlerContext ctx) {
                                        connected.completeExceptionally(new Refused(-1, "connection closed"));
                                    }

                                    @Override
                                    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                                        connected.completeExceptionally(new Refused(-1, cause.toString()));
                                        ctx.close();
                                    }
                                });
                    }
                })
                .connect(uri.getHost(), uri.getPort())
                .addListener(f -> {
                    if (!f.isSuccess()) {
                        connected.completeExceptionally(new Refused(-1, f.cause().toString()));
                    }
                });
        return connected;
    }

    @Override
    public void close() {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(10, TimeUnit.SECONDS);
    }
}
