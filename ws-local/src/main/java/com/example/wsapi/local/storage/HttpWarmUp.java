package com.example.wsapi.local.storage;

import com.google.gson.JsonObject;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;

/**
 * Describes each table over HTTP, the way functions reach DynamoDB Local, after ws-local set the tables up in-process
 * ({@link InProcessTables}): it proves that functions will find them, and it takes DynamoDB Local's HTTP path through
 * its first-time costs before a function's first request does.
 */
final class HttpWarmUp {

    /** What the requests sign with; DynamoDB Local's shared database reads neither. */
    private static final String OWN_ACCESS_KEY = "local";
    private static final String OWN_REGION = LocalDynamoDb.CLIENT_REGION.id();
    private static final Duration HTTP_TIMEOUT = Duration.ofSeconds(10);
    /**
     * How often each table is described. The first function request (the first connect's PutItem) runs faster the
     * more of DynamoDB Local's HTTP path has run before it: the first connect + echo took ~165 ms after the SDK client
     * that ws-local once used, ~250 ms after no request, ~135 ms after four.
     */
    private static final int PRIMING_ROUNDS = 4;

    private HttpWarmUp() {}

    /** @throws StorageException when DynamoDB Local does not answer over HTTP, or does not find a table */
    static void describeEach(URI endpoint, Collection<String> tables) {
        for (int round = 0; round < PRIMING_ROUNDS; round++) {
            tables.forEach(table -> describe(endpoint, table));
        }
    }

    /** DescribeTable with a SigV4-shaped Authorization header (which DynamoDB Local reads but does not verify). */
    private static void describe(URI endpoint, String table) {
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
}
