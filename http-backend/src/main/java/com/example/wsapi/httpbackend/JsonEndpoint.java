package com.example.wsapi.httpbackend;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One endpoint on the JDK's HTTP server: its exact path and method, a body of at most {@code maxBodyBytes} of UTF-8,
 * a JSON reply. Every request that fails those checks gets its 4xx with {@code {"message": ...}} before the endpoint
 * runs; the endpoint's own refusals ({@link BadRequestException}) are answered the same way.
 */
final class JsonEndpoint implements HttpHandler {

    /** What an endpoint does with a request that passed the checks. */
    @FunctionalInterface
    interface Handler {
        Reply handle(Request request);
    }

    /** A request that passed the checks: its headers (names case-insensitive) and its body as text. */
    record Request(Headers headers, String body) {
        /** The header's first value, or null. */
        String header(String name) {
            return headers.getFirst(name);
        }
    }

    /** How much of a too large body is read (and dropped) so that its sender gets the 413. */
    static final long DISCARD_LIMIT = 16L * 1024 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger("http-backend");

    private final String method;
    private final String path;
    private final int maxBodyBytes;
    private final Handler handler;

    JsonEndpoint(String method, String path, int maxBodyBytes, Handler handler) {
        this.method = method;
        this.path = path;
        this.maxBodyBytes = maxBodyBytes;
        this.handler = handler;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        Reply reply;
        try {
            reply = handler.handle(read(exchange));
        } catch (BadRequestException e) {
            LOG.info("{} {}: {} {}", exchange.getRequestMethod(), path, e.status(), e.getMessage());
            reply = Reply.error(e.status(), e.getMessage());
        } catch (IOException e) {
            exchange.close(); // the caller went away while sending: nobody to answer
            return;
        } catch (RuntimeException e) {
            LOG.error("{} {} failed", method, path, e);
            reply = Reply.error(500, "the backend failed (" + e.getClass().getSimpleName() + "): see its log");
        }
        send(exchange, reply);
    }

    private Request read(HttpExchange exchange) throws IOException {
        if (!exchange.getRequestURI().getPath().equals(path)) {
            // The JDK server hands this context every path that starts with it (/connectx, /connect/).
            throw new BadRequestException(404, "no such endpoint");
        }
        if (!exchange.getRequestMethod().equals(method)) {
            exchange.getResponseHeaders().set("Allow", method);
            throw new BadRequestException(405, path + " answers " + method + " only");
        }
        if (declaredLength(exchange) > maxBodyBytes) {
            throw tooLarge(exchange);
        }
        byte[] body = exchange.getRequestBody().readNBytes(maxBodyBytes + 1);
        if (body.length > maxBodyBytes) {
            throw tooLarge(exchange);
        }
        return new Request(exchange.getRequestHeaders(), utf8(body));
    }

    /**
     * 413, on a connection that closes after it. The unread rest of the body is read and dropped first (up to
     * {@link #DISCARD_LIMIT}): closing a socket with unread data resets it, and the client would lose the answer.
     */
    private BadRequestException tooLarge(HttpExchange exchange) throws IOException {
        InputStream rest = exchange.getRequestBody();
        byte[] buffer = new byte[8192];
        for (long read = 0; read < DISCARD_LIMIT; ) {
            int n = rest.read(buffer);
            if (n < 0) {
                break;
            }
            read += n;
        }
        exchange.getResponseHeaders().set("Connection", "close");
        return new BadRequestException(413, "the body is larger than " + maxBodyBytes + " bytes");
    }

    /** Content-Length, or -1 without one (chunked): the read below is bounded either way. */
    private static long declaredLength(HttpExchange exchange) {
        String length = exchange.getRequestHeaders().getFirst("Content-Length");
        try {
            return length == null ? -1 : Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static String utf8(byte[] body) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body))
                    .toString();
        } catch (CharacterCodingException e) {
            throw BadRequestException.badRequest("the body is not valid UTF-8");
        }
    }

    /** Sends the reply as JSON and ends the exchange. */
    static void send(HttpExchange exchange, Reply reply) throws IOException {
        try (exchange) {
            byte[] bytes = reply.json().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
            boolean head = exchange.getRequestMethod().equals("HEAD"); // a HEAD reply has headers only
            exchange.sendResponseHeaders(reply.status(), head ? -1 : bytes.length);
            if (!head) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            }
        }
    }
}
