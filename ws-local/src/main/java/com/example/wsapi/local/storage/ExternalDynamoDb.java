package com.example.wsapi.local.storage;

import com.example.wsapi.local.template.Table;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A DynamoDB Local already running, that {@code --dynamodb-endpoint} names (a container, a jar, another ws-local's):
 * ws-local neither starts nor stops it, and reaches it over HTTP with the AWS SDK, signing as the functions do (their
 * access key and region), so that the tables it creates are where the functions look even in a DynamoDB Local run
 * without {@code -sharedDb} (which keeps a database per access key and region). Never an AWS endpoint.
 */
public final class ExternalDynamoDb implements TableStore {

    /** Host names of AWS endpoints (dynamodb.us-east-1.amazonaws.com, ...amazonaws.com.cn, dual-stack ...api.aws). */
    private static final List<String> AWS_DOMAINS = List.of("amazonaws.com", "amazonaws.com.cn", "api.aws");
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(10);

    private final URI endpoint;
    private final DynamoDbClient client;
    private final AtomicBoolean closed = new AtomicBoolean();

    private ExternalDynamoDb(URI endpoint, DynamoDbClient client) {
        this.endpoint = endpoint;
        this.client = client;
    }

    /**
     * The {@code --dynamodb-endpoint} value as a URL: {@code http://} or {@code https://}, a host and optionally a
     * port (returned with the scheme's port written out when left out), nothing else; never an AWS host.
     *
     * @throws StorageException saying what is wrong with it and what to give
     */
    public static URI parseEndpoint(String value) throws StorageException {
        String example = "give the URL of a DynamoDB Local, e.g. http://127.0.0.1:8000";
        URI uri;
        try {
            uri = new URI(value.trim());
        } catch (URISyntaxException e) {
            throw new StorageException("'" + value + "' is not a URL (" + e.getReason() + "); " + example, e);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new StorageException("'" + value + "' is not an http:// or https:// URL; " + example);
        }
        if (uri.getHost() == null || uri.getRawUserInfo() != null) {
            throw new StorageException("'" + value + "' names no host (or has user information); " + example);
        }
        if ((uri.getRawPath() != null && !uri.getRawPath().isEmpty() && !uri.getRawPath().equals("/"))
                || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new StorageException("'" + value + "' has a path, query or fragment; DynamoDB answers at the "
                    + "root: " + example);
        }
        String host = uri.getHost().toLowerCase(Locale.ROOT).replaceAll("\\.$", "");
        if (AWS_DOMAINS.stream().anyMatch(domain -> host.equals(domain) || host.endsWith("." + domain))) {
            throw new StorageException("'" + value + "' is an AWS endpoint: ws-local never sends a request to AWS; "
                    + example);
        }
        // The port written out (80 or 443 when left out): the functions' proxy forwards to this host and port.
        int port = uri.getPort() != -1 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
        String hostPart = uri.getRawAuthority().replaceAll(":\\d*$", "");
        return URI.create(scheme + "://" + hostPart + ":" + port);
    }

    /**
     * Checks that DynamoDB answers at {@code endpoint} (a ListTables) and keeps a client of it.
     *
     * @param credentials the functions' (dummy) credentials: with them, the tables land in the database the functions
     *                    use, shared or not
     * @param region      the functions' AWS_REGION, for the same reason
     * @throws StorageException naming the endpoint when nothing answers there, or something that is not DynamoDB
     */
    public static ExternalDynamoDb connect(URI endpoint, AwsCredentials credentials, String region)
            throws StorageException {
        DynamoDbClient client = DynamoDbClient.builder()
                .endpointOverride(endpoint)
                .region(Region.of(region))
                .credentialsProvider(StaticCredentialsProvider.create(credentials))
                .httpClientBuilder(UrlConnectionHttpClient.builder().connectionTimeout(CONNECT_TIMEOUT)
                        .socketTimeout(ANSWER_TIMEOUT))
                // One try: a setup that fails says so at once, rather than after the SDK's backoffs.
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
        try {
            client.listTables(b -> b.limit(1));
        } catch (RuntimeException e) {
            client.close();
            throw notDynamoDb(endpoint, e);
        }
        return new ExternalDynamoDb(endpoint, client);
    }

    /** Why the first request failed, in words: nothing there, too slow, or something other than DynamoDB. */
    private static StorageException notDynamoDb(URI endpoint, RuntimeException e) {
        String at = "--dynamodb-endpoint " + endpoint + ": ";
        if (e instanceof AwsServiceException refused) {
            boolean dynamoDbError = refused.awsErrorDetails() != null && refused.awsErrorDetails().errorCode() != null
                    && !refused.awsErrorDetails().errorCode().isBlank();
            return new StorageException(at + (dynamoDbError
                    ? "ListTables was refused (HTTP " + refused.statusCode() + ", " + refused.awsErrorDetails()
                    .errorCode() + ": " + refused.awsErrorDetails().errorMessage() + "); check that it is a DynamoDB "
                    + "Local that takes any credentials"
                    : "it answered ListTables with HTTP " + refused.statusCode() + ", not as DynamoDB does: it is not "
                    + "DynamoDB; give the URL of a DynamoDB Local, e.g. http://127.0.0.1:8000"), e);
        }
        if (e instanceof SdkClientException) {
            Throwable cause = rootCause(e);
            if (cause instanceof ConnectException) {
                return new StorageException(at + "nothing answers there (" + cause.getMessage() + "); start DynamoDB "
                        + "Local there first (e.g. java -jar DynamoDBLocal.jar -sharedDb -port " + port(endpoint)
                        + "), or give the URL it listens at", e);
            }
            if (cause instanceof SocketTimeoutException) {
                return new StorageException(at + "no answer to ListTables within " + ANSWER_TIMEOUT.toSeconds()
                        + " s; check that DynamoDB Local runs there and is not stopped", e);
            }
            if (cause instanceof UnknownHostException) {
                return new StorageException(at + "the host " + endpoint.getHost() + " is not known; give the URL of "
                        + "a DynamoDB Local, e.g. http://127.0.0.1:8000", e);
            }
            return new StorageException(at + "its answer to ListTables is not DynamoDB's (" + e.getMessage()
                    + "); give the URL of a DynamoDB Local, e.g. http://127.0.0.1:8000", e);
        }
        return new StorageException(at + "ListTables failed: " + e, e);
    }

    private static Throwable rootCause(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }

    private static int port(URI endpoint) {
        return endpoint.getPort() > 0 ? endpoint.getPort() : endpoint.getScheme().equals("https") ? 443 : 80;
    }

    @Override
    public URI endpoint() {
        return endpoint;
    }

    /**
     * Creates the tables missing there over HTTP, and keeps the ones there with their items when their key is the
     * template's. No warm-up: all of it went over HTTP already, and that DynamoDB's warmth is its own JVM's.
     */
    @Override
    public List<String> createTables(List<Table> tables) throws StorageException {
        return new TableSetup(new SdkTables(client(), endpoint), "the DynamoDB at " + endpoint
                + " (--dynamodb-endpoint)", "delete that table there (aws dynamodb delete-table --table-name <name> "
                + "--endpoint-url " + endpoint + ") so that ws-local creates it again, or give --dynamodb-endpoint "
                + "another DynamoDB").createTables(tables);
    }

    /** @throws IllegalStateException once closed */
    @Override
    public DynamoDbClient client() {
        if (closed.get()) {
            throw new IllegalStateException("ws-local no longer uses the DynamoDB at " + endpoint);
        }
        return client;
    }

    @Override
    public String description() {
        return "already running, given by --dynamodb-endpoint: ws-local neither started it nor stops it";
    }

    /** Closes the client only: the DynamoDB, its tables and items stay as they are. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            client.close();
        }
    }
}
