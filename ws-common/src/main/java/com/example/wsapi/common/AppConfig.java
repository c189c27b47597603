package com.example.wsapi.common;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Map;

/**
 * The functions' configuration, read once from the environment the template sets.
 *
 * @param region              AWS_REGION (Lambda always sets it)
 * @param connectionsTable    CONNECTIONS_TABLE, or null for functions that don't store connections
 * @param connectionsEndpoint CONNECTIONS_ENDPOINT (the @connections base URL with the stage), or null to derive it
 *                            from the event
 * @param connectionTtl       how long a connection record outlives its handshake (CONNECTION_TTL_SECONDS)
 * @param dynamoDbEndpoint    DYNAMODB_ENDPOINT, or null for the SDK's own resolution (which honours
 *                            AWS_ENDPOINT_URL_DYNAMODB); sam local can only override variables the template declares
 * @param queryPageSize       QUERY_PAGE_SIZE: items per Query/Scan page (DynamoDB's Limit), or null for DynamoDB's
 *                            own 1 MB pages; every page is read either way
 * @param broadcastConcurrency BROADCAST_CONCURRENCY: posts in flight at once during a broadcast (default 16)
 * @param dynamoDbEndpointName where the DynamoDB client sends requests, as log lines name it: DYNAMODB_ENDPOINT,
 *                            else AWS_ENDPOINT_URL_DYNAMODB, else AWS_ENDPOINT_URL (the SDK's own order), else
 *                            "DynamoDB in {region}"
 */
public record AppConfig(String region, String connectionsTable, URI connectionsEndpoint, Duration connectionTtl,
                        URI dynamoDbEndpoint, Integer queryPageSize, int broadcastConcurrency,
                        String dynamoDbEndpointName) {

    public static final String REGION = "AWS_REGION";
    public static final String CONNECTIONS_TABLE = "CONNECTIONS_TABLE";
    public static final String CONNECTIONS_ENDPOINT = "CONNECTIONS_ENDPOINT";
    public static final String CONNECTION_TTL_SECONDS = "CONNECTION_TTL_SECONDS";
    public static final String DYNAMODB_ENDPOINT = "DYNAMODB_ENDPOINT";
    public static final String QUERY_PAGE_SIZE = "QUERY_PAGE_SIZE";
    public static final String BROADCAST_CONCURRENCY = "BROADCAST_CONCURRENCY";

    public static final int DEFAULT_BROADCAST_CONCURRENCY = 16;
    /** More parallel posts than this only queue up in one small Lambda JVM. */
    public static final int MAX_BROADCAST_CONCURRENCY = 64;

    /** API Gateway closes a connection after 2 hours; $disconnect is best effort, so the TTL backstop is a bit later. */
    public static final Duration DEFAULT_CONNECTION_TTL = Duration.ofHours(2).plusMinutes(10);

    public static AppConfig fromEnvironment() {
        return from(System.getenv());
    }

    public static AppConfig from(Map<String, String> env) {
        String region = blankToNull(env.get(REGION)) == null ? "us-east-1" : env.get(REGION);
        URI dynamoDbEndpoint = parseEndpoint(DYNAMODB_ENDPOINT, env.get(DYNAMODB_ENDPOINT), "http://127.0.0.1:8000");
        String sdkEndpoint = blankToNull(env.get("AWS_ENDPOINT_URL_DYNAMODB")) != null
                ? env.get("AWS_ENDPOINT_URL_DYNAMODB") : blankToNull(env.get("AWS_ENDPOINT_URL"));
        return new AppConfig(
                region,
                blankToNull(env.get(CONNECTIONS_TABLE)),
                parseEndpoint(CONNECTIONS_ENDPOINT, env.get(CONNECTIONS_ENDPOINT),
                        "https://{apiId}.execute-api.{region}.amazonaws.com/{stage}"),
                parseTtl(env.get(CONNECTION_TTL_SECONDS)),
                dynamoDbEndpoint,
                parseCount(QUERY_PAGE_SIZE, env.get(QUERY_PAGE_SIZE), null, Integer.MAX_VALUE),
                parseCount(BROADCAST_CONCURRENCY, env.get(BROADCAST_CONCURRENCY), DEFAULT_BROADCAST_CONCURRENCY,
                        MAX_BROADCAST_CONCURRENCY),
                dynamoDbEndpoint != null ? dynamoDbEndpoint.toString()
                        : sdkEndpoint != null ? sdkEndpoint : "DynamoDB in " + region);
    }

    /**
     * Where DynamoDB requests go when an endpoint is configured (DYNAMODB_ENDPOINT or the SDK's variables), else null
     * (DynamoDB in the region).
     */
    public URI dynamoDbTarget() {
        if (dynamoDbEndpoint != null) {
            return dynamoDbEndpoint;
        }
        try {
            URI named = new URI(dynamoDbEndpointName);
            return named.getScheme() != null ? named : null;
        } catch (URISyntaxException e) {
            return null; // "DynamoDB in <region>": no endpoint configured
        }
    }

    /** The table name, for the functions that need it. */
    public String requireTable() {
        if (connectionsTable == null) {
            throw new IllegalStateException(CONNECTIONS_TABLE + " is not set: the template must pass the table name "
                    + "to this function (CONNECTIONS_TABLE: !Ref ConnectionsTable)");
        }
        return connectionsTable;
    }

    /**
     * The @connections base URL: the configured one, else the event's own domain and stage.
     * Configuration wins because {@code domainName} is a custom domain's name behind one.
     */
    public URI connectionsEndpointFor(WebSocketRequest request) {
        if (connectionsEndpoint != null) {
            return connectionsEndpoint;
        }
        if (request.domainName() == null || request.stage() == null) {
            throw new InvalidEventException("the event has no requestContext.domainName/stage and "
                    + CONNECTIONS_ENDPOINT + " is not set, so there is no @connections endpoint to post to");
        }
        return URI.create("https://" + request.domainName() + "/" + request.stage());
    }

    private static URI parseEndpoint(String name, String value, String example) {
        if (blankToNull(value) == null) {
            return null;
        }
        try {
            URI uri = new URI(value);
            if (uri.getScheme() == null || uri.getHost() == null) {
                throw new IllegalArgumentException("no scheme or host");
            }
            return uri;
        } catch (Exception e) {
            throw new IllegalStateException(name + " must be a URL like " + example + ", got '" + value + "'", e);
        }
    }

    private static Duration parseTtl(String value) {
        if (blankToNull(value) == null) {
            return DEFAULT_CONNECTION_TTL;
        }
        try {
            long seconds = Long.parseLong(value.trim());
            if (seconds <= 0) {
                throw new NumberFormatException("not positive");
            }
            return Duration.ofSeconds(seconds);
        } catch (NumberFormatException e) {
            throw new IllegalStateException(CONNECTION_TTL_SECONDS + " must be a positive number of seconds, got '"
                    + value + "'", e);
        }
    }

    private static Integer parseCount(String name, String value, Integer unset, int max) {
        if (blankToNull(value) == null) {
            return unset;
        }
        try {
            int count = Integer.parseInt(value.trim());
            if (count < 1 || count > max) {
                throw new NumberFormatException("out of range");
            }
            return count;
        } catch (NumberFormatException e) {
            throw new IllegalStateException(name + " must be a whole number from 1 to " + max + ", got '" + value
                    + "'", e);
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
