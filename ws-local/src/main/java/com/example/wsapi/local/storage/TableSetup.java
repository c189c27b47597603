package com.example.wsapi.local.storage;

import com.amazonaws.AmazonServiceException;
import com.amazonaws.services.dynamodbv2.local.server.LocalDynamoDBRequestHandler;
import com.amazonaws.services.dynamodbv2.model.CreateTableRequest;
import com.amazonaws.services.dynamodbv2.model.DescribeTableRequest;
import com.amazonaws.services.dynamodbv2.model.KeySchemaElement;
import com.amazonaws.services.dynamodbv2.model.ListTablesRequest;
import com.amazonaws.services.dynamodbv2.model.ListTablesResult;
import com.amazonaws.services.dynamodbv2.model.TableDescription;
import com.amazonaws.services.dynamodbv2.model.TableStatus;
import com.amazonaws.services.dynamodbv2.model.TimeToLiveSpecification;
import com.amazonaws.services.dynamodbv2.model.UpdateTimeToLiveRequest;
import com.example.wsapi.local.template.Table;
import com.google.gson.JsonObject;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The template's tables in a running DynamoDB Local. ws-local's own requests go to DynamoDB Local's request handler in
 * this JVM, as its HTTP server passes them on: building an SDK client and sending them over HTTP cost ws-local's start
 * about 0.5 s of CPU (BENCHMARKS.md, section 7). Only the last step goes over HTTP, as functions' requests do.
 */
final class TableSetup {

    /** What ws-local's own in-process requests pass for a caller; the shared database ignores both. */
    private static final String OWN_ACCESS_KEY = "local";
    private static final String OWN_REGION = LocalDynamoDb.CLIENT_REGION.id();
    private static final Duration HTTP_TIMEOUT = Duration.ofSeconds(10);
    /**
     * How often each table is described over HTTP before the ready line. The first function request (the first
     * connect's PutItem) runs faster the more of DynamoDB Local's HTTP path has run before it: the first connect + echo
     * took ~165 ms after the SDK client that ws-local once used, ~250 ms after no request, ~135 ms after four.
     */
    private static final int PRIMING_ROUNDS = 4;

    private final LocalDynamoDBRequestHandler requests;
    private final URI endpoint;
    private final Path dbPath;

    /** @param dbPath the database folder, or null in memory (for messages) */
    TableSetup(LocalDynamoDBRequestHandler requests, URI endpoint, Path dbPath) {
        this.requests = requests;
        this.endpoint = endpoint;
        this.dbPath = dbPath;
    }

    /**
     * Creates the tables that do not exist yet (ACTIVE at once) and turns on their TTL. Tables already in a persisted
     * database are kept as they are, provided their primary key matches the template. Then describes every table over
     * HTTP, as functions will reach it.
     *
     * @return the names of the tables created, in the given order
     * @throws StorageException when a table is ill-defined, DynamoDB Local refuses it, a kept table's key differs, or
     *                          DynamoDB Local does not answer over HTTP
     */
    List<String> createTables(List<Table> tables) throws StorageException {
        Map<String, Table> byName = new LinkedHashMap<>();
        Map<String, CreateTableRequest> templateTables = new LinkedHashMap<>();
        for (Table table : tables) { // check every table before creating any
            CreateTableRequest request = CreateTableRequests.of(table);
            Table previous = byName.putIfAbsent(request.getTableName(), table);
            if (previous != null) {
                throw new StorageException("Two tables are named " + request.getTableName() + ": " + previous.logicalId()
                        + " and " + table.logicalId() + "; give them different TableNames");
            }
            templateTables.put(request.getTableName(), request);
        }
        Set<String> existing;
        try {
            existing = tableNames();
        } catch (AmazonServiceException e) {
            throw new StorageException("Could not list the tables of DynamoDB Local at " + endpoint + ": " + e.getErrorMessage(), e);
        }
        List<String> created = new ArrayList<>();
        for (Map.Entry<String, CreateTableRequest> entry : templateTables.entrySet()) {
            Table table = byName.get(entry.getKey());
            if (existing.contains(entry.getKey())) {
                requireSameKey(table, entry.getValue());
                continue;
            }
            create(table, entry.getValue());
            created.add(entry.getKey());
        }
        for (int round = 0; round < PRIMING_ROUNDS; round++) {
            templateTables.keySet().forEach(this::describeOverHttp);
        }
        return List.copyOf(created);
    }

    /**
     * Describes {@code table} the way functions reach DynamoDB Local: over HTTP, with a SigV4-shaped Authorization
     * header (which DynamoDB Local reads but does not verify). It proves that functions will find the table, and it
     * takes DynamoDB Local's HTTP path through its first-time costs before a function's first request does.
     */
    private void describeOverHttp(String table) {
        HttpURLConnection connection = null;
        try {
            connection = (HttpURLConnection) endpoint.toURL().openConnection();
            connection.setConnectTimeout((int) HTTP_TIMEOUT.toMillis());
            connection.setReadTimeout((int) HTTP_TIMEOUT.toMillis());
            connection.setRequestMethod("POST");
            connection.setDoOutput(true);
            connection.setRequestProperty("Content-Type", "application/x-amz-json-1.0");
            connection.setRequestProperty("X-Amz-Target", "DynamoDB_20120810.DescribeTable");
            connection.setRequestProperty("X-Amz-Date", "20000101T000000Z");
            connection.setRequestProperty("Authorization", "AWS4-HMAC-SHA256 Credential=" + OWN_ACCESS_KEY
                    + "/20000101/" + OWN_REGION + "/dynamodb/aws4_request, SignedHeaders=host;x-amz-date, Signature=0");
            JsonObject request = new JsonObject();
            request.addProperty("TableName", table);
            try (OutputStream body = connection.getOutputStream()) {
                body.write(request.toString().getBytes(StandardCharsets.UTF_8));
            }
            int status = connection.getResponseCode();
            try (InputStream answer = status < 400 ? connection.getInputStream() : connection.getErrorStream()) {
                String text = answer == null ? "" : new String(answer.readAllBytes(), StandardCharsets.UTF_8);
                if (status != 200) {
                    throw new StorageException("DynamoDB Local at " + endpoint + " answered DescribeTable " + table
                            + " with HTTP " + status + ": " + text);
                }
            }
        } catch (IOException e) {
            throw new StorageException("DynamoDB Local does not answer at " + endpoint + ": " + e, e);
        } finally {
            if (connection != null) {
                connection.disconnect();
            }
        }
    }

    /** Every table name, page by page. */
    private Set<String> tableNames() {
        Set<String> names = new HashSet<>();
        ListTablesRequest request = new ListTablesRequest();
        do {
            ListTablesResult page = requests.listTables(OWN_ACCESS_KEY, OWN_REGION, request);
            names.addAll(page.getTableNames());
            request = new ListTablesRequest().withExclusiveStartTableName(page.getLastEvaluatedTableName());
        } while (request.getExclusiveStartTableName() != null);
        return names;
    }

    private void create(Table table, CreateTableRequest request) {
        String what = CreateTableRequests.describe(table);
        TableDescription created;
        try {
            created = requests.createTable(OWN_ACCESS_KEY, OWN_REGION, request).getTableDescription();
        } catch (AmazonServiceException e) {
            throw new StorageException("DynamoDB Local refused to create " + what + ": " + e.getErrorMessage(), e);
        }
        if (!TableStatus.ACTIVE.toString().equals(created.getTableStatus())) {
            throw new StorageException(what + " is " + created.getTableStatus() + " after CreateTable, not ACTIVE");
        }
        if (table.ttlAttribute() != null) {
            try {
                requests.updateTimeToLive(OWN_ACCESS_KEY, OWN_REGION, new UpdateTimeToLiveRequest()
                        .withTableName(request.getTableName())
                        .withTimeToLiveSpecification(new TimeToLiveSpecification()
                                .withEnabled(true).withAttributeName(table.ttlAttribute())));
            } catch (AmazonServiceException e) {
                throw new StorageException("DynamoDB Local refused TTL attribute " + table.ttlAttribute() + " on "
                        + what + ": " + e.getErrorMessage(), e);
            }
        }
    }

    private void requireSameKey(Table table, CreateTableRequest wanted) {
        List<KeySchemaElement> actual;
        try {
            actual = requests.describeTable(OWN_ACCESS_KEY, OWN_REGION,
                    new DescribeTableRequest(wanted.getTableName())).getTable().getKeySchema();
        } catch (AmazonServiceException e) {
            throw new StorageException("Could not describe the existing " + CreateTableRequests.describe(table) + ": "
                    + e.getErrorMessage(), e);
        }
        if (!actual.equals(wanted.getKeySchema())) {
            throw new StorageException("The existing " + CreateTableRequests.describe(table)
                    + (dbPath == null ? "" : " in " + dbPath) + " has the key " + describeKey(actual)
                    + " but the template says " + describeKey(wanted.getKeySchema())
                    + "; delete that table (or the database folder) so that it is created again");
        }
    }

    private static String describeKey(List<KeySchemaElement> key) {
        return key.stream().map(k -> k.getAttributeName() + " " + k.getKeyType()).toList().toString();
    }
}
