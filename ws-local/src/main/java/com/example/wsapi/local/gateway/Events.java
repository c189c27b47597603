package com.example.wsapi.local.gateway;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import java.util.List;
import java.util.Map;

/** Builds the events a Lambda proxy integration receives, with API Gateway's fields in API Gateway's order. */
final class Events {

    /** A REQUEST authorizer's account in {@code methodArn}: the local gateway has no account of its own. */
    static final String LOCAL_ACCOUNT_ID = "123456789012";

    private final String stage;
    private final String apiId;
    private final String region;
    private final String domainName;

    Events(String stage, String apiId, String region) {
        this.stage = stage;
        this.apiId = apiId;
        this.region = region;
        this.domainName = GatewaySettings.domainName(apiId, region);
    }

    String domainName() {
        return domainName;
    }

    /** {@code arn:aws:execute-api:region:account:apiId/stage/$connect}, what a REQUEST authorizer is asked about. */
    String connectMethodArn() {
        return "arn:aws:execute-api:" + region + ":" + LOCAL_ACCOUNT_ID + ":" + apiId + "/" + stage + "/$connect";
    }

    JsonObject connect(ConnectionInfo connection, HandshakeRequest request, String requestId, long now) {
        JsonObject event = new JsonObject();
        addHandshake(event, request);
        event.add("requestContext", requestContext("$connect", "CONNECT", null, connection, requestId, now, null, null));
        event.addProperty("isBase64Encoded", false);
        return event;
    }

    JsonObject message(ConnectionInfo connection, String routeKey, String body, String messageId, String requestId,
                       long now) {
        JsonObject event = new JsonObject();
        event.add("requestContext", requestContext(routeKey, "MESSAGE", messageId, connection, requestId, now, null, null));
        event.addProperty("body", body);
        event.addProperty("isBase64Encoded", false);
        return event;
    }

    JsonObject disconnect(ConnectionInfo connection, int statusCode, String reason, String requestId, long now) {
        JsonObject event = new JsonObject();
        // DISCONNECT events carry this fixed header set, not the handshake's headers.
        JsonObject headers = new JsonObject();
        JsonObject multiValueHeaders = new JsonObject();
        for (String[] header : new String[][] {{"Host", domainName}, {"x-api-key", ""}, {"X-Forwarded-For", ""},
                {"x-restapi", ""}}) {
            headers.addProperty(header[0], header[1]);
            JsonArray values = new JsonArray();
            values.add(header[1]);
            multiValueHeaders.add(header[0], values);
        }
        event.add("headers", headers);
        event.add("multiValueHeaders", multiValueHeaders);
        event.add("requestContext",
                requestContext("$disconnect", "DISCONNECT", null, connection, requestId, now, statusCode, reason));
        event.addProperty("isBase64Encoded", false);
        return event;
    }

    /** The event of a Lambda REQUEST authorizer on {@code $connect}. */
    JsonObject authorizerRequest(ConnectionInfo connection, HandshakeRequest request, String requestId, long now) {
        JsonObject event = new JsonObject();
        event.addProperty("type", "REQUEST");
        event.addProperty("methodArn", connectMethodArn());
        addHandshake(event, request);
        event.add("stageVariables", new JsonObject());
        event.add("requestContext", requestContext("$connect", "CONNECT", null, connection, requestId, now, null, null));
        return event;
    }

    private static void addHandshake(JsonObject event, HandshakeRequest request) {
        event.add("headers", lastValues(request.headers()));
        event.add("multiValueHeaders", allValues(request.headers()));
        if (request.query() != null) {
            event.add("queryStringParameters", lastValues(request.query()));
            event.add("multiValueQueryStringParameters", allValues(request.query()));
        }
    }

    private JsonObject requestContext(String routeKey, String eventType, String messageId, ConnectionInfo connection,
                                      String requestId, long now, Integer disconnectStatusCode,
                                      String disconnectReason) {
        JsonObject context = new JsonObject();
        context.addProperty("routeKey", routeKey);
        if (messageId != null) {
            context.addProperty("messageId", messageId);
        }
        if (disconnectStatusCode != null) {
            context.addProperty("disconnectStatusCode", disconnectStatusCode);
        }
        context.addProperty("eventType", eventType);
        context.addProperty("extendedRequestId", requestId);
        context.addProperty("requestTime", Ids.requestTime(now));
        context.addProperty("messageDirection", "IN");
        if (disconnectReason != null) {
            context.addProperty("disconnectReason", disconnectReason);
        }
        context.addProperty("stage", stage);
        context.addProperty("connectedAt", connection.connectedAt());
        context.addProperty("requestTimeEpoch", now);
        JsonObject identity = new JsonObject();
        if (connection.userAgent() != null) {
            identity.addProperty("userAgent", connection.userAgent());
        }
        identity.addProperty("sourceIp", connection.sourceIp());
        context.add("identity", identity);
        if (connection.authorizer() != null) {
            context.add("authorizer", connection.authorizer().deepCopy());
        }
        context.addProperty("requestId", requestId);
        context.addProperty("domainName", domainName);
        context.addProperty("connectionId", connection.connectionId());
        context.addProperty("apiId", apiId);
        return context;
    }

    private static JsonObject lastValues(Map<String, List<String>> multiMap) {
        JsonObject object = new JsonObject();
        multiMap.forEach((name, values) -> object.addProperty(name, values.get(values.size() - 1)));
        return object;
    }

    private static JsonObject allValues(Map<String, List<String>> multiMap) {
        JsonObject object = new JsonObject();
        multiMap.forEach((name, values) -> {
            JsonArray array = new JsonArray();
            values.forEach(array::add);
            object.add(name, array);
        });
        return object;
    }
}
