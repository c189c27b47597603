package com.example.wsapi.local.lambda;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;

/** A runtime's {@code GET /invocation/next} waiting for an event (the long poll). */
record PendingPoll(ChannelHandlerContext ctx, boolean keepAlive) {

    /** Answers the poll with an event; the returned future fails when the runtime's connection is gone. */
    ChannelFuture deliver(Invocation invocation, long deadlineEpochMillis, String functionArn, String traceId) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
                Unpooled.copiedBuffer(invocation.eventJson, StandardCharsets.UTF_8));
        HttpHeaders headers = response.headers();
        // The RIC's native client crashes (SIGSEGV) on a /next response without Content-Type.
        headers.set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON);
        headers.setInt(HttpHeaderNames.CONTENT_LENGTH, response.content().readableBytes());
        headers.set("Lambda-Runtime-Aws-Request-Id", invocation.requestId);
        headers.set("Lambda-Runtime-Deadline-Ms", Long.toString(deadlineEpochMillis));
        headers.set("Lambda-Runtime-Invoked-Function-Arn", functionArn);
        headers.set("Lambda-Runtime-Trace-Id", traceId);
        return RuntimeApiHandler.send(ctx, keepAlive, response);
    }

    void close() {
        ctx.close();
    }
}
