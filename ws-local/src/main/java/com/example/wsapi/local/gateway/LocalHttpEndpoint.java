package com.example.wsapi.local.gateway;

import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;

import java.util.List;
import java.util.regex.Pattern;

/**
 * An HTTP endpoint of ws-local's own, not API Gateway's (the chat page, the local sign-in issuer), served on the
 * gateway's port under a first path segment starting with {@code @}: no stage name can contain {@code @}, so the
 * stage's paths keep API Gateway's behaviour exactly.
 */
public interface LocalHttpEndpoint {

    /** What {@link #segment()} must look like; {@code @connections} is API Gateway's own and never one of these. */
    Pattern SEGMENT = Pattern.compile("@(?!connections$)[a-z][a-z0-9-]*");

    /** The first path segment served, e.g. {@code @chat}. */
    String segment();

    /**
     * Answers one request whose first path segment is {@link #segment()}. Runs on the gateway's event loop: answer
     * from memory, never block.
     *
     * @param rest the path's further segments, percent-decoded (empty for {@code /@chat}; {@code [""]} for
     *             {@code /@chat/})
     */
    FullHttpResponse handle(FullHttpRequest request, List<String> rest);
}
