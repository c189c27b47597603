package com.example.wsapi.local.lambda.testfunctions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.net.URI;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiClient;

/**
 * Answers every message through {@code @connections} as AWS's samples do: the endpoint built from the event's
 * {@code domainName} and {@code stage} ({@code https://<apiId>.execute-api.<region>.amazonaws.com/<stage>}), the
 * SDK's url-connection client, nothing configured for ws-local. Prints how long the post took.
 */
public class DomainNameReplyHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        String connectionId = (String) requestContext(event).get("connectionId");
        URI endpoint = endpoint(event);
        long start = System.nanoTime();
        post(endpoint, connectionId, SdkBytes.fromUtf8String(who() + "posted to " + endpoint + ": "
                + event.get("body")));
        System.out.println("posted in " + (System.nanoTime() - start) / 1_000_000 + " ms");
        return Map.of("statusCode", 200);
    }

    /** Posts {@code data} to the connection with a client for {@code endpoint}, made for this one post. */
    protected void post(URI endpoint, String connectionId, SdkBytes data) {
        try (ApiGatewayManagementApiClient client = ApiGatewayManagementApiClient.builder()
                .httpClient(httpClient())
                .endpointOverride(endpoint)
                .build()) {
            client.postToConnection(request -> request.connectionId(connectionId).data(data));
        }
    }

    /** The {@code @connections} endpoint the post goes to. */
    protected URI endpoint(Map<String, Object> event) {
        Map<String, Object> requestContext = requestContext(event);
        return URI.create("https://" + requestContext.get("domainName") + "/" + requestContext.get("stage"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> requestContext(Map<String, Object> event) {
        return (Map<String, Object>) event.get("requestContext");
    }

    /** The SDK HTTP client the post goes through. */
    protected SdkHttpClient httpClient() {
        return UrlConnectionHttpClient.create();
    }

    /** What the reply says first, before {@code posted to}. */
    protected String who() {
        return "";
    }
}
