package com.example.wsapi.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AppConfigTest {

    private static WebSocketRequest request(String domainName, String stage) {
        return new WebSocketRequest("echo", "BFHPhfCWIAMCKlQ=", 1L, 1L, domainName, stage, null, null, "{}");
    }

    @Test
    void from_appliesDefaultsWhenOptionalSettingsAreMissing() {
        AppConfig config = AppConfig.from(Map.of());
        assertEquals("us-east-1", config.region());
        assertNull(config.connectionsTable());
        assertNull(config.connectionsEndpoint());
        assertEquals(Duration.ofMinutes(130), config.connectionTtl());
        assertNull(config.dynamoDbEndpoint());
        assertNull(config.queryPageSize(), "unset: DynamoDB's own 1 MB pages");
        assertEquals(16, config.broadcastConcurrency());
    }

    @Test
    void dynamoDbEndpointName_followsTheSdksOrder_elseNamesTheRegion() {
        assertEquals("DynamoDB in eu-west-1", AppConfig.from(Map.of("AWS_REGION", "eu-west-1")).dynamoDbEndpointName());
        assertEquals("http://global:1", AppConfig.from(Map.of("AWS_ENDPOINT_URL", "http://global:1"))
                .dynamoDbEndpointName());
        assertEquals("http://dynamo:2", AppConfig.from(Map.of("AWS_ENDPOINT_URL", "http://global:1",
                "AWS_ENDPOINT_URL_DYNAMODB", "http://dynamo:2")).dynamoDbEndpointName());
        assertEquals("http://override:3", AppConfig.from(Map.of("AWS_ENDPOINT_URL_DYNAMODB", "http://dynamo:2",
                AppConfig.DYNAMODB_ENDPOINT, "http://override:3")).dynamoDbEndpointName());
        // sam local passes a declared but empty DYNAMODB_ENDPOINT: not an endpoint.
        assertEquals("http://dynamo:2", AppConfig.from(Map.of("AWS_ENDPOINT_URL_DYNAMODB", "http://dynamo:2",
                AppConfig.DYNAMODB_ENDPOINT, "")).dynamoDbEndpointName());
    }

    @Test
    void dynamoDbTarget_isTheConfiguredEndpoint_elseNullForDynamoDbInTheRegion() {
        assertNull(AppConfig.from(Map.of("AWS_REGION", "eu-west-1")).dynamoDbTarget());
        assertEquals(URI.create("http://dynamo:2"), AppConfig.from(Map.of("AWS_ENDPOINT_URL",
                "https://global:1", "AWS_ENDPOINT_URL_DYNAMODB", "http://dynamo:2")).dynamoDbTarget());
        assertEquals(URI.create("https://global:1"), AppConfig.from(Map.of("AWS_ENDPOINT_URL", "https://global:1"))
                .dynamoDbTarget());
        assertEquals(URI.create("http://override:3"), AppConfig.from(Map.of("AWS_ENDPOINT_URL_DYNAMODB",
                "https://dynamo:2", AppConfig.DYNAMODB_ENDPOINT, "http://override:3")).dynamoDbTarget());
    }

    @Test
    void from_readsPageSizeAndBroadcastConcurrency() {
        AppConfig config = AppConfig.from(Map.of(AppConfig.QUERY_PAGE_SIZE, "2", AppConfig.BROADCAST_CONCURRENCY, "4"));
        assertEquals(2, config.queryPageSize());
        assertEquals(4, config.broadcastConcurrency());
    }

    @Test
    void from_rejectsPageSizesAndConcurrencyOutOfRange_namingTheVariable() {
        for (String bad : new String[] {"0", "-1", "many", "2.5"}) {
            assertTrue(assertThrows(IllegalStateException.class,
                    () -> AppConfig.from(Map.of(AppConfig.QUERY_PAGE_SIZE, bad))).getMessage()
                    .contains(AppConfig.QUERY_PAGE_SIZE));
        }
        assertTrue(assertThrows(IllegalStateException.class,
                () -> AppConfig.from(Map.of(AppConfig.BROADCAST_CONCURRENCY, "65"))).getMessage()
                .contains("1 to 64"));
    }

    @Test
    void from_readsTheDynamoDbEndpoint_blankMeaningUnset() {
        assertEquals(URI.create("http://host.docker.internal:8000"),
                AppConfig.from(Map.of(AppConfig.DYNAMODB_ENDPOINT, "http://host.docker.internal:8000"))
                        .dynamoDbEndpoint());
        assertNull(AppConfig.from(Map.of(AppConfig.DYNAMODB_ENDPOINT, "")).dynamoDbEndpoint());
    }

    @Test
    void connectionsEndpoint_prefersConfigurationOverTheEventsDomain() {
        AppConfig config = AppConfig.from(Map.of(AppConfig.CONNECTIONS_ENDPOINT, "http://127.0.0.1:3001/dev"));
        assertEquals(URI.create("http://127.0.0.1:3001/dev"),
                config.connectionsEndpointFor(request("chat.example.com", "prod")));
    }

    @Test
    void connectionsEndpoint_fallsBackToTheEventsDomainAndStage() {
        AppConfig config = AppConfig.from(Map.of());
        assertEquals(URI.create("https://abc123defg.execute-api.eu-west-1.amazonaws.com/dev"),
                config.connectionsEndpointFor(request("abc123defg.execute-api.eu-west-1.amazonaws.com", "dev")));
    }

    @Test
    void connectionsEndpoint_withNeitherConfigurationNorDomain_explainsWhatIsMissing() {
        InvalidEventException e = assertThrows(InvalidEventException.class,
                () -> AppConfig.from(Map.of()).connectionsEndpointFor(request(null, null)));
        assertTrue(e.getMessage().contains("CONNECTIONS_ENDPOINT"), e.getMessage());
    }

    @Test
    void from_rejectsBadValuesNamingTheVariable() {
        assertTrue(assertThrows(IllegalStateException.class,
                () -> AppConfig.from(Map.of(AppConfig.CONNECTION_TTL_SECONDS, "soon"))).getMessage()
                .contains(AppConfig.CONNECTION_TTL_SECONDS));
        assertTrue(assertThrows(IllegalStateException.class,
                () -> AppConfig.from(Map.of(AppConfig.CONNECTIONS_ENDPOINT, "not a url"))).getMessage()
                .contains(AppConfig.CONNECTIONS_ENDPOINT));
        assertTrue(assertThrows(IllegalStateException.class,
                () -> AppConfig.from(Map.of()).requireTable()).getMessage().contains(AppConfig.CONNECTIONS_TABLE));
    }
}
