package com.example.wsapi.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.wsapi.local.lambda.RuntimeOptions;
import com.example.wsapi.local.testing.JdkClient;
import com.example.wsapi.local.testing.NettyClient;
import com.example.wsapi.local.testing.ProjectApi;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Bad input from clients, against this project's template run by ws-local: every message gets a clear reply or close
 * code, the connection survives where API Gateway's would, and ws-local keeps serving the next client.
 */
class HostileInputIT {

    static final int KB = 1024;
    /** Instances per function. */
    static final int INSTANCES = 4;
    static final Duration REPLY = ProjectApi.REPLY;
    static final AtomicInteger CLIENTS = new AtomicInteger();
    /** The log's lines (the gateway's and the functions'): during the flood, tens of thousands, only counted. */
    static final AtomicLong LOG_LINES = new AtomicLong();
    static final AtomicLong ECHO_STARTS = new AtomicLong();
    /** The gateway's lines of {@code @connections} posts answered, and of echo messages' results. */
    static final AtomicLong POSTS = new AtomicLong();
    static final AtomicLong ECHO_RESULTS = new AtomicLong();
    static volatile boolean flooding;

    static ProjectApi api;

    @BeforeAll
    static void start() throws Exception {
        api = ProjectApi.start(INSTANCES, RuntimeOptions.defaults().withLogSink(line -> {
            LOG_LINES.incrementAndGet();
            if (line.toString().startsWith("[EchoFunction] START ")) {
                ECHO_STARTS.incrementAndGet();
            } else if (line.function() == null && line.text().startsWith("@connections POST ")
                    && line.text().endsWith(" status=200")) {
                POSTS.incrementAndGet();
            } else if (line.function() == null && line.text().startsWith("message ")
                    && line.text().contains(" route=echo ")) {
                ECHO_RESULTS.incrementAndGet();
            }
            if (!flooding) {
                System.out.println(line);
            }
        }));
    }

    @AfterAll
    static void stop() {
        if (api != null) {
            api.close();
        }
    }

    static String userAgent() {
        return "hostile-input-" + CLIENTS.incrementAndGet();
    }

    static JdkClient client() {
        return api.connect(userAgent());
    }

    static JsonObject json(String text) {
        return JsonParser.parseString(text).getAsJsonObject();
    }

    /** The reply to {@code message}: an error whose text contains {@code expected}. */
    static void assertErrorReply(JdkClient client, String message, String expected) {
        client.send(message);
        JsonObject reply = json(client.nextMessage(REPLY));
        assertEquals("error", reply.get("type").getAsString(), reply.toString());
        assertTrue(reply.get("message").getAsString().contains(expected),
                "the reply to " + abbreviate(message) + " should say " + expected + ": " + reply);
        assertTrue(reply.getAsJsonArray("actions").size() > 0 && reply.has("example"), reply.toString());
    }

    static void assertEchoWorks(JdkClient client) {
        String data = "still here " + CLIENTS.get();
        client.send("{\"action\":\"echo\",\"data\":\"" + data + "\"}");
        assertEquals(data, client.nextMessage(REPLY));
    }

    /** {"action":"echo","data":"xxx..."} of exactly {@code bytes} bytes (ASCII). */
    static String echoOfLength(int bytes) {
        String head = "{\"action\":\"echo\",\"data\":\"";
        String tail = "\"}";
        return head + "x".repeat(bytes - head.length() - tail.length()) + tail;
    }

    static String dataOf(String echoMessage) {
        return json(echoMessage).get("data").getAsString();
    }

    /** Sends one message as frames of at most {@code frameBytes} (ASCII text). */
    static void sendInFrames(JdkClient client, String message, int frameBytes) {
        for (int from = 0; from < message.length(); from += frameBytes) {
            int to = Math.min(message.length(), from + frameBytes);
            JdkClient.join(client.socket().sendText(message.substring(from, to), to == message.length()));
        }
    }

    static String abbreviate(String text) {
        return text.length() <= 60 ? text : text.substring(0, 60) + "...";
    }

    @Test
    void nonJsonText_getsTheNotJsonReply_andTheConnectionKeepsWorking() {
        JdkClient client = client();
        for (String text : List.of("hello there", "{", "{\"action\":\"echo\"", "{\"action\":\"echo\",\"data\":1} trailing",
                "{'action':'echo','data':1}", "{action:echo}", "\u0000\u0001", "NaN", "   ")) {
            assertErrorReply(client, text, "not JSON");
        }
        assertEchoWorks(client);
    }

    @Test
    void jsonThatIsNotAnObject_getsAReplySayingItMustBeAnObject() {
        JdkClient client = client();
        for (String json : List.of("[1,2]", "[{\"action\":\"echo\"}]", "\"echo\"", "42", "null", "true")) {
            assertErrorReply(client, json, "must be a JSON object");
        }
        assertEchoWorks(client);
    }

    @Test
    void actionOfTheWrongType_getsAReplySayingWhatItMustBe() {
        JdkClient client = client();
        assertErrorReply(client, "{\"action\":5}", "\"action\" must be a string, got 5");
        assertErrorReply(client, "{\"action\":true}", "\"action\" must be a string, got true");
        assertErrorReply(client, "{\"action\":{\"route\":\"echo\"}}", "\"action\" must be a string, got {\"route\":\"echo\"}");
        assertErrorReply(client, "{\"action\":[\"echo\"]}", "\"action\" must be a string, got [\"echo\"]");
        assertErrorReply(client, "{\"action\":null}", "has no \"action\"");
        assertErrorReply(client, "{\"data\":\"x\"}", "has no \"action\"");
        assertErrorReply(client, "{\"action\":\"ECHO\"}", "unknown action \"ECHO\"");
        assertErrorReply(client, "{\"action\":\"" + "a".repeat(5000) + "\"}", "...\"");
        assertEchoWorks(client);
    }

    @Test
    void dataMissingOrNull_getsAReplyNamingData() {
        JdkClient client = client();
        for (String action : List.of("echo", "sendmessage")) {
            assertErrorReply(client, "{\"action\":\"" + action + "\"}", "\"data\"");
            assertErrorReply(client, "{\"action\":\"" + action + "\",\"data\":null}", "\"data\"");
        }
        assertEchoWorks(client);
    }

    @Test
    void emptyFrame_getsTheEmptyMessageReply() {
        JdkClient client = client();
        assertErrorReply(client, "", "empty");
        assertEchoWorks(client);
    }

    @Test
    void hugeData_isEchoedWhole_butTooBigToWrapForTheRoom_getsTheBytesToCut() {
        JdkClient client = client();
        String echo = echoOfLength(128 * KB - 16);
        sendInFrames(client, echo, 32 * KB);
        assertEquals(dataOf(echo), client.nextMessage(REPLY));

        String sendmessage = echo.replace("\"echo\"", "\"sendmessage\"");
        sendInFrames(client, sendmessage, 32 * KB);
        JsonObject reply = json(client.nextMessage(REPLY));
        assertEquals("error", reply.get("type").getAsString());
        assertTrue(reply.get("message").getAsString().matches(".*make \"data\" at least \\d+ bytes shorter.*"),
                reply.toString());
        assertEchoWorks(client);
    }

    @Test
    void deeplyNestedData_withinTheLimit_isEchoed_andBeyondIt_getsAReplySayingSo() {
        JdkClient client = client();
        String nested = "[".repeat(200) + "]".repeat(200);
        client.send("{\"action\":\"echo\",\"data\":" + nested + "}");
        assertEquals(nested, client.nextMessage(REPLY));

        String tooDeep = "[".repeat(10_000) + "]".repeat(10_000);
        assertErrorReply(client, "{\"action\":\"echo\",\"data\":" + tooDeep + "}", "nested");
        assertErrorReply(client, "{\"action\":\"echo\",\"data\":" + "{\"a\":".repeat(5000) + "1" + "}".repeat(5000)
                + "}", "nested");
        assertEchoWorks(client);
    }

    /** The Netty client sends frames exactly as built (the JDK client splits text into 16 KB frames). */
    static NettyClient rawClient(String userAgent) {
        return NettyClient.connect(api.ws(), new DefaultHttpHeaders().set("User-Agent", userAgent));
    }

    /** One message as frames of the given sizes (ASCII text). */
    static void sendFrames(NettyClient client, String message, int... sizes) {
        int from = 0;
        for (int i = 0; i < sizes.length; i++) {
            String part = message.substring(from, from + sizes[i]);
            from += sizes[i];
            boolean last = i == sizes.length - 1;
            client.send(i == 0 ? new TextWebSocketFrame(last, 0, part) : new ContinuationWebSocketFrame(last, 0, part));
        }
        assertEquals(message.length(), from, "the sizes add up to the message");
    }

    @Test
    void frameOf32KB_isAccepted_butOneByteMore_closesWith1009_andTheConnectionIsForgotten() {
        String userAgent = userAgent();
        try (NettyClient client = rawClient(userAgent)) {
            String id = api.connectionIdOf(userAgent);

            String fits = echoOfLength(32 * KB);
            sendFrames(client, fits, 32 * KB);
            assertEquals(dataOf(fits), client.nextText(REPLY));

            sendFrames(client, echoOfLength(32 * KB + 1), 32 * KB + 1);
            assertEquals(1009, client.awaitCloseFrame().closeCode());
            api.awaitNoRecord(id);
        }
        assertEchoWorks(client());
    }

    @Test
    void messageOf128KBInFragments_isAccepted_butOneByteMore_closesWith1009_andTheConnectionIsForgotten() {
        String userAgent = userAgent();
        try (NettyClient client = rawClient(userAgent)) {
            String id = api.connectionIdOf(userAgent);

            String fits = echoOfLength(128 * KB);
            sendFrames(client, fits, 32 * KB, 32 * KB, 32 * KB, 32 * KB);
            assertEquals(dataOf(fits), client.nextText(REPLY));

            sendFrames(client, echoOfLength(128 * KB + 1), 32 * KB, 32 * KB, 32 * KB, 32 * KB, 1);
            assertEquals(1009, client.awaitCloseFrame().closeCode());
            api.awaitNoRecord(id);
        }
        assertEchoWorks(client());
    }

    @Test
    void binaryFrame_closesWith1003_andTheConnectionIsForgotten() {
        String userAgent = userAgent();
        JdkClient client = api.connect(userAgent);
        String id = api.connectionIdOf(userAgent);

        JdkClient.join(client.socket().sendBinary(ByteBuffer.wrap("{\"action\":\"echo\"}".getBytes()), true));

        assertEquals(1003, client.awaitClose(REPLY).code());
        api.awaitNoRecord(id);
        assertEchoWorks(client());
    }

    @Test
    void invalidUtf8_closesWith1007_andTheConnectionIsForgotten() {
        String userAgent = userAgent();
        NettyClient client = rawClient(userAgent);
        try {
            String id = api.connectionIdOf(userAgent);

            client.send(new TextWebSocketFrame(Unpooled.wrappedBuffer(
                    new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, 0x28, '"', '}'})));

            assertEquals(1007, client.awaitCloseFrame().closeCode());
            api.awaitNoRecord(id);
        } finally {
            client.close();
        }
        assertEchoWorks(client());
    }

    /**
     * A handshake on the stage's path written byte by byte, and everything the gateway answers until it closes the
     * socket (a refusal closes it; an upgrade would leave it open and fail the read).
     */
    static String rawHandshake(String query, String moreHeaders) {
        URI ws = api.ws();
        try (Socket socket = new Socket(ws.getHost(), ws.getPort())) {
            socket.setSoTimeout((int) REPLY.toMillis());
            socket.getOutputStream().write(("GET " + ws.getPath() + query + " HTTP/1.1\r\nHost: " + ws.getHost() + ":"
                    + ws.getPort() + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n" + moreHeaders + "\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void handshakeWithAStrayPercentInTheQueryString_gets400SayingSo_andTheNextClientWorks() {
        // wscat and browsers send ws://.../dev?name=100% as typed (the socket was dropped without an answer).
        String answer = rawHandshake("?name=100%", "Sec-WebSocket-Version: 13\r\n");

        assertTrue(answer.startsWith("HTTP/1.1 400 "), answer);
        assertTrue(answer.contains("the query string is not validly percent-encoded"), answer);
        assertEchoWorks(client());
    }

    @Test
    void handshakeOfAWebSocketDraft_isNotUpgraded_426NamingVersion13_or400WithoutAVersion() {
        String draft8 = rawHandshake("", "Sec-WebSocket-Version: 8\r\n");
        // Without a version (and with an Origin), Netty alone answered with a handshake of the hixie-76 draft.
        String noVersion = rawHandshake("", "Origin: http://127.0.0.1\r\n");

        assertTrue(draft8.startsWith("HTTP/1.1 426 "), draft8);
        assertTrue(draft8.toLowerCase(Locale.ROOT).contains("sec-websocket-version: 13\r\n"), draft8);
        assertTrue(noVersion.startsWith("HTTP/1.1 400 "), noVersion);
        assertTrue(noVersion.contains("Sec-WebSocket-Version is missing"), noVersion);
        assertEchoWorks(client());
    }

    /**
     * Figures for RELIABILITY.md. ws-local, like API Gateway, invokes the route for every message at once (no
     * per-connection queue), so a flood waits for the function's instances; what is still waiting at the 29 s
     * integration timeout gets API Gateway's "Endpoint request timed out" frame and is dropped. An invocation already
     * running runs on, as a Lambda does: its echo may follow its timeout frame (a message with two outcomes). Posts
     * are at least once: a function's SDK retries one whose answer is slow, which can echo a message twice.
     */
    @Test
    void floodOf10000Messages_fromOneClient_eachGetsItsEchoOrAClearError_andTheNextClientWorks() {
        int count = 10_000;
        JdkClient flooder = client();
        assertEchoWorks(flooder); // a warm echo function: the flood measures throughput, not a cold start
        BitSet echoed = new BitSet(count);
        Map<String, Integer> errors = new TreeMap<>();
        int duplicates = 0;
        int unexpected = 0;
        int frames = 0;
        long echoStartsBefore = ECHO_STARTS.get();
        long postsBefore = POSTS.get();
        long echoResultsBefore = ECHO_RESULTS.get();
        long start = System.nanoTime();
        long sentMillis;
        flooding = true; // the gateway logs every message and post: count, don't print
        try {
            for (int i = 0; i < count; i++) {
                flooder.send("{\"action\":\"echo\",\"data\":\"" + i + "\"}");
            }
            sentMillis = Duration.ofNanos(System.nanoTime() - start).toMillis();
            // Until every message has an outcome (the integration timeout bounds the wait), then a quiet spell.
            String message;
            while ((message = flooder.pollMessage(frames < count ? 35_000 : 3_000)) != null) {
                frames++;
                if (message.matches("\\d+")) {
                    int n = Integer.parseInt(message);
                    duplicates += echoed.get(n) ? 1 : 0;
                    echoed.set(n);
                } else {
                    JsonElement error = JsonParser.parseString(message);
                    boolean isErrorFrame = error.isJsonObject() && error.getAsJsonObject().has("message")
                            && error.getAsJsonObject().has("requestId");
                    unexpected += isErrorFrame ? 0 : 1;
                    errors.merge(isErrorFrame ? error.getAsJsonObject().get("message").getAsString() : message,
                            1, Integer::sum);
                }
            }
        } finally {
            flooding = false;
        }
        long invocations = ECHO_STARTS.get() - echoStartsBefore;
        long posts = POSTS.get() - postsBefore;
        long totalMillis = Duration.ofNanos(System.nanoTime() - start).toMillis();
        long nextClientStart = System.nanoTime();
        assertEchoWorks(client());
        long nextClientMillis = Duration.ofNanos(System.nanoTime() - nextClientStart).toMillis();
        int timedOut = errors.getOrDefault("Endpoint request timed out", 0);
        int errorFrames = errors.values().stream().mapToInt(Integer::intValue).sum();
        System.out.printf("RELIABILITY flood: sent=%d echoed=%d errorFrames=%s twoOutcomes=%d duplicates=%d "
                        + "unexpected=%d echoInvocations=%d postsAnswered=%d echoRouteResults=%d sendMs=%d "
                        + "untilQuietMs=%d nextClientEchoMs=%d%n", count, echoed.cardinality(), errors,
                echoed.cardinality() + errorFrames - count, duplicates, unexpected, invocations, posts,
                ECHO_RESULTS.get() - echoResultsBefore, sentMillis, totalMillis, nextClientMillis);

        assertEquals(0, unexpected, "only echoes and API Gateway's error frames: " + errors);
        assertEquals(Map.of(), withoutKey(withoutKey(errors, "Endpoint request timed out"), "Internal server error"),
                "no other errors");
        assertTrue(echoed.cardinality() + errorFrames >= count,
                "every message has an outcome: echoed=" + echoed.cardinality() + " errors=" + errors);
        // A function's SDK retries a post whose answer outlasts its 5 s attempt timeout (at-least-once, as on AWS):
        // that is the only way to a second echo; ws-local never sends a frame twice or runs an invocation twice.
        assertTrue(duplicates <= posts - invocations, "duplicates=" + duplicates + " posts=" + posts
                + " invocations=" + invocations);
        assertTrue(timedOut == 0 || invocations < count, "what waited past the integration timeout is dropped, not "
                + "run later: invocations=" + invocations + " errors=" + errors);
        assertFalse(flooder.isClosed(), "the flood does not cost the client its connection");
        assertEchoWorks(flooder);
    }

    static Map<String, Integer> withoutKey(Map<String, Integer> map, String key) {
        Map<String, Integer> copy = new TreeMap<>(map);
        copy.remove(key);
        return copy;
    }
}
