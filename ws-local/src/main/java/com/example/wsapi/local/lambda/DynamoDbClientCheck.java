package com.example.wsapi.local.lambda;

import com.example.wsapi.local.lambda.SdkArtifacts.Artifact;
import com.example.wsapi.local.lambda.SdkArtifacts.Found;
import com.example.wsapi.local.lambda.SdkArtifacts.Shared;
import com.example.wsapi.local.log.LogLine;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Whether a function's DynamoDB client reaches DynamoDB Local. ws-local gives every function
 * {@code AWS_ENDPOINT_URL_DYNAMODB}, which the AWS SDK for Java 2.28.1 and later read. An older 2.x client, or a 1.x
 * one, calls AWS's {@code dynamodb.<region>.amazonaws.com} instead, through the proxy function JVMs are given, which
 * sends it to DynamoDB Local ({@code gateway/ProxyRoutes}); said in a detail line. Warned of: the clients that do not
 * go through that proxy, and so call AWS (offline: an unknown host) with nothing saying why: a 1.x one before 1.10.46
 * (the first to read {@code https.proxyHost}), and an async 2.x one on the SDK's Netty client before 2.25.0
 * ({@link NettyClientProxyCheck}). Versions are read as {@link SdkArtifacts} reads them.
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
    /** The first 1.x release whose ClientConfiguration reads https.proxyHost (checked in its jar: 1.10.45's does not). */
    private static final int[] FIRST_SDK1_PROXIED = {1, 10, 46};

    private DynamoDbClientCheck() {}

    /**
     * For each DynamoDB client that does not read {@code AWS_ENDPOINT_URL_DYNAMODB}: a warning when its calls go to
     * AWS, else a detail line saying that they reach DynamoDB Local through the proxy; each names every function whose
     * code has it (functions sharing a jar share the line). Warnings first.
     *
     * @param classpaths each function's classpath, by logical id, in the order to name them
     * @param describe   how to name a function's classpath entry for a person (e.g. relative to the template)
     */
    public static List<LogLine> lines(Map<String, List<Path>> classpaths, URI dynamoEndpoint,
                                      BiFunction<String, Path, String> describe) {
        Map<String, List<Path>> oldNetty = new LinkedHashMap<>();
        Map<String, List<Path>> otherwise = new LinkedHashMap<>();
        classpaths.forEach((id, classpath) -> (SdkArtifacts.find(classpath, NettyClientProxyCheck.CLIENTS)
                .filter(netty -> !NettyClientProxyCheck.readsProxy(netty)).isPresent() ? oldNetty : otherwise)
                .put(id, classpath));
        List<LogLine> lines = new ArrayList<>();
        SdkArtifacts.tooOld(classpaths, CLIENTS, client -> sdk1(client) && !proxied(client), describe)
                .forEach(shared -> lines.add(sdk1Warning(shared, dynamoEndpoint)));
        SdkArtifacts.tooOld(oldNetty, CLIENTS, client -> !sdk1(client) && !readsEndpointVariable(client), describe)
                .forEach(shared -> lines.add(asyncWarning(shared, dynamoEndpoint)));
        SdkArtifacts.tooOld(otherwise, CLIENTS, client -> !sdk1(client) && !readsEndpointVariable(client), describe)
                .forEach(shared -> lines.add(throughProxy(shared, dynamoEndpoint)));
        SdkArtifacts.tooOld(classpaths, CLIENTS, client -> sdk1(client) && proxied(client), describe)
                .forEach(shared -> lines.add(throughProxy(shared, dynamoEndpoint)));
        return lines;
    }

    private static LogLine throughProxy(Shared shared, URI dynamoEndpoint) {
        return LogLine.of(null, LogLine.Kind.DETAIL, shared.whoHas() + " the DynamoDB client of the AWS SDK for Java "
                + shared.versionAndPlace() + ", which does not read AWS_ENDPOINT_URL_DYNAMODB: its calls to AWS's "
                + "dynamodb.<region>.amazonaws.com reach DynamoDB Local at " + dynamoEndpoint
                + " through ws-local's proxy");
    }

    private static LogLine sdk1Warning(Shared shared, URI dynamoEndpoint) {
        return LogLine.warning(null, shared.whoHas() + " the DynamoDB client of the AWS SDK for Java "
                        + shared.versionAndPlace() + ", which reads neither AWS_ENDPOINT_URL_DYNAMODB (no 1.x release "
                        + "does) nor the proxy ws-local gives (1.10.46 and later read https.proxyHost): unless the "
                        + "code sets the endpoint itself, its DynamoDB calls go to AWS's "
                        + "dynamodb.<region>.amazonaws.com, not to DynamoDB Local at " + dynamoEndpoint,
                "use the SDK 1.10.46 or later (1.12.x), or 2.28.1 or later, or build the client "
                        + "withEndpointConfiguration(...) from a variable the template declares, set to "
                        + dynamoEndpoint + " with --env-vars");
    }

    private static LogLine asyncWarning(Shared shared, URI dynamoEndpoint) {
        return LogLine.warning(null, shared.whoHas() + " the DynamoDB client of the AWS SDK for Java "
                        + shared.versionAndPlace() + ", which does not read AWS_ENDPOINT_URL_DYNAMODB (2.28.1 and "
                        + "later do), and the SDK's Netty HTTP client, which uses no proxy unless the code gives it "
                        + "one (2.25.0 and later read http.proxyHost): a DynamoDbClient reaches DynamoDB Local at "
                        + dynamoEndpoint + " through ws-local's proxy, but a DynamoDbAsyncClient on Netty (the async "
                        + "clients' default) calls AWS's dynamodb.<region>.amazonaws.com",
                "use the SDK 2.28.1 or later (the BOM's version in the pom), or build the async client with "
                        + "endpointOverride(...) from a variable the template declares, set to " + dynamoEndpoint
                        + " with --env-vars");
    }

    private static boolean sdk1(Found client) {
        return client.artifact().versionStart().equals("1.");
    }

    private static boolean proxied(Found sdk1Client) {
        return SdkArtifacts.atLeast(sdk1Client.version(), FIRST_SDK1_PROXIED);
    }

    private static boolean readsEndpointVariable(Found client) {
        return !sdk1(client) && SdkArtifacts.atLeast(client.version(), FIRST_READING);
    }
}
