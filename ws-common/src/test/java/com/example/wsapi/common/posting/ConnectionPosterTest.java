package com.example.wsapi.common.posting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.wsapi.common.testing.RecordingEndpoint;
import com.example.wsapi.common.testing.RecordingEndpoint.Request;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

class ConnectionPosterTest {

    @AutoClose
    private final RecordingEndpoint endpoint = RecordingEndpoint.start();
    private final ConnectionPoster poster = new ConnectionPoster(endpoint.client());

    @Test
    void post_sendsTheRawDataToTheStagesConnectionPath_signedForExecuteApi() {
        assertEquals(Delivery.DELIVERED, poster.post("BFHPhfCWIAMCKlQ=", "hello"));

        Request request = endpoint.requests().get(0);
        assertEquals("POST", request.method());
        assertEquals("/dev/@connections/BFHPhfCWIAMCKlQ%3D", request.path());
        assertEquals("BFHPhfCWIAMCKlQ=", request.connectionId());
        assertEquals("hello", request.body());
        assertTrue(request.authorization().contains("/execute-api/aws4_request"), request.authorization());
    }

    @Test
    void post_whenConnectionGone_reportsGoneWithoutRetrying() {
        endpoint.markGone("BFHPhfCWIAMCKlQ=");

        assertEquals(Delivery.GONE, poster.post("BFHPhfCWIAMCKlQ=", "hello"));
        assertEquals(1, endpoint.requests().size(), "a 410 is final: never retried");
    }

    @Test
    void post_whenThrottled_retriesThenSucceedsOrFails() {
        endpoint.answer("BFHPhfCWIAMCKlQ=", 429);

        PostFailedException e = assertThrows(PostFailedException.class, () -> poster.post("BFHPhfCWIAMCKlQ=", "x"));
        assertEquals(429, e.statusCode());
        assertTrue(endpoint.requests().size() > 1, "throttling is retried by the SDK");
    }

    @Test
    void post_whenForbidden_failsWithTheStatus() {
        endpoint.answer("BFHPhfCWIAMCKlQ=", 403);

        PostFailedException e = assertThrows(PostFailedException.class, () -> poster.post("BFHPhfCWIAMCKlQ=", "x"));
        assertEquals(403, e.statusCode());
        assertEquals(List.of("POST"), endpoint.requests().stream().map(Request::method).toList());
    }
}
