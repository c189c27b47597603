package com.example.wsapi.common.aws;

import com.example.wsapi.common.AppConfig;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiClient;

/**
 * @connections clients of this JVM, one per endpoint (normally exactly one: the configured endpoint).
 * The SDK keeps the endpoint's path, so {@code https://host/dev} posts to {@code /dev/@connections/{id}}.
 */
public final class ManagementApiClients {

    private static final Map<URI, ApiGatewayManagementApiClient> CLIENTS = new ConcurrentHashMap<>();

    private ManagementApiClients() {}

    public static ApiGatewayManagementApiClient forEndpoint(URI endpoint) {
        return CLIENTS.computeIfAbsent(endpoint, ManagementApiClients::create);
    }

    private static ApiGatewayManagementApiClient create(URI endpoint) {
        return create(endpoint, AppConfig.fromEnvironment().region(), SdkClients.credentials());
    }

    /**
     * A client of its own, with other credentials and region than a function's (the HTTP backend runs outside
     * Lambda); the caller closes it.
     */
    public static ApiGatewayManagementApiClient create(URI endpoint, String region,
                                                       AwsCredentialsProvider credentials) {
        return ApiGatewayManagementApiClient.builder()
                .endpointOverride(endpoint)
                .region(SdkClients.region(region))
                .credentialsProvider(credentials)
                .httpClient(SdkClients.httpClient(endpoint))
                .overrideConfiguration(SdkClients.overrides())
                .build();
    }
}
