package com.example.wsapi.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.wsapi.local.lambda.RuntimeOptions;
import com.example.wsapi.local.lambda.Scaling;
import com.example.wsapi.local.storage.LocalDynamoDb;
import com.example.wsapi.local.template.SamConfig;
import com.example.wsapi.local.testing.Await;
import com.example.wsapi.local.testing.JdkClient;
import com.example.wsapi.local.testing.LogLines;
import com.example.wsapi.local.testing.ProjectApi;
import com.example.wsapi.local.testing.TestTemplates;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * {@code --dynamodb-endpoint}: ws-local keeps the tables in a DynamoDB Local already running (this project's
 * {@link LocalDynamoDb}, started here on a free port, stands for a container or another ws-local's), with real
 * function JVMs writing to it and a real WebSocket client.
 */
class SharedDynamoDbIT {

    static final Duration REPLY = ProjectApi.REPLY;
    static final LogLines LOGS = new LogLines(true);

    @TempDir
    Path dir;

    @Test
    void runningDynamoDbGiven_getsTheConnectionRecords_andKeepsItsSeededTablesAndItemsAfterWsLocalStops()
            throws Exception {
        try (LocalDynamoDb running = LocalDynamoDb.start("127.0.0.1", 0, null)) {
            DynamoDbClient db = running.client();
            // Seeded as a user would, before ws-local: the template's table (its key, no index) and one of their own.
            String table = "wsapi-ConnectionsTable-LOCAL"; // the project's stack (samconfig.toml) and table
            createTable(db, table);
            db.putItem(b -> b.tableName(table).item(Map.of("connectionId", AttributeValue.fromS("seeded="),
                    "note", AttributeValue.fromS("made before ws-local"))));
            createTable(db, "users-own-table");
            db.putItem(b -> b.tableName("users-own-table").item(Map.of("connectionId", AttributeValue.fromS("x"))));

            try (ProjectApi api = ProjectApi.startWithDynamoDb(running.endpoint(), 2,
                    RuntimeOptions.defaults().withLogSink(LOGS))) {
                assertEquals(running.endpoint(), api.api().dynamo().endpoint());
                assertEquals(List.of(), api.api().createdTables(), "the table there is kept, not created");
                String banner = BannerIT.banner(api.api());
                assertTrue(banner.contains("  DynamoDB Local " + running.endpoint() + " (already running, given by "
                        + "--dynamodb-endpoint: ws-local neither started it nor stops it)\n"), banner);
                assertTrue(banner.contains("  Table          " + table + "  (already there: kept)\n"), banner);

                api.connect("shared-dynamodb-it");

                Await.until("the connection's record in the DynamoDB Local given", REPLY,
                        () -> hasRecordOf(db, table, "shared-dynamodb-it"));
            }

            // ws-local stopped: the DynamoDB it was given still answers, with what was seeded in it.
            assertEquals("made before ws-local", db.getItem(b -> b.tableName(table).consistentRead(true)
                    .key(Map.of("connectionId", AttributeValue.fromS("seeded=")))).item().get("note").s());
            assertEquals(1, db.scan(b -> b.tableName("users-own-table")).count());
        }
    }

    /** Chat and Admin, each routing $connect to the project's ConnectFunction, which stores the connection. */
    private Path twoApis() throws Exception {
        String connect = """
                  %1$sConnectRoute:
                    Type: AWS::ApiGatewayV2::Route
                    Properties:
                      ApiId: !Ref %1$s
                      RouteKey: $connect
                      Target: !Sub integrations/${%1$sConnectIntegration}
                  %1$sConnectIntegration:
                    Type: AWS::ApiGatewayV2::Integration
                    Properties:
                      ApiId: !Ref %1$s
                      IntegrationType: AWS_PROXY
                      IntegrationUri: !Sub arn:aws:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${ConnectFunction.Arn}/invocations
                """;
        return Files.writeString(dir.resolve("template.yaml"), """
                Transform: AWS::Serverless-2016-10-31
                Resources:
                  ConnectionsTable:
                    Type: AWS::DynamoDB::Table
                    Properties:
                      BillingMode: PAY_PER_REQUEST
                      AttributeDefinitions: [{AttributeName: connectionId, AttributeType: S}]
                      KeySchema: [{AttributeName: connectionId, KeyType: HASH}]
                      TimeToLiveSpecification: {AttributeName: expiresAt, Enabled: true}
                  ConnectFunction:
                    Type: AWS::Serverless::Function
                    Properties:
                      CodeUri: %s
                      Handler: com.example.wsapi.connect.ConnectHandler::handleRequest
                      Runtime: java25
                      MemorySize: 512
                      Timeout: 15
                      Environment:
                        Variables:
                          CONNECTIONS_TABLE: !Ref ConnectionsTable
                """.formatted(ProjectApi.root().resolve("ws-connect"))
                + TestTemplates.webSocketApi("Chat", "chat", "dev") + connect.formatted("Chat")
                + TestTemplates.webSocketApi("Admin", "admin", "ops") + connect.formatted("Admin"));
    }

    private static LocalApi start(Path template, String api, URI dynamoDbEndpoint) throws LocalApiException {
        return LocalApi.start(new LocalOptions(template, "127.0.0.1", 0, null, "us-east-1",
                LocalOptions.DEFAULT_IDLE_TIMEOUT, null, 0, null, Map.of(), 1, null, false, Scaling.LAMBDA, false,
                LocalOptions.DEFAULT_MAX_LIFETIME, false, SamConfig.Lookup.DEPLOY, api, dynamoDbEndpoint),
                RuntimeOptions.defaults().withLogSink(LOGS));
    }

    @Test
    void twoWsLocals_forTwoApisOfOneTemplate_shareTheRunningDynamoDbsTable() throws Exception {
        Path template = twoApis();
        try (LocalDynamoDb running = LocalDynamoDb.start("127.0.0.1", 0, null);
             LocalApi chat = start(template, "Chat", running.endpoint());
             LocalApi admin = start(template, "Admin", running.endpoint())) {
            String table = chat.template().tables().get(0).tableName();
            assertEquals(table, admin.template().tables().get(0).tableName(), "one stack, one table name");
            assertEquals(List.of(table), chat.createdTables());
            assertEquals(List.of(), admin.createdTables(), "the second ws-local keeps the table the first created");

            JdkClient toChat = JdkClient.connect(chat.gateway().webSocketUrl(),
                    b -> b.header("User-Agent", "via-chat"));
            JdkClient toAdmin = JdkClient.connect(admin.gateway().webSocketUrl(),
                    b -> b.header("User-Agent", "via-admin"));
            try {
                DynamoDbClient db = running.client();
                Await.until("both APIs' connections in the one table", REPLY,
                        () -> hasRecordOf(db, table, "via-chat") && hasRecordOf(db, table, "via-admin"));
            } finally {
                toChat.socket().abort();
                toAdmin.socket().abort();
            }

            String note = BannerIT.banner(chat).replaceAll("\\s+", " "); // notes are wrapped
            assertTrue(note.contains("run another ws-local on this template with --api Admin --port "
                    + (chat.gateway().webSocketUrl().getPort() + 1) + " --dynamodb-endpoint " + running.endpoint()
                    + ": the two then share that DynamoDB and its tables"), note);
        }
    }

    @Test
    void endpointWhereNothingAnswers_stopsTheStart_namingIt() throws Exception {
        Path template = twoApis();
        URI nowhere;
        try (LocalDynamoDb stopped = LocalDynamoDb.start("127.0.0.1", 0, null)) {
            nowhere = stopped.endpoint();
        }

        LocalApiException e = org.junit.jupiter.api.Assertions.assertThrows(LocalApiException.class,
                () -> start(template, "Chat", nowhere));

        assertTrue(e.getMessage().startsWith("--dynamodb-endpoint " + nowhere + ": nothing answers there"),
                e.getMessage());
    }

    private static void createTable(DynamoDbClient db, String name) {
        db.createTable(b -> b.tableName(name).billingMode("PAY_PER_REQUEST")
                .keySchema(k -> k.attributeName("connectionId").keyType(KeyType.HASH))
                .attributeDefinitions(a -> a.attributeName("connectionId").attributeType(ScalarAttributeType.S)));
    }

    private static boolean hasRecordOf(DynamoDbClient db, String table, String userAgent) {
        return db.scanPaginator(b -> b.tableName(table).consistentRead(true)).items().stream()
                .anyMatch(item -> item.containsKey("userAgent") && item.get("userAgent").s().equals(userAgent));
    }
}
