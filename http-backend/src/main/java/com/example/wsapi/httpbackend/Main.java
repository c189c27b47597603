package com.example.wsapi.httpbackend;

import com.example.wsapi.common.AppConfig;
import com.example.wsapi.common.aws.DynamoDbClients;
import com.example.wsapi.common.aws.ManagementApiClients;
import com.example.wsapi.common.connections.ConnectionStore;
import com.example.wsapi.common.posting.ConnectionPoster;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** {@code java -jar http-backend.jar [options]}: runs the backend until SIGTERM (or Ctrl+C). */
@Command(name = "http-backend", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        version = "http-backend 1.0.0",
        description = {
            "The HTTP backend behind the WebSocket API of http-backend/template.yaml: API Gateway (or ws-local) holds "
                    + "the connections and calls POST /connect, /disconnect, /handle-event, /sendmessage and "
                    + "/whoami; the backend keeps connections in the DynamoDB table and answers through @connections.",
            ""},
        footer = {"", "Every option can also be set with the environment variable in brackets.",
            "Offline, next to ws-local on http-backend/template.yaml:",
            "  java -jar http-backend/target/http-backend.jar --connections-endpoint http://127.0.0.1:3001/dev "
                    + "--dynamodb-endpoint http://127.0.0.1:8000"})
public final class Main implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger("http-backend");

    @Spec
    CommandSpec spec;

    @Option(names = "--port", paramLabel = "<n>", defaultValue = "${env:PORT:-8080}",
            description = "Port to listen on; 0 picks a free one [PORT] (default: 8080)")
    int port;

    @Option(names = "--host", paramLabel = "<addr>", defaultValue = "${env:BIND_HOST:-127.0.0.1}",
            description = "Address to listen on; 0.0.0.0 where API Gateway must reach it [BIND_HOST] "
                    + "(default: 127.0.0.1)")
    String host;

    @Option(names = "--connections-endpoint", paramLabel = "<url>", defaultValue = "${env:CONNECTIONS_ENDPOINT}",
            description = "The stage's URL for @connections, e.g. http://127.0.0.1:3001/dev (ws-local) or "
                    + "https://{api-id}.execute-api.{region}.amazonaws.com/{stage} [CONNECTIONS_ENDPOINT] (required)")
    String connectionsEndpoint;

    @Option(names = "--table", paramLabel = "<name>", defaultValue = "${env:CONNECTIONS_TABLE}",
            description = "The connection table, the stack's ConnectionsTableName [CONNECTIONS_TABLE] (required, "
                    + "except with --dynamodb-endpoint: " + BackendSettings.LOCAL_TABLE + ", ws-local's name for it)")
    String table;

    @Option(names = "--dynamodb-endpoint", paramLabel = "<url>", defaultValue = "${env:DYNAMODB_ENDPOINT}",
            description = "Local only: DynamoDB Local's URL, e.g. http://127.0.0.1:8000 (ws-local --dynamodb-port "
                    + "8000); dummy credentials then [DYNAMODB_ENDPOINT]")
    String dynamoDbEndpoint;

    @Option(names = "--region", paramLabel = "<region>", defaultValue = "${env:AWS_REGION}",
            description = "The stack's region [AWS_REGION] (default: the AWS SDK's, e.g. from the profile; "
                    + BackendSettings.LOCAL_REGION + " with --dynamodb-endpoint)")
    String region;

    public static void main(String[] args) {
        int status = new CommandLine(new Main())
                .setParameterExceptionHandler((e, ignored) -> {
                    // The problem and what to do, not the whole usage text.
                    e.getCommandLine().getErr().println("http-backend: " + e.getMessage());
                    e.getCommandLine().getErr().println("Run with --help for every option.");
                    return 2;
                })
                .execute(args);
        if (status != 0) {
            System.exit(status);
        }
        // Started: the server's threads keep the JVM running until SIGTERM runs the shutdown hook.
    }

    @Override
    public Integer call() {
        BackendSettings settings;
        try {
            settings = BackendSettings.resolve(host, port, connectionsEndpoint, table, dynamoDbEndpoint, region,
                    Main::sdkRegion);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        AwsCredentialsProvider credentials = credentials(settings);
        String dynamoDbEndpointName = settings.dynamoDbEndpoint() != null ? settings.dynamoDbEndpoint().toString()
                : "DynamoDB in " + settings.region();
        DynamoDbClient dynamo = DynamoDbClients.create(new AppConfig(settings.region(), settings.table(),
                settings.connectionsEndpoint(), AppConfig.DEFAULT_CONNECTION_TTL, settings.dynamoDbEndpoint(), null,
                AppConfig.DEFAULT_BROADCAST_CONCURRENCY, dynamoDbEndpointName), credentials);
        ApiGatewayManagementApiClient connections = ManagementApiClients.create(settings.connectionsEndpoint(),
                settings.region(), credentials);
        HttpBackend backend;
        try {
            backend = HttpBackend.start(new InetSocketAddress(settings.host(), settings.port()),
                    new ConnectionStore(dynamo, settings.table(), null, dynamoDbEndpointName), new ConnectionPoster(connections),
                    AppConfig.DEFAULT_CONNECTION_TTL, Clock.systemUTC());
        } catch (IOException e) {
            closeAll(dynamo, connections, credentials instanceof AutoCloseable closeable ? closeable : null);
            spec.commandLine().getErr().println("http-backend: cannot listen on " + settings.host() + ":"
                    + settings.port() + ": " + e.getMessage() + " (another process on that port? choose --port)");
            return 1;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            boolean drained = backend.stop();
            closeAll(dynamo, connections, credentials instanceof AutoCloseable closeable ? closeable : null);
            LOG.info(drained ? "stopped" : "stopped; requests still running after the grace period were cut short");
        }, "http-backend-stop"));
        InetSocketAddress address = backend.address();
        LOG.info("listening on http://{}:{} (table {} on {}, @connections {}, region {})",
                address.getHostString(), address.getPort(), settings.table(),
                settings.local() ? settings.dynamoDbEndpoint() : "DynamoDB", settings.connectionsEndpoint(),
                settings.region());
        return 0;
    }

    /**
     * Locally the dummy credentials DynamoDB Local and ws-local accept (never real keys by accident); otherwise the
     * SDK's default chain (environment, profile, container and instance roles), checked now rather than on the
     * first connect, which would be refused with nothing in the log but "could not be stored".
     */
    private AwsCredentialsProvider credentials(BackendSettings settings) {
        if (settings.local()) {
            return StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"));
        }
        DefaultCredentialsProvider chain = DefaultCredentialsProvider.builder().build();
        try {
            chain.resolveCredentials();
        } catch (SdkException e) {
            chain.close();
            throw new ParameterException(spec.commandLine(), "no AWS credentials found (" + e.getMessage()
                    + "); locally, pass --dynamodb-endpoint to use DynamoDB Local with dummy credentials");
        }
        return chain;
    }

    private static Optional<String> sdkRegion() {
        try {
            return Optional.of(new DefaultAwsRegionProviderChain().getRegion().id());
        } catch (SdkException e) {
            return Optional.empty();
        }
    }

    private static void closeAll(AutoCloseable... resources) {
        for (AutoCloseable resource : resources) {
            try {
                if (resource != null) {
                    resource.close();
                }
            } catch (Exception e) {
                LOG.warn("closing {} failed: {}", resource.getClass().getSimpleName(), e.toString());
            }
        }
    }
}
