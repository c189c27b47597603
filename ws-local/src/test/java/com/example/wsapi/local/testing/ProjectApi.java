package com.example.wsapi.local.testing;

import com.example.wsapi.local.LocalApi;
import com.example.wsapi.local.LocalApiException;
import com.example.wsapi.local.LocalOptions;
import com.example.wsapi.local.issuer.IssuerKeyStore;
import com.example.wsapi.local.issuer.LocalIssuer;
import com.example.wsapi.local.lambda.RuntimeOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.WebSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * This project's template.yaml run by ws-local in this JVM (real function JVMs, DynamoDB Local, the gateway), with
 * what the end-to-end tests need: clients that are closed afterwards, and reads of the connection table.
 */
public final class ProjectApi implements AutoCloseable {

    /** Function JVMs start cold on a busy 2-core machine: wait long enough, never longer than needed. */
    public static final Duration REPLY = Duration.ofSeconds(30);

    private final LocalApi api;
    private final String table;
    private final List<JdkClient> clients = new CopyOnWriteArrayList<>();
    private volatile DynamoDbClient dynamo;

    private ProjectApi(LocalApi api) {
        this.api = api;
        this.table = api.template().tables().get(0).tableName();
        this.dynamo = api.dynamo().client();
    }

    /** The project's template.yaml on a free loopback port, DynamoDB Local in memory on a free port. */
    public static ProjectApi start(int maxConcurrency, RuntimeOptions runtime) throws LocalApiException {
        return start(maxConcurrency, null, 0, Map.of(), runtime);
    }

    /**
     * @param dbPath       DynamoDB Local's folder, or null for memory
     * @param dynamoDbPort DynamoDB Local's port, or 0 for a free one
     * @param envVars      environment overrides, as for --env-vars
     */
    public static ProjectApi start(int maxConcurrency, Path dbPath, int dynamoDbPort,
                                   Map<String, Map<String, String>> envVars, RuntimeOptions runtime)
            throws LocalApiException {
        return new ProjectApi(LocalApi.start(new LocalOptions(template(), "127.0.0.1", 0, null, "us-east-1",
                Duration.ofMinutes(10), dbPath, dynamoDbPort, Map.of(), envVars, maxConcurrency), runtime));
    }

    /**
     * The project's template.yaml on a free loopback port, its tables in a DynamoDB already running at
     * {@code dynamoDbEndpoint} ({@code --dynamodb-endpoint}): ws-local starts none.
     */
    public static ProjectApi startWithDynamoDb(URI dynamoDbEndpoint, int maxConcurrency, RuntimeOptions runtime)
            throws LocalApiException {
        return new ProjectApi(LocalApi.start(new LocalOptions(template(), "127.0.0.1", 0, null, "us-east-1",
                Duration.ofMinutes(10), null, 0, Map.of(), Map.of(), maxConcurrency, null, false,
                com.example.wsapi.local.lambda.Scaling.LAMBDA, false, LocalOptions.DEFAULT_MAX_LIFETIME, false,
                com.example.wsapi.local.template.SamConfig.Lookup.DEPLOY, null, dynamoDbEndpoint), runtime));
    }

    /**
     * The project's template with these template parameters (e.g. sign-in's AuthIssuer and AuthAudience), on a free
     * loopback port, DynamoDB Local in memory; the development issuer's keys in {@code issuerKeys}.
     */
    public static ProjectApi startWith(Map<String, String> parameters, int maxConcurrency, RuntimeOptions runtime,
                                       Path issuerKeys) throws LocalApiException {
        return new ProjectApi(LocalApi.start(new LocalOptions(template(), "127.0.0.1", 0, null, "us-east-1",
                Duration.ofMinutes(10), null, 0, parameters, Map.of(), maxConcurrency), runtime,
                new IssuerKeyStore(issuerKeys)));
    }

    /**
     * The project's template with sign-in on against this ws-local's own development issuer, the way the README
     * starts it ({@code --parameter-overrides AuthIssuer=http://127.0.0.1:<port>/@issuer,AuthAudience=ws-local}), on
     * a free loopback port (chosen first: AuthIssuer names it); the issuer's keys in {@code issuerKeys}.
     */
    public static ProjectApi startWithLocalIssuer(int maxConcurrency, RuntimeOptions runtime, Path issuerKeys)
            throws LocalApiException {
        int port = freeLoopbackPort();
        return new ProjectApi(LocalApi.start(new LocalOptions(template(), "127.0.0.1", port, null, "us-east-1",
                Duration.ofMinutes(10), null, 0, Map.of("AuthIssuer", LocalIssuer.url("127.0.0.1:" + port),
                "AuthAudience", LocalIssuer.DEFAULT_AUDIENCE), Map.of(), maxConcurrency), runtime,
                new IssuerKeyStore(issuerKeys)));
    }

    private static int freeLoopbackPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The development issuer's URL on this API's port, as AuthIssuer names it and tokens' {@code iss} say. */
    public String localIssuer() {
        return LocalIssuer.url(ws().getHost() + ":" + ws().getPort());
    }

    public static Path root() {
        return Path.of(System.getProperty("project.root"));
    }

    public static Path template() {
        return root().resolve("template.yaml");
    }

    public LocalApi api() {
        return api;
    }

    public URI ws() {
        return api.gateway().webSocketUrl();
    }

    public String table() {
        return table;
    }

    /** The client tests read the table with: ws-local's own, or another after DynamoDB Local was restarted. */
    public DynamoDbClient dynamo() {
        return dynamo;
    }

    public void useDynamo(DynamoDbClient client) {
        this.dynamo = client;
    }

    /** A client whose User-Agent is {@code userAgent}: its record is found by it (see {@link #connectionIdOf}). */
    public JdkClient connect(String userAgent) {
        JdkClient client = JdkClient.connect(ws(), builder -> builder.header("User-Agent", userAgent));
        clients.add(client);
        return client;
    }

    /** As {@link #connect(String)}, at {@code uri} (e.g. with a query string) and with more of the handshake set. */
    public JdkClient connect(String userAgent, URI uri, Consumer<WebSocket.Builder> more) {
        JdkClient client = JdkClient.connect(uri, builder -> {
            builder.header("User-Agent", userAgent);
            more.accept(builder);
        });
        clients.add(client);
        return client;
    }

    /** The connection id of the record stored with this User-Agent, waiting for $connect's write. */
    public String connectionIdOf(String userAgent) {
        Await.until("record with User-Agent " + userAgent, REPLY, () -> recordOf(userAgent).isPresent());
        return recordOf(userAgent).orElseThrow().get("connectionId").s();
    }

    public Optional<Map<String, AttributeValue>> recordOf(String userAgent) {
        return records().stream()
                .filter(item -> item.containsKey("userAgent") && item.get("userAgent").s().equals(userAgent))
                .findFirst();
    }

    public List<Map<String, AttributeValue>> records() {
        return dynamo.scanPaginator(b -> b.tableName(table).consistentRead(true)).items().stream().toList();
    }

    public Optional<Map<String, AttributeValue>> record(String connectionId) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table).consistentRead(true)
                .key(Map.of("connectionId", AttributeValue.builder().s(connectionId).build()))).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(item);
    }

    public void awaitNoRecord(String connectionId) {
        Await.until("removal of the record of " + connectionId, REPLY, () -> record(connectionId).isEmpty());
    }

    @Override
    public void close() {
        clients.forEach(client -> client.socket().abort());
        api.close();
    }
}
