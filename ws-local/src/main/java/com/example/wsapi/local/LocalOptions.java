package com.example.wsapi.local;

import com.example.wsapi.local.lambda.Scaling;
import com.example.wsapi.local.template.SamConfig;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * How to run the template locally (the command line's options).
 *
 * @param template           the SAM template
 * @param host               the gateway's bind address
 * @param port               the gateway's port (0: any free one)
 * @param stage              the stage, or null for the template's
 * @param region             AWS::Region and the functions' AWS_REGION
 * @param idleTimeout        API Gateway's idle timeout
 * @param dbPath             where DynamoDB Local persists, or null for memory
 * @param dynamoDbPort       DynamoDB Local's port (0: any free one)
 * @param parameterOverrides template parameter values given on the command line (replacing the SAM CLI config file's),
 *                           or null for {@code parameter_overrides} of that file ({@link ParameterOverrides#choose})
 * @param envVars            environment overrides in `sam local --env-vars` form: function logical id (or
 *                           "Parameters" for all functions) to variables
 * @param maxConcurrency     instances per function
 * @param stackName          the --stack-name option, or null for the SAM CLI config file's (see
 *                           {@link com.example.wsapi.local.template.StackName})
 * @param warmContainers     start an instance of every routed function at start, before the API is ready (SAM's
 *                           {@code --warm-containers EAGER}); otherwise each starts on its first event
 * @param scaling            when a function gets another instance
 * @param pickJava           when the runtime options' {@code java} is older than the template's Java runtime, run the
 *                           functions on an installed Java of that runtime's version (no {@code --java} given)
 * @param maxLifetime        API Gateway's connection lifetime: every connection is closed this long after its handshake
 * @param reload             while the API runs, run a routed function's rebuilt code from its next events
 *                           ({@link com.example.wsapi.local.lambda.CodeWatch}), and say when the template changed
 * @param samConfig          which SAM CLI config file and environment to read, and the SAM CLI command whose section
 *                           gives {@code parameter_overrides} ({@code --config-file}, {@code --config-env})
 * @param api                the logical id of the WebSocket API to serve ({@code --api}), or null for the template's
 *                           one
 * @param dynamoDbEndpoint   a DynamoDB Local already running to keep the tables in ({@code --dynamodb-endpoint}), or
 *                           null to start one; with it, {@code dbPath} must be null and {@code dynamoDbPort} 0
 */
public record LocalOptions(Path template, String host, int port, String stage, String region, Duration idleTimeout,
                           Path dbPath, int dynamoDbPort, Map<String, String> parameterOverrides,
                           Map<String, Map<String, String>> envVars, int maxConcurrency, String stackName,
                           boolean warmContainers, Scaling scaling, boolean pickJava, Duration maxLifetime,
                           boolean reload, SamConfig.Lookup samConfig, String api, URI dynamoDbEndpoint) {

    /** API Gateway's: a connection is closed after ten minutes without traffic either way. */
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofMinutes(10);
    /** API Gateway's: a connection is closed two hours after its handshake, whatever its traffic. */
    public static final Duration DEFAULT_MAX_LIFETIME = Duration.ofHours(2);

    public LocalOptions {
        parameterOverrides = parameterOverrides == null ? null : Map.copyOf(parameterOverrides);
        envVars = Map.copyOf(envVars);
        Objects.requireNonNull(scaling, "scaling");
        Objects.requireNonNull(maxLifetime, "maxLifetime");
        Objects.requireNonNull(samConfig, "samConfig");
        if (dynamoDbEndpoint != null && (dbPath != null || dynamoDbPort != 0)) {
            // The command line refuses the pair, naming the options; this guards other callers.
            throw new IllegalArgumentException("a DynamoDB endpoint (" + dynamoDbEndpoint + ") with a DynamoDB Local "
                    + "port or folder: ws-local starts no DynamoDB Local then");
        }
    }

    /** DynamoDB Local started by ws-local. */
    public LocalOptions(Path template, String host, int port, String stage, String region, Duration idleTimeout,
                        Path dbPath, int dynamoDbPort, Map<String, String> parameterOverrides,
                        Map<String, Map<String, String>> envVars, int maxConcurrency, String stackName,
                        boolean warmContainers, Scaling scaling, boolean pickJava, Duration maxLifetime,
                        boolean reload, SamConfig.Lookup samConfig, String api) {
        this(template, host, port, stage, region, idleTimeout, dbPath, dynamoDbPort, parameterOverrides, envVars,
                maxConcurrency, stackName, warmContainers, scaling, pickJava, maxLifetime, reload, samConfig, api, null);
    }

    /** The template's one WebSocket API. */
    public LocalOptions(Path template, String host, int port, String stage, String region, Duration idleTimeout,
                        Path dbPath, int dynamoDbPort, Map<String, String> parameterOverrides,
                        Map<String, Map<String, String>> envVars, int maxConcurrency, String stackName,
                        boolean warmContainers, Scaling scaling, boolean pickJava, Duration maxLifetime,
                        boolean reload, SamConfig.Lookup samConfig) {
        this(template, host, port, stage, region, idleTimeout, dbPath, dynamoDbPort, parameterOverrides, envVars,
                maxConcurrency, stackName, warmContainers, scaling, pickJava, maxLifetime, reload, samConfig, null);
    }

    /** The SAM CLI config file beside the template, read as {@code sam deploy} reads it. */
    public LocalOptions(Path template, String host, int port, String stage, String region, Duration idleTimeout,
                        Path dbPath, int dynamoDbPort, Map<String, String> parameterOverrides,
                        Map<String, Map<String, String>> envVars, int maxConcurrency, String stackName,
                        boolean warmContainers, Scaling scaling, boolean pickJava, Duration maxLifetime,
                        boolean reload) {
        this(template, host, port, stage, region, idleTimeout, dbPath, dynamoDbPort, parameterOverrides, envVars,
                maxConcurrency, stackName, warmContainers, scaling, pickJava, maxLifetime, reload,
                SamConfig.Lookup.DEPLOY);
    }

    /** Code and template not watched. */
    public LocalOptions(Path template, String host, int port, String stage, String region, Duration idleTimeout,
                        Path dbPath, int dynamoDbPort, Map<String, String> parameterOverrides,
                        Map<String, Map<String, String>> envVars, int maxConcurrency, String stackName,
                        boolean warmContainers, Scaling scaling, boolean pickJava, Duration maxLifetime) {
        this(template, host, port, stage, region, idleTimeout, dbPath, dynamoDbPort, parameterOverrides, envVars,
                maxConcurrency, stackName, warmContainers, scaling, pickJava, maxLifetime, false);
    }

    /** API Gateway's connection lifetime, {@link #DEFAULT_MAX_LIFETIME}. */
    public LocalOptions(Path template, String host, int port, String stage, String region, Duration idleTimeout,
                        Path dbPath, int dynamoDbPort, Map<String, String> parameterOverrides,
                        Map<String, Map<String, String>> envVars, int maxConcurrency, String stackName,
                        boolean warmContainers, Scaling scaling, boolean pickJava) {
        this(template, host, port, stage, region, idleTimeout, dbPath, dynamoDbPort, parameterOverrides, envVars,
                maxConcurrency, stackName, warmContainers, scaling, pickJava, DEFAULT_MAX_LIFETIME);
    }

    /** Functions on the runtime options' {@code java}, whatever the template's runtime. */
    public LocalOptions(Path template, String host, int port, String stage, String region, Duration idleTimeout,
                        Path dbPath, int dynamoDbPort, Map<String, String> parameterOverrides,
                        Map<String, Map<String, String>> envVars, int maxConcurrency, String stackName,
                        boolean warmContainers, Scaling scaling) {
        this(template, host, port, stage, region, idleTimeout, dbPath, dynamoDbPort, parameterOverrides, envVars,
                maxConcurrency, stackName, warmContainers, scaling, false);
    }

    /** samconfig.toml's stack name; functions started on their first event, scaled as Lambda does. */
    public LocalOptions(Path template, String host, int port, String stage, String region, Duration idleTimeout,
                        Path dbPath, int dynamoDbPort, Map<String, String> parameterOverrides,
                        Map<String, Map<String, String>> envVars, int maxConcurrency) {
        this(template, host, port, stage, region, idleTimeout, dbPath, dynamoDbPort, parameterOverrides, envVars,
                maxConcurrency, null, false, Scaling.LAMBDA);
    }
}
