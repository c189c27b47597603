package com.example.wsapi.bench;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.TimeUnit;

/**
 * The floor of the WebSocket benchmarks: a bare Netty WebSocket server on the gateway's library and thread count, with
 * no gateway, Lambda or DynamoDB behind it. It echoes every text frame, except that a frame starting with
 * {@value #BROADCAST} goes to every connection.
 */
final class BareServer implements AutoCloseable {

    static final String BROADCAST = "broadcast:";

    private final EventLoopGroup group;
    private final Channel server;
    private final ChannelGroup channels = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);

    BareServer() throws InterruptedException {
        // The gateway's group: 0 threads means Netty's default, twice the cores.
        group = new MultiThreadIoEventLoopGroup(0, new DefaultThreadFactory("bare-server", true),
                NioIoHandler.newFactory());
        server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        channels.add(channel);
                        channel.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(65536),
                                new WebSocketServerProtocolHandler("/dev"),
                                new SimpleChannelInboundHandler<TextWebSocketFrame>() {
                                    @Override
                                    protected void channelRead0(ChannelHandlerContext ctx, TextWebSocketFrame frame) {
                                        String text = frame.text();
                                        if (text.startsWith(BROADCAST)) {
                                            channels.writeAndFlush(new TextWebSocketFrame(text));
                                        } else {
                                            ctx.writeAndFlush(new TextWebSocketFrame(text));
                                        }
                                    }
                                });
                    }
                })
                .bind(InetAddress.getLoopbackAddress(), 0).sync().channel();
    }

    /** A floor in a process of its own (the memory benchmark measures its RSS): runs until standard input closes. */
    public static void main(String[] args) throws Exception {
        try (BareServer server = new BareServer()) {
            System.out.println("READY " + server.url());
            System.out.flush();
            while (System.in.read() >= 0) {
                // Runs until the benchmark closes our standard input or exits.
            }
        }
    }

    URI url() {
        return URI.create("ws://127.0.0.1:" + ((InetSocketAddress) server.localAddress()).getPort() + "/dev");
    }

    @Override
    public void close() {
        server.close().syncUninterruptibly();
        channels.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(10, TimeUnit.SECONDS);
    }
}
