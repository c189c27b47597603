package com.example.wsapi.common.posting;

import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiClient;
import software.amazon.awssdk.services.apigatewaymanagementapi.model.GoneException;

/** Sends data to connections through the @connections API. */
public final class ConnectionPoster {

    /** API Gateway's limit for one message to a connection: 128 KB of UTF-8 (413 PayloadTooLargeException beyond). */
    public static final int MAX_MESSAGE_BYTES = 128 * 1024;

    private final ApiGatewayManagementApiClient client;

    public ConnectionPoster(ApiGatewayManagementApiClient client) {
        this.client = client;
    }

    /**
     * Posts {@code data} as one text message. A gone connection is an outcome, not an error, and is never retried;
     * throttling is retried by the SDK's standard retry policy; anything else throws {@link PostFailedException}.
     */
    public Delivery post(String connectionId, String data) {
        try {
            client.postToConnection(b -> b.connectionId(connectionId).data(SdkBytes.fromUtf8String(data)));
            return Delivery.DELIVERED;
        } catch (GoneException e) {
            return Delivery.GONE;
        } catch (SdkServiceException e) {
            throw new PostFailedException(connectionId, e.statusCode(), e);
        } catch (SdkException e) {
            throw new PostFailedException(connectionId, 0, e);
        }
    }
}
