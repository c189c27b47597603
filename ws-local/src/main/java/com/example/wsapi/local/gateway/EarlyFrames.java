package com.example.wsapi.local.gateway;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.HttpServerCodec;

/**
 * What a client sends after its upgrade request and before it has read the 101: WebSocket frames (RFC 6455 asks
 * clients to wait, not every one does), never HTTP. From {@link #stopHttpParsing} the HTTP codec parses nothing more
 * (it still writes the answer); the bytes are held while the authorizer and {@code $connect} run, then read as frames
 * once the connection is open, or dropped with a refused handshake. Held past {@code pauseAtBytes}, the socket is not
 * read further until then, so a client cannot fill memory (our choice: what API Gateway does with such frames is
 * unconfirmed). Event loop only.
 */
final class EarlyFrames {

    private final Channel channel;
    private final int pauseAtBytes;
    private ByteBuf held;
    /** Set by {@link #discard}: bytes still read before the socket closes are released at once. */
    private boolean discarded;

    EarlyFrames(Channel channel, int pauseAtBytes) {
        this.channel = channel;
        this.pauseAtBytes = pauseAtBytes;
    }

    /**
     * Stops parsing the channel's bytes as HTTP. Bytes the codec had read past the upgrade request go on down the
     * pipeline at once, as later ones do: the handler behind it must already {@link #hold} them.
     */
    void stopHttpParsing() {
        channel.pipeline().get(HttpServerCodec.class).removeInboundHandler();
    }

    /** Keeps bytes the client sent before the 101; takes over their release. */
    void hold(ByteBuf bytes) {
        if (discarded) {
            bytes.release();
            return;
        }
        try {
            if (held == null) {
                held = channel.alloc().buffer(bytes.readableBytes());
            }
            held.writeBytes(bytes);
        } finally {
            bytes.release();
        }
        if (held.readableBytes() >= pauseAtBytes) {
            channel.config().setAutoRead(false);
        }
    }

    /**
     * Hands the held bytes to the WebSocket decoder the handshake put first in the pipeline (the connection's handlers
     * must be in place), then reads the socket again.
     */
    void replay() {
        ByteBuf bytes = held;
        held = null;
        if (bytes != null) {
            channel.pipeline().fireChannelRead(bytes).fireChannelReadComplete();
        }
        channel.config().setAutoRead(true);
    }

    /** Drops the held bytes: the handshake was refused, or the client left. */
    void discard() {
        discarded = true;
        if (held != null) {
            held.release();
            held = null;
        }
    }
}
