package com.example.wsapi.common.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.wsapi.common.posting.ConnectionPoster;
import com.example.wsapi.common.posting.Delivery;
import com.example.wsapi.common.testing.RecordingEndpoint;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiClient;

class PrimingTest {

    @Test
    void prime_runsTheRequestPathButSendsNothing_andLaterCallsGoOut() throws Exception {
        try (RecordingEndpoint endpoint = RecordingEndpoint.start();
             ApiGatewayManagementApiClient client = ApiGatewayManagementApiClient.builder()
                     .endpointOverride(endpoint.stageUrl("dev"))
                     .region(Region.US_EAST_1)
                     .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b")))
                     .httpClient(SdkClients.httpClient(endpoint.stageUrl("dev")))
                     .overrideConfiguration(SdkClients.overrides())
                     .build()) {
            ConnectionPoster poster = new ConnectionPoster(client);
            AtomicBoolean ran = new AtomicBoolean();
            Priming priming = Priming.register(() -> {
                ran.set(true);
                poster.post("primingPriming0=", "x");
            });

            priming.prime();

            assertTrue(ran.get());
            assertTrue(endpoint.requests().isEmpty(), "priming must not reach the endpoint");
            assertFalse(Priming.active());
            assertEquals(Delivery.DELIVERED, poster.post("BFHPhfCWIAMCKlQ=", "after"));
            assertEquals(1, endpoint.requests().size());
        }
    }
}
