package com.example.wsapi.local.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.wsapi.local.gateway.ProxyRoutes.Destination;
import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which hosts ws-local's proxy answers itself, and where it sends their bytes. */
class ProxyRoutesTest {

    static final String API_HOST = "abc123defg.execute-api.eu-central-1.amazonaws.com";
    static final ProxyRoutes ROUTES = new ProxyRoutes(API_HOST, InetSocketAddress.createUnresolved("127.0.0.1", 3001),
            ProxyRoutes.dynamoDbHosts("eu-central-1"), InetSocketAddress.createUnresolved("127.0.0.1", 8000));

    @Test
    void connectToTheServedRegionsDynamoDbHost_goesToDynamoDbLocal_overTlsOn443_plainOn80() {
        assertEquals(Destination.DYNAMODB_LOCAL, ROUTES.ofConnect("dynamodb.eu-central-1.amazonaws.com", 443));
        assertTrue(ProxyRoutes.endsTls(Destination.DYNAMODB_LOCAL, 443));
        assertEquals(Destination.DYNAMODB_LOCAL, ROUTES.ofConnect("dynamodb.eu-central-1.amazonaws.com", 80));
        assertFalse(ProxyRoutes.endsTls(Destination.DYNAMODB_LOCAL, 80));
        assertEquals(Destination.AS_ADDRESSED, ROUTES.ofConnect("dynamodb.eu-central-1.amazonaws.com", 8443));
    }

    @Test
    void connectToAnotherRegionsDynamoDbHost_goesToDynamoDbLocal_asTheEndpointVariableSendsEveryRegionThere() {
        // A client built withRegion(...) other than AWS_REGION, as FumKato's sample hardcodes Tokyo.
        for (String host : List.of("dynamodb.ap-northeast-1.amazonaws.com", "DynamoDB.US-EAST-1.amazonaws.com",
                "dynamodb.cn-north-1.amazonaws.com.cn", "dynamodb.us-gov-west-1.amazonaws.com",
                "dynamodb-fips.us-east-1.amazonaws.com")) {
            assertEquals(Destination.DYNAMODB_LOCAL, ROUTES.ofConnect(host, 443), host);
        }
    }

    @Test
    void aRegionTheSdkDoesNotKnowYet_isCoveredWhenItIsTheServedOne() {
        ProxyRoutes newRegion = new ProxyRoutes(API_HOST, ROUTES.gateway(), ProxyRoutes.dynamoDbHosts("xx-new-1"),
                ROUTES.dynamoDbLocal());

        assertEquals(Destination.DYNAMODB_LOCAL, newRegion.ofConnect("dynamodb.xx-new-1.amazonaws.com", 443));
        assertEquals("dynamodb.xx-new-1.amazonaws.com", newRegion.dynamoDbHosts().get(0));
        assertEquals(Destination.AS_ADDRESSED, ROUTES.ofConnect("dynamodb.xx-new-1.amazonaws.com", 443));
    }

    @Test
    void otherAwsHosts_andLookalikes_areReachedAsAddressed() {
        for (String host : List.of("dynamodb.amazonaws.com", "streams.dynamodb.eu-central-1.amazonaws.com",
                "dynamodb.eu-central-1.amazonaws.com.example.org", "s3.eu-central-1.amazonaws.com",
                "123456789012.ddb.eu-central-1.amazonaws.com", "dynamodb.eu-central-1.api.aws", "example.com")) {
            assertEquals(Destination.AS_ADDRESSED, ROUTES.ofConnect(host, 443), host);
            assertEquals(Destination.AS_ADDRESSED, ROUTES.ofPlainHttp(host, 80), host);
        }
    }

    @Test
    void theApiHost_goesToTheGateway_on443Only() {
        assertEquals(Destination.GATEWAY, ROUTES.ofConnect(API_HOST, 443));
        assertEquals(Destination.GATEWAY, ROUTES.ofConnect(API_HOST.toUpperCase(), 443));
        assertEquals(Destination.AS_ADDRESSED, ROUTES.ofConnect(API_HOST, 80));
    }

    @Test
    void plainHttp_toDynamoDbOn80_goesToDynamoDbLocal_toTheApiHost_isTheGatewaysToRefuse() {
        assertEquals(Destination.DYNAMODB_LOCAL, ROUTES.ofPlainHttp("dynamodb.eu-west-1.amazonaws.com", 80));
        assertEquals(Destination.AS_ADDRESSED, ROUTES.ofPlainHttp("dynamodb.eu-west-1.amazonaws.com", 8000));
        assertEquals(Destination.GATEWAY, ROUTES.ofPlainHttp(API_HOST, 80));
    }

    @Test
    void certificateHosts_areTheApiHostFirst_thenTheServedRegionsDynamoDb_thenEveryOtherRegionsOnce() {
        List<String> hosts = ROUTES.certificateHosts();

        assertEquals(List.of(API_HOST, "dynamodb.eu-central-1.amazonaws.com",
                "dynamodb-fips.eu-central-1.amazonaws.com"), hosts.subList(0, 3));
        assertEquals(hosts.size(), hosts.stream().distinct().count(), "no host twice");
        assertTrue(hosts.contains("dynamodb.cn-northwest-1.amazonaws.com.cn"), hosts.toString());
        assertFalse(hosts.stream().anyMatch(host -> host.contains("global")), "no pseudo-region: " + hosts);
    }
}
