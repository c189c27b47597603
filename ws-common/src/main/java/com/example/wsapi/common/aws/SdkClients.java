package com.example.wsapi.common.aws;

import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProviderChain;
import software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;

/** What every SDK client of a function shares: one lean HTTP client, timeouts, credentials, region. */
public final class SdkClients {

    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(5);
    static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(5);
    static final Duration CALL_TIMEOUT = Duration.ofSeconds(12);
    private static final String CONTENT_LENGTH = "Content-Length";

    private SdkClients() {}

    /** One url-connection HTTP client per JVM (no Apache or Netty client in a function). */
    public static SdkHttpClient httpClient() {
        return Shared.HTTP;
    }

    public static ClientOverrideConfiguration overrides() {
        return ClientOverrideConfiguration.builder()
                .apiCallAttemptTimeout(ATTEMPT_TIMEOUT)
                .apiCallTimeout(CALL_TIMEOUT)
                .addExecutionInterceptor(new Priming.StopBeforeSending())
                .addExecutionInterceptor(new BufferedBodies())
                .build();
    }

    /**
     * Environment variables (plain Lambda, sam local, ws-local), then the container endpoint, which is what
     * SnapStart functions get: no keys are frozen into a snapshot.
     */
    public static AwsCredentialsProvider credentials() {
        return AwsCredentialsProviderChain.builder()
                .credentialsProviders(EnvironmentVariableCredentialsProvider.create(),
                        ContainerCredentialsProvider.builder().build())
                .reuseLastProviderEnabled(false)
                .build();
    }

    public static Region region(String name) {
        return Region.of(name);
    }

    /**
     * Sends request bodies buffered instead of streamed. Before a streamed POST on a reused keep-alive connection,
     * {@code HttpURLConnection} checks the connection with a read that blocks for 1 ms, a millisecond on every SDK
     * call; a buffered POST skips that check (the JDK resends it once should the connection turn out closed). The
     * JDK then sets Content-Length itself; the bodies here are small (an item, a message of at most 128 KB).
     */
    static final class BufferedBodies implements ExecutionInterceptor {
        @Override
        public SdkHttpRequest modifyHttpRequest(Context.ModifyHttpRequest context,
                                                ExecutionAttributes executionAttributes) {
            SdkHttpRequest request = context.httpRequest();
            return request.firstMatchingHeader(CONTENT_LENGTH).isPresent()
                    ? request.toBuilder().removeHeader(CONTENT_LENGTH).build() : request;
        }
    }

    private static final class Shared {
        static final SdkHttpClient HTTP = UrlConnectionHttpClient.builder()
                .connectionTimeout(CONNECT_TIMEOUT)
                .socketTimeout(SOCKET_TIMEOUT)
                .build();
    }
}
