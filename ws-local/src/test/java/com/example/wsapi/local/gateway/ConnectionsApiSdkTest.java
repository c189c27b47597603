package com.example.wsapi.local.gateway;

import com.example.wsapi.local.log.LogLine;
import com.example.wsapi.local.testing.JdkClient;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiClient;
import software.amazon.awssdk.services.apigatewaymanagementapi.model.ForbiddenException;
import software.amazon.awssdk.services.apigatewaymanagementapi.model.GetConnectionResponse;
import software.amazon.awssdk.services.apigatewaymanagementapi.model.GoneException;
import software.amazon.awssdk.services.apigatewaymanagementapi.model.PayloadTooLargeException;

import java.net.URI;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The AWS SDK's management client, as the functions use it, against the gateway's {@code @connections}. */
class ConnectionsApiSdkTest extends GatewayTestBase {

    private ApiGatewayManagementApiClient sdk;

    private ApiGatewayManagementApiClient sdk() {
        // The endpoint keeps its /dev path: the SDK sends POST /dev/@connections/{id}.
        return sdk("/" + STAGE);
    }

    private ApiGatewayManagementApiClient sdk(String endpointPath) {
        return sdk(endpointPath, REGION);
    }

    private ApiGatewayManagementApiClient sdk(String endpointPath, String region) {
        sdk = ApiGatewayManagementApiClient.builder()
                .endpointOverride(URI.create("http://127.0.0.1:" + gateway.port() + endpointPath))
                .region(Region.of(region))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
        return sdk;
    }

    @AfterEach
    void closeSdk() {
        if (sdk != null) {
            sdk.close();
        }
    }

    @Test
    void sdkPostGetAndDelete_reachTheConnection() {
        start(settings(CONNECT, DISCONNECT));
        JdkClient client = JdkClient.connect(ws(), builder -> builder.header("User-Agent", "sdk-test"));
        String connectionId = connectionIdOfConnect(1);
        ApiGatewayManagementApiClient api = sdk();

        api.postToConnection(request -> request.connectionId(connectionId).data(SdkBytes.fromUtf8String("from sdk")));
        GetConnectionResponse connection = api.getConnection(request -> request.connectionId(connectionId));
        api.deleteConnection(request -> request.connectionId(connectionId));

        assertEquals("from sdk", client.nextMessage());
        assertEquals(functions.awaitCall("connectFn", 1).requestContext().get("connectedAt").getAsLong(),
                connection.connectedAt().toEpochMilli());
        assertEquals("127.0.0.1", connection.identity().sourceIp());
        assertEquals("sdk-test", connection.identity().userAgent());
        assertEquals(1000, client.awaitClose().code());
        assertEquals(1000, functions.awaitCall("disconnectFn", 1).requestContext().get("disconnectStatusCode").getAsInt());
        assertEquals(List.of(), signingWarnings(), "the SDK signs for execute-api in the API's region");
    }

    @Test
    void sdkForAnotherRegion_isWarnedOnce_namingBothRegions() {
        start(settings(CONNECT));
        JdkClient client = JdkClient.connect(ws());
        String connectionId = connectionIdOfConnect(1);
        ApiGatewayManagementApiClient api = sdk("/" + STAGE, "us-west-2");

        api.postToConnection(request -> request.connectionId(connectionId).data(SdkBytes.fromUtf8String("one")));
        api.postToConnection(request -> request.connectionId(connectionId).data(SdkBytes.fromUtf8String("two")));

        assertEquals("one", client.nextMessage());
        assertEquals("two", client.nextMessage());
        List<LogLine> warnings = signingWarnings();
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).text().startsWith("@connections POST is signed for the region \"us-west-2\", not "
                + REGION + " (this API's: ws-local's --region), from \"aws-sdk-java/"),
                warnings.get(0).text());
    }

    private List<LogLine> signingWarnings() {
        return log.lines().stream().filter(line -> line.kind() == LogLine.Kind.WARNING
                && line.text().startsWith("@connections")).toList();
    }

    @Test
    void sdkErrors_mapToGoneAndPayloadTooLargeExceptions() {
        start(settings(CONNECT));
        JdkClient.connect(ws());
        String connectionId = connectionIdOfConnect(1);
        ApiGatewayManagementApiClient api = sdk();

        GoneException gone = assertThrows(GoneException.class, () -> api.postToConnection(
                request -> request.connectionId("AAAAAAAAAAAAAAA=").data(SdkBytes.fromUtf8String("x"))));
        PayloadTooLargeException tooLarge = assertThrows(PayloadTooLargeException.class, () -> api.postToConnection(
                request -> request.connectionId(connectionId).data(SdkBytes.fromByteArray(new byte[128 * 1024 + 1]))));

        assertEquals(410, gone.statusCode());
        assertEquals(413, tooLarge.statusCode());
    }

    @Test
    void sdkWithTheConnectionUrlAsEndpoint_orAnotherStage_getsForbiddenSayingWhichEndpointWorks() {
        start(settings(CONNECT));
        JdkClient.connect(ws());
        String connectionId = connectionIdOfConnect(1);

        // The URL the banner and the AWS console show as the connection URL, taken for the endpoint.
        ForbiddenException connectionUrl = assertThrows(ForbiddenException.class, () -> sdk("/dev/@connections")
                .getConnection(request -> request.connectionId(connectionId)));
        sdk.close();
        ForbiddenException otherStage = assertThrows(ForbiddenException.class, () -> sdk("/prod")
                .getConnection(request -> request.connectionId(connectionId)));

        assertTrue(connectionUrl.getMessage().contains("http://<host>:<port>/dev, without @connections"),
                connectionUrl.getMessage());
        assertTrue(otherStage.getMessage().contains("no stage 'prod' here; this API's @connections is at "
                + "/dev/@connections"), otherStage.getMessage());
    }
}
