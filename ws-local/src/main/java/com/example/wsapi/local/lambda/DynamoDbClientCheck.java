package com.example.wsapi.local.lambda;

import com.example.wsapi.local.lambda.SdkArtifacts.Artifact;
import com.example.wsapi.local.lambda.SdkArtifacts.Shared;
import com.example.wsapi.local.log.LogLine;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Whether a function's code can find DynamoDB Local by itself. ws-local gives every function
 * {@code AWS_ENDPOINT_URL_DYNAMODB}, but only the AWS SDK for Java 2.28.1 and later read it; an older 2.x DynamoDB
 * client, or any 1.x one, calls AWS's {@code dynamodb.<region>.amazonaws.com} unless the code sets the endpoint
 * itself, and fails there (offline: an unknown host) with nothing saying why. The version is read as
 * {@link SdkArtifacts} reads it.
 */
public final class DynamoDbClientCheck {

    /** The DynamoDB client's artifact, or the bundle of every service's clients, of either SDK (2.x first). */
    private static final List<Artifact> CLIENTS = List.of(
            new Artifact("software.amazon.awssdk", "dynamodb", "2."),
            new Artifact("software.amazon.awssdk", "bundle", "2."),
            new Artifact("com.amazonaws", "aws-java-sdk-dynamodb", "1."),
            new Artifact("com.amazonaws", "aws-java-sdk-bundle", "1."));
    /** The first 2.x release that reads service-specific endpoint variables such as AWS_ENDPOINT_URL_DYNAMODB. */
    private static final int[] FIRST_READING = {2, 28, 1};

    private DynamoDbClientCheck() {}

    /**
     * A warning for each DynamoDB client that does not read {@code AWS_ENDPOINT_URL_DYNAMODB}, naming every function
     * whose code has it (functions sharing a jar share the warning).
     *
     * @param classpaths each function's classpath, by logical id, in the order to name them
     * @param describe   how to name a function's classpath entry for a person (e.g. relative to the template)
     */
    public static List<LogLine> warnings(Map<String, List<Path>> classpaths, URI dynamoEndpoint,
                                         BiFunction<String, Path, String> describe) {
        return SdkArtifacts.tooOld(classpaths, CLIENTS, client -> !readsEndpointVariable(client), describe).stream()
                .map(shared -> warning(shared, dynamoEndpoint))
                .toList();
    }

    private static LogLine warning(Shared shared, URI dynamoEndpoint) {
        boolean sdk1 = shared.found().artifact().versionStart().equals("1.");
        String text = shared.whoHas() + " the DynamoDB client of the AWS SDK for Java " + shared.versionAndPlace()
                + ", which does not read AWS_ENDPOINT_URL_DYNAMODB ("
                + (sdk1 ? "no 1.x release does; 2.28.1 and later do" : "2.28.1 and later do")
                + "): unless the code sets the endpoint itself, its DynamoDB calls go to AWS's "
                + "dynamodb.<region>.amazonaws.com, not to DynamoDB Local at " + dynamoEndpoint;
        String advice = sdk1
                ? "move to the SDK 2.28.1 or later, or build the client withEndpointConfiguration(...) from a "
                + "variable the template declares, set to " + dynamoEndpoint + " with --env-vars"
                : "use the SDK 2.28.1 or later (the BOM's version in the pom), or build the client with "
                + "endpointOverride(...) from a variable the template declares, set to " + dynamoEndpoint
                + " with --env-vars";
        return LogLine.warning(null, text, advice);
    }

    private static boolean readsEndpointVariable(SdkArtifacts.Found client) {
        return client.artifact().versionStart().equals("2.") && SdkArtifacts.atLeast(client.version(), FIRST_READING);
    }
}
