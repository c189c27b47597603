package com.example.wsapi.httpbackend;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The backend's configuration, checked: every problem is one message naming the option to change.
 *
 * @param host                the address to listen on
 * @param port                the port to listen on (0: a free one)
 * @param connectionsEndpoint the stage's URL, the @connections API's base (the SDK appends /@connections/{id})
 * @param table               the connection table
 * @param dynamoDbEndpoint    DynamoDB Local's URL, or null for the region's DynamoDB
 * @param region              the AWS region the clients sign for
 */
record BackendSettings(String host, int port, URI connectionsEndpoint, String table, URI dynamoDbEndpoint,
                       String region) {

    /**
     * The table ws-local creates for http-backend/template.yaml: it names a table without TableName
     * {stack}-{logical id}-LOCAL and takes the stack name from the template's folder.
     */
    static final String LOCAL_TABLE = "http-backend-ConnectionsTable-LOCAL";
    /** The region locally, when none is given: DynamoDB Local and ws-local accept any. */
    static final String LOCAL_REGION = "us-east-1";

    private static final Pattern TABLE_NAME = Pattern.compile("[A-Za-z0-9_.-]{3,255}");
    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d+");
    private static final String CONNECTIONS_PATH = "/@connections";

    /** Local mode: DynamoDB Local (and ws-local's @connections), which need no real credentials. */
    boolean local() {
        return dynamoDbEndpoint != null;
    }

    /**
     * @param sdkRegion the region the SDK finds on its own (AWS_REGION, the profile, instance metadata), asked for
     *                  only when none is given and it is not local
     */
    static BackendSettings resolve(String host, int port, String connectionsEndpoint, String table,
                                   String dynamoDbEndpoint, String region, Supplier<Optional<String>> sdkRegion) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("--port " + port + " is out of range: use 1-65535, or 0 for a free one");
        }
        if (blank(host)) {
            throw new IllegalArgumentException("--host is empty: use e.g. 127.0.0.1, or 0.0.0.0 for every interface");
        }
        if (blank(connectionsEndpoint)) {
            throw new IllegalArgumentException("--connections-endpoint (CONNECTIONS_ENDPOINT) is required: the "
                    + "stage's URL, e.g. http://127.0.0.1:3001/dev with ws-local, or "
                    + "https://{api-id}.execute-api.{region}.amazonaws.com/{stage} (the stack's ConnectionsUrl)");
        }
        URI dynamo = blank(dynamoDbEndpoint) ? null : httpUrl("--dynamodb-endpoint", dynamoDbEndpoint.trim());
        boolean local = dynamo != null;
        String tableName = blank(table) ? null : table.trim();
        if (tableName == null && !local) {
            throw new IllegalArgumentException("--table (CONNECTIONS_TABLE) is required: the stack's "
                    + "ConnectionsTableName output (with --dynamodb-endpoint it defaults to " + LOCAL_TABLE + ")");
        }
        tableName = tableName == null ? LOCAL_TABLE : tableName;
        if (!TABLE_NAME.matcher(tableName).matches()) {
            throw new IllegalArgumentException("--table is not a DynamoDB table name (3-255 characters of A-Z, a-z, "
                    + "0-9, _, - and .)");
        }
        return new BackendSettings(host.trim(), port, stageUrl(connectionsEndpoint.trim()), tableName, dynamo,
                region(region, local, sdkRegion));
    }

    /** The stage's URL; the ConnectionsUrl output (ending in /@connections) is taken as well. */
    private static URI stageUrl(String value) {
        String url = value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
        url = url.endsWith(CONNECTIONS_PATH) ? url.substring(0, url.length() - CONNECTIONS_PATH.length()) : url;
        URI uri = httpUrl("--connections-endpoint", url);
        if (uri.getQuery() != null || uri.getFragment() != null) {
            throw new IllegalArgumentException("--connections-endpoint must be the stage's URL without a query or "
                    + "fragment, e.g. http://127.0.0.1:3001/dev");
        }
        return uri;
    }

    private static String region(String given, boolean local, Supplier<Optional<String>> sdkRegion) {
        String region = blank(given) ? null : given.trim();
        if (region == null) {
            region = local ? LOCAL_REGION : sdkRegion.get().orElseThrow(() -> new IllegalArgumentException(
                    "no AWS region: pass --region (or set AWS_REGION), the region of the stack"));
        }
        if (!REGION.matcher(region).matches()) {
            throw new IllegalArgumentException("--region is not an AWS region name, e.g. us-east-1 or eu-west-3");
        }
        return region;
    }

    private static URI httpUrl(String option, String value) {
        try {
            URI uri = new URI(value);
            if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
                return uri;
            }
        } catch (URISyntaxException e) {
            // answered below
        }
        throw new IllegalArgumentException(option + " must be an http(s) URL with a host, e.g. http://127.0.0.1:8000");
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
