package com.example.wsapi.local.lambda;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.nio.charset.StandardCharsets;

/**
 * The Lambda Runtime API (2018-06-01) for one function instance: its process is the only client of this endpoint, so
 * every request belongs to that instance. Never blocks: {@code /next} is parked until the pool hands out an event.
 */
final class RuntimeApiHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

    static final String NEXT = "/2018-06-01/runtime/invocation/next";
    static final String INIT_ERROR = "/2018-06-01/runtime/init/error";
    static final String INVOCATION = "/2018-06-01/runtime/invocation/";
    /** SnapStart: after the init and the checkpoint hooks, the runtime waits here to be restored. */
    static final String RESTORE_NEXT = "/2018-06-01/runtime/restore/next";
    static final String RESTORE_ERROR = "/2018-06-01/runtime/restore/error";
    static final String FUNCTION_ERROR_TYPE = "Lambda-Runtime-Function-Error-Type";

    private final FunctionPool pool;
    private final FunctionInstance instance;

    RuntimeApiHandler(FunctionPool pool, FunctionInstance instance) {
        this.pool = pool;
        this.instance = instance;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        if (!request.decoderResult().isSuccess()) {
            reply(ctx, false, ApiReply.error(HttpResponseStatus.BAD_REQUEST, "InvalidRequest",
                    "Malformed HTTP request"), null);
            return;
        }
        String path = new QueryStringDecoder(request.uri()).path();
        HttpMethod method = request.method();
        if (path.equals(NEXT)) {
            if (!method.equals(HttpMethod.GET)) {
                reply(ctx, keepAlive, methodNotAllowed(method, path), null);
                return;
            }
            pool.next(instance, new PendingPoll(ctx, keepAlive));
        } else if (path.equals(INIT_ERROR)) {
            if (!method.equals(HttpMethod.POST)) {
                reply(ctx, keepAlive, methodNotAllowed(method, path), null);
                return;
            }
            ApiReply answer = pool.initError(instance, request.headers().get(FUNCTION_ERROR_TYPE), body(request));
            boolean accepted = answer.status().equals(HttpResponseStatus.ACCEPTED);
            reply(ctx, keepAlive, answer, accepted ? () -> pool.initErrorAcknowledged(instance) : null);
        } else if (path.equals(RESTORE_NEXT)) {
            if (!method.equals(HttpMethod.GET)) {
                reply(ctx, keepAlive, methodNotAllowed(method, path), null);
                return;
            }
            reply(ctx, keepAlive, pool.restoreNext(instance), null);
        } else if (path.equals(RESTORE_ERROR)) {
            if (!method.equals(HttpMethod.POST)) {
                reply(ctx, keepAlive, methodNotAllowed(method, path), null);
                return;
            }
            ApiReply answer = pool.restoreError(instance, request.headers().get(FUNCTION_ERROR_TYPE), body(request));
            boolean accepted = answer.status().equals(HttpResponseStatus.ACCEPTED);
            reply(ctx, keepAlive, answer, accepted ? () -> pool.initErrorAcknowledged(instance) : null);
        } else if (path.startsWith(INVOCATION) && path.indexOf('/', INVOCATION.length()) > INVOCATION.length()) {
            String rest = path.substring(INVOCATION.length());
            int slash = rest.indexOf('/');
            String requestId = rest.substring(0, slash);
            String action = rest.substring(slash + 1);
            if (!method.equals(HttpMethod.POST) || !(action.equals("response") || action.equals("error"))) {
                reply(ctx, keepAlive, notFound(method, path), null);
                return;
            }
            ApiReply answer = action.equals("response")
                    ? pool.response(instance, requestId, body(request))
                    : pool.error(instance, requestId, request.headers().get(FUNCTION_ERROR_TYPE), body(request));
            reply(ctx, keepAlive, answer, null);
        } else {
            reply(ctx, keepAlive, notFound(method, path), null);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        pool.connectionClosed(instance, ctx);
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // A runtime that resets its connection mid-request: nothing to answer; the process watcher handles exits.
        ctx.close();
    }

    private static byte[] body(FullHttpRequest request) {
        return ByteBufUtil.getBytes(request.content());
    }

    private static ApiReply notFound(HttpMethod method, String path) {
        return ApiReply.error(HttpResponseStatus.NOT_FOUND, "InvalidRequest",
                "The Runtime API has no " + method + " " + path);
    }

    private static ApiReply methodNotAllowed(HttpMethod method, String path) {
        return ApiReply.error(HttpResponseStatus.METHOD_NOT_ALLOWED, "InvalidRequest",
                path + " does not accept " + method);
    }

    /** Sends a JSON reply; {@code afterSent}, if any, runs once it is flushed (it must not block: event loop). */
    static void reply(ChannelHandlerContext ctx, boolean keepAlive, ApiReply answer, Runnable afterSent) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, answer.status(),
                Unpooled.copiedBuffer(answer.json(), StandardCharsets.UTF_8));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON);
        response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, response.content().readableBytes());
        send(ctx, keepAlive, response).addListener(future -> {
            if (afterSent != null) {
                afterSent.run();
            }
        });
    }

    static ChannelFuture send(ChannelHandlerContext ctx, boolean keepAlive, FullHttpResponse response) {
        HttpUtil.setKeepAlive(response, keepAlive);
        ChannelFuture sent = ctx.writeAndFlush(response);
        if (!keepAlive) {
            sent.addListener(ChannelFutureListener.CLOSE);
        }
        return sent;
    }
}
