package com.example.wsapi.local.gateway;

import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OutboundFragmenterTest {

    private static List<WebSocketFrame> written(EmbeddedChannel channel) {
        List<WebSocketFrame> frames = new ArrayList<>();
        for (Object frame; (frame = channel.readOutbound()) != null; ) {
            frames.add((WebSocketFrame) frame);
        }
        return frames;
    }

    @Test
    void longMessage_isCutBeforeTheCharacterTheLimitWouldSplit_intoATextFrameAndContinuations() {
        EmbeddedChannel channel = new EmbeddedChannel(new OutboundFragmenter(6));
        String text = "ab\uD83D\uDE00cdefg\u20ACh"; // a, b, a four-byte emoji, c..g, a three-byte euro sign, h

        channel.writeOutbound(new TextWebSocketFrame(text));

        List<WebSocketFrame> frames = written(channel);
        List<String> parts = frames.stream().map(f -> f.content().toString(StandardCharsets.UTF_8)).toList();
        assertEquals(List.of("ab\uD83D\uDE00", "cdefg", "\u20ACh"), parts);
        assertInstanceOf(TextWebSocketFrame.class, frames.get(0));
        assertInstanceOf(ContinuationWebSocketFrame.class, frames.get(1));
        assertInstanceOf(ContinuationWebSocketFrame.class, frames.get(2));
        assertEquals(List.of(false, false, true), frames.stream().map(WebSocketFrame::isFinalFragment).toList());
        frames.forEach(WebSocketFrame::release);
        assertFalse(channel.finish());
    }

    @Test
    void messageOfExactlyTheLimit_passesAsItIs() {
        EmbeddedChannel channel = new EmbeddedChannel(new OutboundFragmenter(6));
        TextWebSocketFrame atLimit = new TextWebSocketFrame("abcdef");

        channel.writeOutbound(atLimit);

        List<WebSocketFrame> frames = written(channel);
        assertEquals(1, frames.size());
        assertSame(atLimit, frames.get(0));
        assertTrue(atLimit.isFinalFragment());
        atLimit.release();
    }

    @Test
    void aFragmentAlready_isNotCutAgain() {
        EmbeddedChannel channel = new EmbeddedChannel(new OutboundFragmenter(6));
        TextWebSocketFrame first = new TextWebSocketFrame(false, 0, "abcdefghij");

        channel.writeOutbound(first);

        assertEquals(List.of(first), written(channel));
        first.release();
    }
}
