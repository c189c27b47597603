package com.example.wsapi.local.lambda.testfunctions;

import java.net.URI;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiAsyncClient;

/**
 * {@link DomainNameReplyHandler} with the SDK's async client on its Netty client, the async clients' default: built as
 * a project builds it, no proxy configured. From the SDK 2.25.0 on, its proxy settings default to
 * {@code http.proxyHost}, {@code http.proxyPort} and {@code http.nonProxyHosts}, and it tunnels HTTPS through that
 * proxy.
 */
public class NettyDomainNameReplyHandler extends DomainNameReplyHandler {

    @Override
    protected void post(URI endpoint, String connectionId, SdkBytes data) {
        try (ApiGatewayManagementApiAsyncClient client = ApiGatewayManagementApiAsyncClient.builder()
                .httpClientBuilder(NettyNioAsyncHttpClient.builder())
                .endpointOverride(endpoint)
                .build()) {
            client.postToConnection(request -> request.connectionId(connectionId).data(data)).join();
        }
    }

    @Override
    protected String who() {
        return "netty client ";
    }
}
