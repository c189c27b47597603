package com.example.wsapi.local.gateway;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageEncoder;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;

import java.util.List;

/**
 * Sends a text message longer than API Gateway's frame limit (32 KB) as a text frame and continuation frames of at
 * most that size, as API Gateway sends what {@code @connections} and integrations give it: a client that caps its
 * frame size (Netty's client takes 64 KB by default) reads them as it would from AWS. Fragments end between UTF-8
 * characters, so each one is valid text on its own for clients that check frame by frame.
 */
final class OutboundFragmenter extends MessageToMessageEncoder<TextWebSocketFrame> {

    private final int maxFrameBytes;

    OutboundFragmenter(int maxFrameBytes) {
        if (maxFrameBytes < 4) {
            throw new IllegalArgumentException("a frame must hold at least one UTF-8 character: " + maxFrameBytes);
        }
        this.maxFrameBytes = maxFrameBytes;
    }

    @Override
    public boolean acceptOutboundMessage(Object msg) {
        // A fragment already (final or not) or a short message passes as it is.
        return msg instanceof TextWebSocketFrame text && text.isFinalFragment()
                && text.content().readableBytes() > maxFrameBytes;
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, TextWebSocketFrame message, List<Object> out) {
        ByteBuf content = message.content();
        boolean first = true;
        while (content.isReadable()) {
            ByteBuf fragment = content.readRetainedSlice(fragmentLength(content));
            boolean last = !content.isReadable();
            out.add(first ? new TextWebSocketFrame(last, 0, fragment) : new ContinuationWebSocketFrame(last, 0, fragment));
            first = false;
        }
    }

    /** Up to the limit, backing off the bytes of a character the limit would cut (UTF-8 continuation bytes 10xxxxxx). */
    private int fragmentLength(ByteBuf content) {
        int readable = content.readableBytes();
        if (readable <= maxFrameBytes) {
            return readable;
        }
        int end = maxFrameBytes;
        while ((content.getByte(content.readerIndex() + end) & 0xC0) == 0x80) {
            end--;
        }
        return end;
    }
}
