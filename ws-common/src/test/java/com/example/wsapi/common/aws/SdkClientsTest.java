package com.example.wsapi.common.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.wsapi.common.posting.ConnectionPoster;
import com.example.wsapi.common.posting.Delivery;
import com.example.wsapi.common.testing.RecordingEndpoint;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiClient;

class SdkClientsTest {

    @Test
    void post_sendsTheBodyBuffered_andItArrivesWhole() throws Exception {
        List<SdkHttpRequest> handedToHttpClient = new CopyOnWriteArrayList<>();
        ExecutionInterceptor recorder = new ExecutionInterceptor() {
            @Override
            public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
                handedToHttpClient.add(context.httpRequest());
            }
        };
        try (RecordingEndpoint endpoint = RecordingEndpoint.start();
             ApiGatewayManagementApiClient client = client(endpoint.stageUrl("dev"),
                     SdkClients.overrides().toBuilder().addExecutionInterceptor(recorder).build())) {
            ConnectionPoster poster = new ConnectionPoster(client);
            String message = "{\"message\":\"h\u00e9llo\"}".repeat(500); // multi-byte characters: length in bytes

            // Twice: the second call reuses the kept-alive connection, where a streamed POST was probed first.
            assertEquals(Delivery.DELIVERED, poster.post("BFHPhfCWIAMCKlQ=", message));
            assertEquals(Delivery.DELIVERED, poster.post("BFHPhfCWIAMCKlQ=", message));

            assertEquals(List.of(message, message), endpoint.bodiesFor("BFHPhfCWIAMCKlQ="));
            assertEquals(2, handedToHttpClient.size());
            // No Content-Length for the HTTP client: it buffers the body and sets the length itself.
            handedToHttpClient.forEach(request -> assertFalse(
                    request.firstMatchingHeader("Content-Length").isPresent(), request.headers()::toString));
            assertTrue(handedToHttpClient.get(0).firstMatchingHeader("Authorization").isPresent(),
                    "still signed");
        }
    }

    @Test
    void httpClient_forAPlainHttpEndpoint_isOneWithoutTls_andItCarriesRequests() throws Exception {
        URI local = URI.create("http://127.0.0.1:3001/dev");
        SdkHttpClient tls = SdkClients.httpClient(URI.create("https://abc.execute-api.us-east-1.amazonaws.com/dev"));
        assertNotSame(tls, SdkClients.httpClient(local), "no TLS set-up for plain http");
        assertSame(SdkClients.httpClient(local), SdkClients.httpClient(URI.create("HTTP://localhost:8000")));
        assertSame(tls, SdkClients.httpClient(null), "the SDK's own endpoints are https");

        try (RecordingEndpoint endpoint = RecordingEndpoint.start();
             ApiGatewayManagementApiClient client = client(endpoint.stageUrl("dev"), SdkClients.overrides())) {
            assertEquals(Delivery.DELIVERED, new ConnectionPoster(client).post("BFHPhfCWIAMCKlQ=", "plain"));
            assertEquals(List.of("plain"), endpoint.bodiesFor("BFHPhfCWIAMCKlQ="));
        }
    }

    private static ApiGatewayManagementApiClient client(URI endpoint, ClientOverrideConfiguration overrides) {
        return ApiGatewayManagementApiClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b")))
                .httpClient(SdkClients.httpClient(endpoint))
                .overrideConfiguration(overrides)
                .build();
    }
}
