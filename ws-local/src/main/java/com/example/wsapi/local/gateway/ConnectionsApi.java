package com.example.wsapi.local.gateway;

import com.google.gson.JsonObject;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpUtil;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * The {@code @connections} management API: PostToConnection, GetConnection, DeleteConnection.
 * SigV4 signatures are not verified (requests with or without {@code Authorization} are accepted): locally there are
 * no credentials to check them against. A request API Gateway would refuse for its signing (unsigned, or signed for
 * another service or region) is warned of ({@link ConnectionsSigning}).
 */
final class ConnectionsApi {

    private final GatewayCore core;

    ConnectionsApi(GatewayCore core) {
        this.core = core;
    }

    /** An error as the AWS SDKs read it: {@code x-amzn-ErrorType} and {@code {"message": ...}}. */
    static FullHttpResponse error(int status, String errorType, String message) {
        FullHttpResponse response = HttpResponses.json(status, HttpResponses.message(message));
        response.headers().set("x-amzn-ErrorType", errorType);
        response.headers().set("x-amzn-RequestId", UUID.randomUUID().toString());
        return response;
    }

    /** Serves one request whose path named {@code @connections}; {@code connectionId} is decoded, or null. */
    void handle(ChannelHandlerContext ctx, FullHttpRequest request, String connectionId) {
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        HttpMethod method = request.method();
        if (connectionId == null || connectionId.isEmpty()) {
            // The connection URL that consoles and ws-local's banner show, given as an SDK's endpoint, ends up here.
            HttpResponses.send(ctx, error(403, "ForbiddenException", "No resource at this path: use POST, GET or "
                    + "DELETE on /" + core.settings.stage() + "/@connections/{connectionId} (the endpoint of the AWS "
                    + "CLI and SDKs is http://<host>:<port>/" + core.settings.stage() + ", without @connections)"),
                    keepAlive);
            return;
        }
        if (!(HttpMethod.POST.equals(method) || HttpMethod.GET.equals(method) || HttpMethod.DELETE.equals(method))) {
            // Our choice: API Gateway answers unsupported methods with 403, as for unknown resources.
            HttpResponses.send(ctx, error(403, "ForbiddenException", "Method " + method
                    + " is not supported on @connections/{connectionId}: use POST, GET or DELETE"), keepAlive);
            return;
        }
        core.connectionsSigning.check(request); // of the requests served, which AWS would not serve unsigned
        WebSocketConnection connection = core.connections.get(connectionId);
        if (connection == null || !connection.isOpen()) {
            core.log.detail("@connections " + method + " connectionId=" + connectionId
                    + " status=410 (not connected)");
            HttpResponses.send(ctx, gone(connectionId), keepAlive);
            return;
        }
        if (HttpMethod.POST.equals(method)) {
            post(ctx, request, connection, keepAlive);
        } else if (HttpMethod.GET.equals(method)) {
            HttpResponses.send(ctx, ok(HttpResponses.json(200, describe(connection))), keepAlive);
        } else {
            connection.closeFromServer(WebSocketConnection.NORMAL_CLOSURE, WebSocketConnection.DELETED_REASON);
            core.log.detail("@connections DELETE connectionId=" + connectionId + " status=204");
            HttpResponses.send(ctx, ok(HttpResponses.empty(204)), keepAlive);
        }
    }

    private void post(ChannelHandlerContext ctx, FullHttpRequest request, WebSocketConnection connection,
                      boolean keepAlive) {
        ByteBuf content = request.content();
        int maxBytes = core.settings.maxMessageBytes();
        if (content.readableBytes() > maxBytes) {
            HttpResponses.send(ctx, error(413, "PayloadTooLargeException",
                    "The data is larger than " + maxBytes + " bytes, the most PostToConnection accepts"), keepAlive);
            return;
        }
        String data;
        try {
            data = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes(content)))
                    .toString();
        } catch (CharacterCodingException e) {
            // Our choice: the data goes out as a text frame, which must be UTF-8; say so rather than corrupt it.
            HttpResponses.send(ctx, error(400, "BadRequestException",
                    "The data is not UTF-8 text: the local gateway sends it as a text frame"), keepAlive);
            return;
        }
        String connectionId = connection.info().connectionId();
        int byteCount = content.readableBytes();
        // Accepted: API Gateway answers once it has the message, not once the client has it. The frame goes out on
        // the connection's event loop, after every post accepted before it; waiting for it there and answering from
        // here again cost two thread hand-offs on every post's path.
        connection.post(data).whenComplete((delivered, failure) -> {
            if (failure != null || !Boolean.TRUE.equals(delivered)) {
                core.log.detail("@connections POST connectionId=" + connectionId + " bytes=" + byteCount
                        + " not delivered: the connection closed meanwhile");
            }
        });
        core.log.detail("@connections POST connectionId=" + connectionId + " bytes=" + byteCount + " status=200");
        HttpResponses.send(ctx, ok(HttpResponses.empty(200)), keepAlive);
    }

    private static byte[] bytes(ByteBuf content) {
        byte[] bytes = new byte[content.readableBytes()];
        content.getBytes(content.readerIndex(), bytes);
        return bytes;
    }

    private static String describe(WebSocketConnection connection) {
        ConnectionInfo info = connection.info();
        JsonObject body = new JsonObject();
        body.addProperty("connectedAt", Ids.isoTime(info.connectedAt()));
        JsonObject identity = new JsonObject();
        identity.addProperty("sourceIp", info.sourceIp());
        if (info.userAgent() != null) {
            identity.addProperty("userAgent", info.userAgent());
        }
        body.add("identity", identity);
        body.addProperty("lastActiveAt", Ids.isoTime(connection.lastActiveAt()));
        return body.toString();
    }

    private static FullHttpResponse ok(FullHttpResponse response) {
        response.headers().set("x-amzn-RequestId", UUID.randomUUID().toString());
        return response;
    }

    private static FullHttpResponse gone(String connectionId) {
        return error(410, "GoneException", "Connection " + connectionId + " is not connected");
    }
}
