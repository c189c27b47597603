package com.example.wsapi.local.gateway;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpMessage;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpUtil;

/**
 * Aggregates HTTP requests up to PostToConnection's limit and answers larger ones like API Gateway: 413 with
 * {@code x-amzn-ErrorType: PayloadTooLargeException}. A request without a body gets no
 * {@code Content-Length}.
 */
final class RequestBodyAggregator extends HttpObjectAggregator {

    RequestBodyAggregator(int maxContentLength) {
        super(maxContentLength);
    }

    @Override
    protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) throws Exception {
        if (!(oversized instanceof HttpRequest)) {
            super.handleOversizedMessage(ctx, oversized);
            return;
        }
        // As Netty's own 413: keep the connection (the aggregator skips the rest of the body) unless it can't be reused.
        boolean keepAlive = !(oversized instanceof FullHttpMessage)
                && (HttpUtil.is100ContinueExpected(oversized) || HttpUtil.isKeepAlive(oversized));
        HttpResponses.send(ctx, ConnectionsApi.error(413, "PayloadTooLargeException",
                "The data is larger than " + maxContentLength() + " bytes, the most PostToConnection accepts"),
                keepAlive);
    }

    /**
     * Netty's aggregator sets a missing {@code Content-Length}, {@code 0} on a handshake without a body; the
     * handshake's headers reach the CONNECT and authorizer events as the client sent them, so a request without a body
     * gets none.
     */
    @Override
    protected void finishAggregation(FullHttpMessage aggregated) throws Exception {
        if (aggregated.content().isReadable()) {
            super.finishAggregation(aggregated);
        }
    }
}
