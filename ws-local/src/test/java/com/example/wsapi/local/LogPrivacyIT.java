package com.example.wsapi.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.wsapi.local.lambda.RuntimeOptions;
import com.example.wsapi.local.testing.Await;
import com.example.wsapi.local.testing.JdkClient;
import com.example.wsapi.local.testing.LogLines;
import com.example.wsapi.local.testing.ProjectApi;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Nothing a client sends beyond ids reaches the logs at the default level: not message bodies, not connection
 * metadata (User-Agent, forwarded addresses, headers, query strings), not room or display names, not close reasons.
 * Unique markers go through every route; then everything ws-local and its functions printed is searched for them.
 */
class LogPrivacyIT {

    static final Duration REPLY = ProjectApi.REPLY;

    /** One marker per kind of client data, each unique to this run. */
    static final Map<String, String> MARKERS = new LinkedHashMap<>();

    static String marker(String kind) {
        String marker = kind + "-MARKER-" + UUID.randomUUID().toString().substring(0, 8);
        MARKERS.put(kind, marker);
        return marker;
    }

    static JsonObject json(String text) {
        return JsonParser.parseString(text).getAsJsonObject();
    }

    @Test
    void clientDataAndMetadata_neverReachTheLogs_ofTheGatewayOrTheFunctions() throws Exception {
        String userAgent = marker("USER-AGENT");
        String forwardedFor = "198.51.100." + (1 + (int) (Math.random() * 250)); // TEST-NET-2, unique enough
        MARKERS.put("X-FORWARDED-FOR", forwardedFor);
        String header = marker("HEADER");
        String query = marker("QUERY");
        String echoData = marker("ECHO-DATA");
        String notJson = marker("NOT-JSON-BODY");
        String unknownAction = marker("UNKNOWN-ACTION");
        String noData = marker("ECHO-WITHOUT-DATA");
        String room = marker("ROOM");
        String name = marker("NAME");
        String otherUserAgent = marker("OTHER-USER-AGENT");
        String otherName = marker("OTHER-NAME");
        String message = marker("MESSAGE-DATA");
        String closeReason = marker("CLOSE-REASON");

        LogLines functions = new LogLines(false);
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream out = System.out;
        PrintStream err = System.err;
        System.setOut(new PrintStream(new Tee(out, printed), true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(new Tee(err, printed), true, StandardCharsets.UTF_8));
        String ids;
        try (ProjectApi api = ProjectApi.start(2, RuntimeOptions.defaults().withLogSink(functions))) {
            URI uri = URI.create(api.ws() + "?token=" + query);
            JdkClient ana = JdkClient.connect(uri, builder -> builder.header("User-Agent", userAgent)
                    .header("X-Forwarded-For", forwardedFor).header("X-Private", header));
            String anaId = api.connectionIdOf(userAgent);

            ana.send("{\"action\":\"echo\",\"data\":\"" + echoData + "\"}");
            assertEquals(echoData, ana.nextMessage(REPLY));
            ana.send(notJson);
            assertTrue(ana.nextMessage(REPLY).contains("not JSON"));
            ana.send("{\"action\":\"" + unknownAction + "\"}");
            assertTrue(ana.nextMessage(REPLY).contains(unknownAction), "the sender is told; the logs are not");
            ana.send("{\"action\":\"echo\",\"other\":\"" + noData + "\"}");
            assertTrue(ana.nextMessage(REPLY).contains("\"data\""));
            ana.send("{\"action\":\"joinroom\",\"room\":\"" + room + "\",\"name\":\"" + name + "\"}");
            assertEquals("joined", json(ana.nextMessage(REPLY)).get("type").getAsString());

            JdkClient bo = api.connect(otherUserAgent);
            String boId = api.connectionIdOf(otherUserAgent);
            bo.send("{\"action\":\"joinroom\",\"room\":\"" + room + "\",\"name\":\"" + otherName + "\"}");
            assertEquals("joined", json(bo.nextMessage(REPLY)).get("type").getAsString());
            assertEquals(otherName, json(ana.nextMessage(REPLY)).get("name").getAsString(), "member-joined");

            ana.send("{\"action\":\"sendmessage\",\"data\":\"" + message + "\"}");
            assertEquals(message, json(ana.nextMessage(REPLY)).get("data").getAsString());
            assertEquals(message, json(bo.nextMessage(REPLY)).get("data").getAsString());

            JdkClient.join(bo.socket().sendClose(4000, closeReason));
            assertEquals("member-left", json(ana.nextMessage(REPLY)).get("type").getAsString());
            api.awaitNoRecord(boId);
            ana.socket().abort();
            api.awaitNoRecord(anaId);
            ids = anaId + " " + boId;
        } finally {
            System.setOut(out);
            System.setErr(err);
        }

        String logs = printed.toString(StandardCharsets.UTF_8) + "\n" + functions.text();
        for (String id : ids.split(" ")) {
            assertTrue(functions.records("ConnectFunction").stream()
                    .anyMatch(record -> record.message().equals("connected " + id)), "the capture saw the functions");
            assertTrue(logs.contains("disconnect connectionId=" + id), "the capture saw the gateway");
        }
        List<String> leaked = MARKERS.entrySet().stream()
                .filter(marker -> logs.contains(marker.getValue()))
                .map(marker -> marker.getKey() + " in: " + logs.lines().filter(l -> l.contains(marker.getValue()))
                        .findFirst().orElseThrow())
                .toList();
        assertEquals(List.of(), leaked, "client data in the logs");
    }

    /** Writes to two streams. */
    static final class Tee extends OutputStream {
        private final OutputStream first;
        private final OutputStream second;

        Tee(OutputStream first, OutputStream second) {
            this.first = first;
            this.second = second;
        }

        @Override
        public synchronized void write(int b) throws java.io.IOException {
            first.write(b);
            second.write(b);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) throws java.io.IOException {
            first.write(b, off, len);
            second.write(b, off, len);
        }

        @Override
        public void flush() throws java.io.IOException {
            first.flush();
        }
    }
}
