package com.example.wsapi.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.example.wsapi.local.lambda.RuntimeOptions;
import com.example.wsapi.local.log.LogLine;
import com.example.wsapi.local.testing.JdkClient;
import com.example.wsapi.local.testing.LogLines;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiClient;
import software.amazon.awssdk.services.apigatewaymanagementapi.model.GetConnectionResponse;
import software.amazon.awssdk.services.apigatewaymanagementapi.model.GoneException;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * End to end: this project's template.yaml run by ws-local (real function JVMs, DynamoDB Local, the gateway),
 * driven by the JDK's WebSocket client and the AWS SDK's @connections client.
 */
class LocalApiIT {

    /** Function JVMs start cold on a busy 2-core machine: wait long enough, never longer than needed. */
    static final Duration REPLY = Duration.ofSeconds(30);

    static LocalApi api;
    static String table;
    static ApiGatewayManagementApiClient connections;
    static final List<JdkClient> clients = new ArrayList<>();
    /** Every line of ws-local's log. */
    static final LogLines log = new LogLines(true);

    @BeforeAll
    static void start() throws Exception {
        Path root = Path.of(System.getProperty("project.root"));
        api = LocalApi.start(new LocalOptions(root.resolve("template.yaml"), "127.0.0.1", 0, null, "us-east-1",
                Duration.ofMinutes(10), null, 0, Map.of(), Map.of(), 4), RuntimeOptions.defaults().withLogSink(log));
        table = api.template().tables().get(0).tableName();
        connections = ApiGatewayManagementApiClient.builder()
                .endpointOverride(URI.create(api.gateway().webSocketUrl().toString().replace("ws://", "http://")))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    @AfterAll
    static void stop() {
        clients.forEach(c -> c.socket().abort());
        if (connections != null) {
            connections.close();
        }
        if (api != null) {
            api.close();
        }
    }

    static JdkClient connect() {
        JdkClient client = JdkClient.connect(api.gateway().webSocketUrl(),
                builder -> builder.header("User-Agent", "ws-local-it"));
        clients.add(client);
        return client;
    }

    /** The id of the connection made after {@code connectedAfter}, from its record: tests connect one at a time. */
    static String connectionIdSince(Instant connectedAfter) {
        await("a connection record", () -> newestRecord(connectedAfter) != null);
        return newestRecord(connectedAfter).get("connectionId").s();
    }

    static Map<String, AttributeValue> newestRecord(Instant after) {
        return api.dynamo().client().scanPaginator(b -> b.tableName(table).consistentRead(true)).items().stream()
                .filter(item -> Long.parseLong(item.get("connectedAt").n()) >= after.toEpochMilli())
                .max((a, b) -> a.get("connectedAt").n().compareTo(b.get("connectedAt").n()))
                .orElse(null);
    }

    static Map<String, AttributeValue> record(String connectionId) {
        return api.dynamo().client().getItem(b -> b.tableName(table).consistentRead(true)
                .key(Map.of("connectionId", AttributeValue.builder().s(connectionId).build()))).item();
    }

    static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + REPLY.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("no " + what + " within " + REPLY);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    static JsonObject json(String text) {
        return JsonParser.parseString(text).getAsJsonObject();
    }

    @Test
    void connect_storesTheConnectionWithItsTtl() {
        Instant before = Instant.now().minusMillis(1);
        connect();
        String id = connectionIdSince(before);

        Map<String, AttributeValue> item = record(id);
        assertEquals(16, id.length());
        assertTrue(id.endsWith("="), id);
        assertEquals("127.0.0.1", item.get("sourceIp").s());
        assertEquals("ws-local-it", item.get("userAgent").s());
        long connectedAt = Long.parseLong(item.get("connectedAt").n());
        assertEquals(connectedAt / 1000 + 7800, Long.parseLong(item.get("expiresAt").n()));
    }

    @Test
    void connect_offeringTheChatSubprotocol_isAnsweredWithIt_signInOff() {
        JdkClient browserLike = JdkClient.connect(api.gateway().webSocketUrl(),
                builder -> builder.subprotocols("chat", "another"));
        clients.add(browserLike);

        assertEquals("chat", browserLike.socket().getSubprotocol(), "a browser fails the handshake without it");
    }

    @Test
    void echo_sendsTheDataBack() {
        JdkClient client = connect();
        client.send("{\"action\":\"echo\",\"data\":\"hi\"}");
        assertEquals("hi", client.nextMessage(REPLY));

        client.send("{\"action\":\"echo\",\"data\":{\"n\":[1,2]}}");
        assertEquals("{\"n\":[1,2]}", client.nextMessage(REPLY));
    }

    @Test
    void echo_withoutData_repliesWithAClearError() {
        JdkClient client = connect();
        client.send("{\"action\":\"echo\"}");
        JsonObject reply = json(client.nextMessage(REPLY));
        assertEquals("error", reply.get("type").getAsString());
        assertTrue(reply.get("message").getAsString().contains("data"), reply.toString());
    }

    @Test
    void default_explainsNonJsonAndUnknownActions() {
        JdkClient client = connect();
        client.send("hello there");
        JsonObject notJson = json(client.nextMessage(REPLY));
        assertTrue(notJson.get("message").getAsString().contains("not JSON"), notJson.toString());
        assertTrue(notJson.getAsJsonArray("actions").toString().contains("echo"));

        client.send("{\"action\":\"x\"}");
        assertEquals("unknown action \"x\"", json(client.nextMessage(REPLY)).get("message").getAsString());
    }

    @Test
    void disconnect_removesTheRecord() {
        Instant before = Instant.now().minusMillis(1);
        JdkClient client = connect();
        String id = connectionIdSince(before);

        JdkClient.join(client.socket().sendClose(1000, "bye"));

        await("record removal", () -> record(id).isEmpty());
    }

    @Test
    void connections_postGetAndDelete_reachTheSocket() {
        Instant before = Instant.now().minusMillis(1);
        JdkClient client = connect();
        String id = connectionIdSince(before);

        connections.postToConnection(b -> b.connectionId(id).data(SdkBytes.fromUtf8String("pushed")));
        assertEquals("pushed", client.nextMessage(REPLY));

        GetConnectionResponse info = connections.getConnection(b -> b.connectionId(id));
        assertEquals("127.0.0.1", info.identity().sourceIp());
        assertEquals("ws-local-it", info.identity().userAgent());
        assertNotNull(info.connectedAt());

        connections.deleteConnection(b -> b.connectionId(id));
        assertEquals(1000, client.awaitClose(REPLY).code());
        await("record removal after DeleteConnection", () -> record(id).isEmpty());
        try {
            connections.postToConnection(b -> b.connectionId(id).data(SdkBytes.fromUtf8String("late")));
            fail("a deleted connection must be gone");
        } catch (GoneException expected) {
            assertFalse(expected.getMessage().isEmpty());
        }
    }

    @Test
    void postsSignedByTheSdk_inTheFunctionsAndHere_areNotWarnedOf() {
        Instant before = Instant.now().minusMillis(1);
        JdkClient client = connect();
        String id = connectionIdSince(before);

        // EchoFunction posts its reply with the SDK in its own JVM, signing with the AWS_REGION ws-local gives it.
        client.send("{\"action\":\"echo\",\"data\":\"signed\"}");
        assertEquals("signed", client.nextMessage(REPLY));
        connections.postToConnection(b -> b.connectionId(id).data(SdkBytes.fromUtf8String("signed too")));
        assertEquals("signed too", client.nextMessage(REPLY));

        assertEquals(List.of(), log.lines().stream().filter(line -> line.kind() == LogLine.Kind.WARNING
                && line.text().startsWith("@connections")).toList());
    }
}
