package com.example.wsapi.httpbackend;

import static com.example.wsapi.httpbackend.CloudFormationYaml.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.wsapi.common.AppConfig;
import com.example.wsapi.common.connections.Connection;
import com.example.wsapi.common.connections.ConnectionStore;
import com.example.wsapi.common.posting.ConnectionPoster;
import com.example.wsapi.common.testing.LocalConnectionsTable;
import com.example.wsapi.common.testing.RecordingEndpoint;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * http-backend/template.yaml against the backend it is for: the paths its integrations call, the header and fields
 * they send, the table's shape, and a policy that grants exactly the calls the backend makes.
 */
class HttpBackendTemplateIT {

    @RegisterExtension
    static final LocalConnectionsTable dynamo = LocalConnectionsTable.freshForEachTest();

    private static final Path ROOT = Path.of(System.getProperty("project.root", ".."));
    private static Map<String, Object> template;

    @AutoClose
    private final RecordingEndpoint endpoint = RecordingEndpoint.start();
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void readTemplate() throws Exception {
        template = CloudFormationYaml.read(ROOT.resolve("http-backend/template.yaml"));
    }

    private static Map<String, Map<String, Object>> resourcesOfType(String type) {
        Map<String, Map<String, Object>> found = new TreeMap<>();
        Map<String, Map<String, Object>> resources = at(template, "Resources");
        resources.forEach((id, resource) -> {
            if (type.equals(resource.get("Type"))) {
                found.put(id, at(resource, "Properties"));
            }
        });
        return found;
    }

    /** The path each HTTP or HTTP_PROXY integration calls, by logical id. */
    private static Map<String, String> backendPaths() {
        Map<String, String> paths = new TreeMap<>();
        resourcesOfType("AWS::ApiGatewayV2::Integration").forEach((id, properties) -> {
            String uri = at(properties, "IntegrationUri", "Sub");
            assertTrue(uri.startsWith("${BackendUrl}/"), id + ": " + uri);
            assertEquals("POST", properties.get("IntegrationMethod"), id);
            paths.put(id, uri.substring("${BackendUrl}".length()));
        });
        return paths;
    }

    private HttpBackend start(DynamoDbClient client) throws Exception {
        return HttpBackend.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                new ConnectionStore(client, dynamo.tableName()), new ConnectionPoster(endpoint.client()),
                AppConfig.DEFAULT_CONNECTION_TTL, Clock.systemUTC());
    }

    private int post(HttpBackend backend, String path, Map<String, String> headers, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + backend.address().getPort() + path)).POST(BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return http.send(request.build(), BodyHandlers.ofString()).statusCode();
    }

    @Test
    void everyIntegration_callsAnEndpointTheBackendServes() throws Exception {
        Map<String, String> paths = backendPaths();
        assertEquals(Set.of("/connect", "/disconnect", "/handle-event", "/sendmessage", "/whoami"),
                new TreeSet<>(paths.values()));

        try (HttpBackend backend = start(dynamo.client())) {
            for (Map.Entry<String, String> integration : paths.entrySet()) {
                // Served, and refusing what lacks a connection id (not 404 or 405).
                assertEquals(400, post(backend, integration.getValue(), Map.of(), "{}"), integration.getKey());
            }
        }
    }

    @Test
    void theProxyIntegration_mapsTheConnectionIdIntoTheHeaderTheBackendReads() {
        Map<String, Object> proxy = resourcesOfType("AWS::ApiGatewayV2::Integration").values().stream()
                .filter(properties -> "HTTP_PROXY".equals(properties.get("IntegrationType"))).findFirst().orElseThrow();

        assertEquals(Map.of("integration.request.header." + Routes.CONNECTION_ID_HEADER, "context.connectionId"),
                proxy.get("RequestParameters"));
    }

    @Test
    void everyRequestTemplate_sendsTheConnectionIdAsTheBackendReadsIt() {
        resourcesOfType("AWS::ApiGatewayV2::Integration").forEach((id, properties) -> {
            if ("HTTP".equals(properties.get("IntegrationType"))) {
                String requestTemplate = at(properties, "RequestTemplates", "$default");
                assertTrue(requestTemplate.contains("\"" + EventRequest.CONNECTION_ID + "\":\"$context.connectionId\""),
                        id + ": " + requestTemplate);
                assertEquals("\\$default", properties.get("TemplateSelectionExpression"), id);
            }
        });
        String message = at(template, "Resources", "DefaultIntegration", "Properties", "RequestTemplates", "$default");
        assertTrue(message.contains("\"" + EventRequest.BODY
                + "\":\"$util.escapeJavaScript($input.body).replaceAll(\"\\\\'\",\"'\")\""), message);
    }

    @Test
    void theTable_hasTheShapeOfTheMainTemplatesTable() throws Exception {
        Map<String, Object> main = CloudFormationYaml.read(ROOT.resolve("template.yaml"));

        Map<String, Object> mainTable = at(main, "Resources", "ConnectionsTable");
        Map<String, Object> table = at(template, "Resources", "ConnectionsTable");
        assertEquals(mainTable, table);
    }

    @Test
    void thePolicy_grantsExactlyTheCallsTheBackendMakes() throws Exception {
        Set<String> tableCalls = new ConcurrentSkipListSet<>();
        Set<String> indexCalls = new ConcurrentSkipListSet<>();
        ExecutionInterceptor recorder = new ExecutionInterceptor() {
            @Override
            public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                String operation = "dynamodb:" + attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
                boolean onIndex = context.request() instanceof QueryRequest query && query.indexName() != null;
                (onIndex ? indexCalls : tableCalls).add(operation);
            }
        };
        try (DynamoDbClient recording = DynamoDbClient.builder().endpointOverride(dynamo.endpoint())
                .region(Region.US_EAST_1).httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .overrideConfiguration(o -> o.addExecutionInterceptor(recorder)).build();
             HttpBackend backend = start(recording)) {
            // Every path of every endpoint: in no room and in a room, a gone connection, a disconnect with a room.
            for (String id : List.of("NoRoomNoRoomNo0=", "NoRoomNoRoomNo1=", "GoneGoneGoneGo0=")) {
                assertEquals(200, post(backend, "/connect", Map.of(), "{\"connection_id\":\"" + id + "\"}"));
            }
            for (String id : List.of("LobbyLobbyLobb0=", "LobbyLobbyLobb1=")) {
                dynamo.store().save(new Connection(id, 1L, null, null, 2L, "lobby", id));
            }
            endpoint.markGone("GoneGoneGoneGo0=");
            assertEquals(200, post(backend, "/handle-event", Map.of(),
                    "{\"connection_id\":\"NoRoomNoRoomNo0=\",\"body\":\"hi\"}"));
            assertEquals(200, post(backend, "/sendmessage", Map.of(Routes.CONNECTION_ID_HEADER, "LobbyLobbyLobb0="),
                    "{\"action\":\"sendmessage\",\"data\":\"hi\"}"));
            assertEquals(200, post(backend, "/whoami", Map.of(), "{\"connection_id\":\"NoRoomNoRoomNo1=\"}"));
            assertEquals(200, post(backend, "/disconnect", Map.of(), "{\"connection_id\":\"LobbyLobbyLobb1=\"}"));
        }

        List<Map<String, Object>> statements = at(template, "Resources", "BackendPolicy", "Properties",
                "PolicyDocument", "Statement");
        assertEquals(Set.copyOf(actions(statements, "ConnectionRecords")), tableCalls);
        assertEquals(Set.copyOf(actions(statements, "RoomMembers")), indexCalls);
        assertEquals(Map.of("GetAtt", "ConnectionsTable.Arn"), resource(statements, "ConnectionRecords"));
        assertEquals(Map.of("Sub", "${ConnectionsTable.Arn}/index/byRoom"), resource(statements, "RoomMembers"));

        assertEquals(Map.of("Sub", "arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:"
                + "${WebSocketApi}/${StageName}/POST/@connections/*"), resource(statements, "PostToConnections"));
        assertEquals(Set.of("POST"), endpoint.requests().stream().map(RecordingEndpoint.Request::method)
                .collect(Collectors.toSet()), "the backend only posts to @connections");
    }

    private static Map<String, Object> statement(List<Map<String, Object>> statements, String sid) {
        return statements.stream().filter(s -> sid.equals(s.get("Sid"))).findFirst()
                .orElseThrow(() -> new AssertionError("no statement " + sid));
    }

    private static List<?> actions(List<Map<String, Object>> statements, String sid) {
        Object action = statement(statements, sid).get("Action");
        return action instanceof List<?> list ? list : List.of(action);
    }

    private static Object resource(List<Map<String, Object>> statements, String sid) {
        return statement(statements, sid).get("Resource");
    }
}
