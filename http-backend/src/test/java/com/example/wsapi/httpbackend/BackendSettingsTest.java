package com.example.wsapi.httpbackend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BackendSettingsTest {

    private static final Supplier<Optional<String>> NO_SDK_REGION = Optional::empty;
    private static final Supplier<Optional<String>> NOT_ASKED = () -> {
        throw new AssertionError("the SDK's region chain was consulted");
    };

    private static BackendSettings local(String connectionsEndpoint) {
        return BackendSettings.resolve("127.0.0.1", 8080, connectionsEndpoint, null, "http://127.0.0.1:8000", null,
                NOT_ASKED);
    }

    @Test
    void resolve_locally_usesWsLocalsTableNameAndAnyRegion() {
        BackendSettings settings = local("http://127.0.0.1:3001/dev");

        assertTrue(settings.local());
        assertEquals(BackendSettings.LOCAL_TABLE, settings.table());
        assertEquals(BackendSettings.LOCAL_REGION, settings.region());
        assertEquals(URI.create("http://127.0.0.1:3001/dev"), settings.connectionsEndpoint());
        assertEquals(URI.create("http://127.0.0.1:8000"), settings.dynamoDbEndpoint());
    }

    @Test
    void localTable_isTheNameWsLocalGivesTheTemplatesTable() {
        // ws-local names a table without TableName {stack}-{logical id}-LOCAL, the stack after the template's folder.
        assertEquals("http-backend-ConnectionsTable-LOCAL", BackendSettings.LOCAL_TABLE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://abc123.execute-api.eu-west-3.amazonaws.com/prod/@connections",
        "https://abc123.execute-api.eu-west-3.amazonaws.com/prod/@connections/",
        "https://abc123.execute-api.eu-west-3.amazonaws.com/prod/",
        " https://abc123.execute-api.eu-west-3.amazonaws.com/prod "})
    void resolve_theStacksConnectionsUrl_isTakenAsTheStageUrl(String url) {
        BackendSettings settings = BackendSettings.resolve("0.0.0.0", 8080, url, "stack-ConnectionsTable-X1", null,
                "eu-west-3", NOT_ASKED);

        assertEquals(URI.create("https://abc123.execute-api.eu-west-3.amazonaws.com/prod"),
                settings.connectionsEndpoint());
        assertFalse(settings.local());
        assertNull(settings.dynamoDbEndpoint());
    }

    @Test
    void resolve_onAws_takesTheSdksRegionWhenNoneIsGiven() {
        BackendSettings settings = BackendSettings.resolve("0.0.0.0", 8080, "https://a.example/prod", "table-1",
                null, null, () -> Optional.of("ap-southeast-2"));

        assertEquals("ap-southeast-2", settings.region());
    }

    @Test
    void resolve_onAwsWithoutARegion_asksForOne() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BackendSettings.resolve(
                "0.0.0.0", 8080, "https://a.example/prod", "table-1", null, null, NO_SDK_REGION));

        assertTrue(e.getMessage().startsWith("no AWS region: pass --region"), e.getMessage());
    }

    @Test
    void resolve_onAwsWithoutATable_asksForTheStacksOutput() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BackendSettings.resolve(
                "0.0.0.0", 8080, "https://a.example/prod", " ", null, "us-east-1", NOT_ASKED));

        assertTrue(e.getMessage().startsWith("--table (CONNECTIONS_TABLE) is required"), e.getMessage());
    }

    @Test
    void resolve_withoutConnectionsEndpoint_saysWhatItIs() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> local(null));

        assertTrue(e.getMessage().startsWith("--connections-endpoint (CONNECTIONS_ENDPOINT) is required"),
                e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1:3001/dev", "ws://127.0.0.1:3001/dev", "http:///dev",
        "http://127.0.0.1:3001/dev?x=1", "not a url"})
    void resolve_withAConnectionsEndpointThatIsNoStageUrl_refusesIt(String url) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> local(url));

        assertTrue(e.getMessage().startsWith("--connections-endpoint must be"), e.getMessage());
    }

    @Test
    void resolve_withBadValues_namesTheOption() {
        assertTrue(message(() -> BackendSettings.resolve("127.0.0.1", 65536, "http://a/dev", null, "http://b", null,
                NOT_ASKED)).startsWith("--port 65536 is out of range"));
        assertTrue(message(() -> BackendSettings.resolve("127.0.0.1", 8080, "http://a/dev", null, "localhost:8000",
                null, NOT_ASKED)).startsWith("--dynamodb-endpoint must be an http(s) URL"));
        assertTrue(message(() -> BackendSettings.resolve("127.0.0.1", 8080, "http://a/dev", "t", "http://b", null,
                NOT_ASKED)).startsWith("--table is not a DynamoDB table name"));
        assertTrue(message(() -> BackendSettings.resolve("127.0.0.1", 8080, "http://a/dev", null, "http://b",
                "Frankfurt", NOT_ASKED)).startsWith("--region is not an AWS region name"));
        assertTrue(message(() -> BackendSettings.resolve(" ", 8080, "http://a/dev", null, "http://b", null,
                NOT_ASKED)).startsWith("--host is empty"));
    }

    private static String message(Runnable resolve) {
        return assertThrows(IllegalArgumentException.class, resolve::run).getMessage();
    }
}
