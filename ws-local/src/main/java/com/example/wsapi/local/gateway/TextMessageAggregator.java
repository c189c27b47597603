package com.example.wsapi.local.gateway;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;

/**
 * Joins the fragments of a text message (up to the message size limit) for its {@link WebSocketConnection}, and tells
 * it of every frame the client sends, fragments and control frames included, since each is traffic for the idle
 * timeout. Binary frames pass on unaggregated: the connection refuses them at their first frame.
 */
final class TextMessageAggregator extends WebSocketFrameAggregator {

    private final WebSocketConnection connection;

    TextMessageAggregator(int maxMessageBytes, WebSocketConnection connection) {
        super(maxMessageBytes);
        this.connection = connection;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        connection.trafficSeen();
        super.channelRead(ctx, msg);
    }

    @Override
    protected boolean isStartMessage(WebSocketFrame msg) {
        return msg instanceof TextWebSocketFrame;
    }
}
