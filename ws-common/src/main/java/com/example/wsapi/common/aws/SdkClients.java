package com.example.wsapi.common.aws;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URI;
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

    /**
     * The url-connection HTTP client (no Apache or Netty client in a function), one per JVM and kind, for requests to
     * {@code endpoint} (null: the SDK's own endpoint, https). A plain-http endpoint (DynamoDB Local, ws-local's
     * {@code @connections}) gets one that sets up no TLS: the SDK's builder loads the JDK's trust store as it builds,
     * about 150 ms of CPU in a function's start that such an endpoint never uses.
     */
    public static SdkHttpClient httpClient(URI endpoint) {
        return endpoint != null && "http".equalsIgnoreCase(endpoint.getScheme()) ? PlainHttp.HTTP : Tls.HTTP;
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

    /** Built on first use: a function whose endpoints are all plain http never reads the trust store. */
    private static final class Tls {
        static final SdkHttpClient HTTP = UrlConnectionHttpClient.builder()
                .connectionTimeout(CONNECT_TIMEOUT)
                .socketTimeout(SOCKET_TIMEOUT)
                .build();
    }

    private static final class PlainHttp {
        static final SdkHttpClient HTTP = UrlConnectionHttpClient.create(PlainHttp::open);

        /** As the builder's client opens one, less the TLS set-up (the JDK's proxy settings still apply). */
        private static HttpURLConnection open(URI uri) {
            try {
                HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection();
                connection.setConnectTimeout((int) CONNECT_TIMEOUT.toMillis());
                connection.setReadTimeout((int) SOCKET_TIMEOUT.toMillis());
                return connection;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
