package com.example.wsapi.local.lambda.testfunctions;

import java.net.URI;
import java.util.Map;

/**
 * {@link DomainNameReplyHandler} with its {@code @connections} endpoint made from a variable holding the API's
 * {@code wss://} URL ({@code !GetAtt Api.ApiEndpoint}, alone or with the stage), converted the ways published
 * functions convert it; the message's {@code action} picks the way:
 * <ul>
 *   <li>{@code scheme}: {@code WEBSOCKET_API_ENDPOINT.replace("wss://", "https://") + "/" + STAGE}</li>
 *   <li>{@code wss}: {@code WEBSOCKET_URL.replace("wss", "https")}</li>
 *   <li>{@code substring}: {@code "https://" + WEBSOCKET_URL.substring(6)} (past {@code wss://})</li>
 *   <li>{@code noscheme}: {@code "https://" + API_HOST_AND_STAGE}, a variable with no scheme at all</li>
 * </ul>
 */
public class ApiEndpointVariableReplyHandler extends DomainNameReplyHandler {

    @Override
    protected URI endpoint(Map<String, Object> event) {
        String body = String.valueOf(event.get("body"));
        String endpoint;
        if (body.contains("\"scheme\"")) {
            endpoint = System.getenv("WEBSOCKET_API_ENDPOINT").replace("wss://", "https://") + "/"
                    + System.getenv("STAGE");
        } else if (body.contains("\"wss\"")) {
            endpoint = System.getenv("WEBSOCKET_URL").replace("wss", "https");
        } else if (body.contains("\"substring\"")) {
            endpoint = "https://" + System.getenv("WEBSOCKET_URL").substring(6);
        } else if (body.contains("\"noscheme\"")) {
            endpoint = "https://" + System.getenv("API_HOST_AND_STAGE");
        } else {
            throw new IllegalArgumentException("no conversion named in " + body);
        }
        return URI.create(endpoint);
    }
}
