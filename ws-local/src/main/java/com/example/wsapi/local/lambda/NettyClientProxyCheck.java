package com.example.wsapi.local.lambda;

import com.example.wsapi.local.lambda.SdkArtifacts.Artifact;
import com.example.wsapi.local.lambda.SdkArtifacts.Shared;
import com.example.wsapi.local.log.LogLine;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Whether a function's async SDK clients reach ws-local's proxy by themselves. The SDK's Netty client
 * ({@code NettyNioAsyncHttpClient}, the async clients' default) reads {@code http.proxyHost} by default only from
 * the AWS SDK for Java 2.25.0 on; an older one uses no proxy unless the code gives it one, so an {@code @connections}
 * endpoint built from the event's {@code domainName} goes to AWS (offline: an unknown host) with nothing saying why.
 * The version is read as {@link SdkArtifacts} reads it.
 */
public final class NettyClientProxyCheck {

    /** The Netty client's artifact, or the bundle of every service's clients (which has it). */
    static final List<Artifact> CLIENTS = List.of(
            new Artifact("software.amazon.awssdk", "netty-nio-client", "2."),
            new Artifact("software.amazon.awssdk", "bundle", "2."));
    /** The first release whose Netty client starts from proxy settings read from the system properties. */
    private static final int[] FIRST_READING = {2, 25, 0};

    private NettyClientProxyCheck() {}

    /**
     * A warning for each Netty client that does not read the proxy properties by default, naming every function whose
     * code has it (functions sharing a jar share the warning).
     *
     * @param classpaths each function's classpath, by logical id, in the order to name them
     * @param describe   how to name a function's classpath entry for a person (e.g. relative to the template)
     */
    public static List<LogLine> warnings(Map<String, List<Path>> classpaths,
                                         BiFunction<String, Path, String> describe) {
        return SdkArtifacts.tooOld(classpaths, CLIENTS, client -> !readsProxy(client), describe).stream()
                .map(NettyClientProxyCheck::warning)
                .toList();
    }

    /** Whether this Netty client starts from the proxy the system properties name. */
    static boolean readsProxy(SdkArtifacts.Found client) {
        return SdkArtifacts.atLeast(client.version(), FIRST_READING);
    }

    private static LogLine warning(Shared shared) {
        return LogLine.warning(null, shared.whoHas() + " the Netty HTTP client of the AWS SDK for Java "
                + shared.versionAndPlace() + ", which uses no proxy unless the code gives it one (2.25.0 and later "
                + "read http.proxyHost): an async @connections client on it (the async clients' default) whose "
                + "endpoint is built from the event's domainName posts to AWS, not to ws-local",
                "use the SDK 2.25.0 or later (the BOM's version in the pom), or build the endpoint from a variable "
                        + "set to the API's URL (ws-local points it at itself)");
    }
}
