package com.example.wsapi.common.broadcast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.wsapi.common.connections.ConnectionStore;
import com.example.wsapi.common.posting.ConnectionPoster;
import com.example.wsapi.common.testing.LocalDynamoDb;
import com.example.wsapi.common.testing.RecordingEndpoint;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The broadcaster against a real recording endpoint. Its store points at an unreachable DynamoDB: only a 410
 * touches the store (stale-record removal against DynamoDB Local is covered by SendMessageServiceIT).
 */
class BroadcasterTest {

    private static final int SDK_ATTEMPTS = 2;
    private static final ThrottleBackoff FAST = new ThrottleBackoff(3, Duration.ofMillis(1), Duration.ofMillis(5));

    @AutoClose
    private final RecordingEndpoint endpoint = RecordingEndpoint.start(SDK_ATTEMPTS);
    private DynamoDbClient unreachableDynamo;
    private ExecutorService pool;

    @BeforeEach
    void start() throws Exception {
        unreachableDynamo = DynamoDbClient.builder() // fails at once: no SDK retries against a closed port
                .endpointOverride(LocalDynamoDb.unreachableEndpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
        pool = Executors.newFixedThreadPool(8);
    }

    @AfterEach
    void stop() {
        pool.shutdownNow();
        unreachableDynamo.close();
    }

    private Broadcaster broadcaster(int maxInFlight) {
        return new Broadcaster(new ConnectionPoster(endpoint.client()),
                new ConnectionStore(unreachableDynamo, "connections"), pool, maxInFlight, FAST);
    }

    private static List<String> ids(int count) {
        return IntStream.range(0, count).mapToObj(i -> String.format("Member%08d0=", i)).toList();
    }

    @Test
    void broadcast_postsTheDataToEveryConnectionOnce() {
        List<String> ids = ids(20);

        BroadcastResult result = broadcaster(4).broadcast(ids.stream(), "hi");

        assertEquals(new BroadcastResult(20, 0, 0, result.duration(), null), result);
        for (String id : ids) {
            assertEquals(List.of("hi"), endpoint.bodiesFor(id), id);
        }
    }

    @Test
    void broadcast_keepsAtMostMaxInFlightPostsOpen_andDoesRunThemConcurrently() {
        endpoint.delayResponses(Duration.ofMillis(250));

        BroadcastResult result = broadcaster(3).broadcast(ids(9).stream(), "x");

        assertEquals(9, result.delivered());
        assertTrue(endpoint.maxConcurrentRequests() <= 3, "in flight: " + endpoint.maxConcurrentRequests());
        assertTrue(endpoint.maxConcurrentRequests() > 1, "posts must overlap: " + endpoint.maxConcurrentRequests());
    }

    @Test
    void broadcast_whenThrottledBeyondTheSdksRetries_retriesWithBackoffThenDelivers() {
        List<String> ids = ids(3);
        int throttled = SDK_ATTEMPTS * 2 + 1; // two failed SDK calls, then the third call's second attempt succeeds
        endpoint.answer(ids.get(1), 429, throttled);

        BroadcastResult result = broadcaster(4).broadcast(ids.stream(), "x");

        assertEquals(3, result.delivered());
        assertEquals(0, result.failed());
        assertEquals(throttled + 1, endpoint.bodiesFor(ids.get(1)).size());
    }

    @Test
    void broadcast_whenThrottledThroughEveryRetry_countsAFailureAndDeliversTheRest() {
        List<String> ids = ids(4);
        endpoint.answer(ids.get(2), 429);

        BroadcastResult result = broadcaster(4).broadcast(ids.stream(), "x");

        assertEquals(3, result.delivered());
        assertEquals(1, result.failed());
        assertEquals(SDK_ATTEMPTS * (1 + FAST.maxRetries()), endpoint.bodiesFor(ids.get(2)).size());
        assertTrue(result.firstProblem().contains("429"), result.firstProblem());
    }

    @Test
    void broadcast_whenForbidden_countsAFailureWithoutExtraRetries() {
        List<String> ids = ids(3);
        endpoint.answer(ids.get(0), 403);

        BroadcastResult result = broadcaster(2).broadcast(ids.stream(), "x");

        assertEquals(2, result.delivered());
        assertEquals(1, result.failed());
        assertEquals(1, endpoint.bodiesFor(ids.get(0)).size(), "only throttling is retried");
    }

    @Test
    void broadcast_whenAConnectionIsGoneAndItsRecordCannotBeRemoved_countsItGoneAndSaysSo() {
        List<String> ids = ids(3);
        endpoint.markGone(ids.get(1));

        BroadcastResult result = broadcaster(2).broadcast(ids.stream(), "x");

        assertEquals(2, result.delivered());
        assertEquals(1, result.gone());
        assertEquals(0, result.failed());
        assertTrue(result.firstProblem().contains("stale record of " + ids.get(1)), result.firstProblem());
    }

    @Test
    void broadcast_toNobody_postsNothing() {
        BroadcastResult result = broadcaster(2).broadcast(Stream.empty(), "x");
        assertEquals(0, result.addressed());
        assertNull(result.firstProblem());
        assertTrue(endpoint.requests().isEmpty());
    }

    @Test
    void broadcast_whenReadingRecipientsFails_finishesStartedPostsThenThrows() {
        Stream<String> failing = Stream.concat(ids(2).stream(), Stream.of("boom")).map(id -> {
            if (id.equals("boom")) {
                throw new IllegalStateException("the next page could not be read");
            }
            return id;
        });

        assertThrows(IllegalStateException.class, () -> broadcaster(4).broadcast(failing, "x"));

        assertEquals(2, endpoint.requests().size());
    }
}
