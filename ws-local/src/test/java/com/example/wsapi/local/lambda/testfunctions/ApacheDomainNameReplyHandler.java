package com.example.wsapi.local.lambda.testfunctions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.net.URI;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiClient;

/**
 * {@link DomainNameReplyHandler} with the SDK's Apache client, the default sync client of most projects (the service
 * artifacts bring it): it reads {@code http.proxyHost} only, and tunnels HTTPS through that proxy.
 */
public class ApacheDomainNameReplyHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {

    @Override
    @SuppressWarnings("unchecked")
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        Map<String, Object> requestContext = (Map<String, Object>) event.get("requestContext");
        String connectionId = (String) requestContext.get("connectionId");
        URI endpoint = URI.create("https://" + requestContext.get("domainName") + "/" + requestContext.get("stage"));
        try (ApiGatewayManagementApiClient client = ApiGatewayManagementApiClient.builder()
                .httpClient(ApacheHttpClient.create())
                .endpointOverride(endpoint)
                .build()) {
            client.postToConnection(request -> request.connectionId(connectionId)
                    .data(SdkBytes.fromUtf8String("apache client posted to " + endpoint + ": " + event.get("body"))));
        }
        return Map.of("statusCode", 200);
    }
}
