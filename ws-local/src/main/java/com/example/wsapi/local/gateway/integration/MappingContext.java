package com.example.wsapi.local.gateway.integration;

import com.example.wsapi.local.vtl.MappingInput;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What a mapping template sees of a request: {@code $context}, {@code $input} and {@code $stageVariables}. */
final class MappingContext {

    /** {@code $context.identity}'s fields: only sourceIp and userAgent have values for WebSocket APIs. */
    private static final List<String> IDENTITY_FIELDS = List.of("accountId", "apiKey", "apiKeyId", "caller",
            "cognitoAuthenticationProvider", "cognitoAuthenticationType", "cognitoIdentityId", "cognitoIdentityPoolId",
            "principalOrgId", "sourceIp", "user", "userAgent", "userArn");

    private MappingContext() {}

    /**
     * The input of a request or response template.
     *
     * @param body   {@code $input.body}: the frame (request templates) or the backend's answer (response templates)
     * @param status {@code $context.status}: empty for a request, the integration's status for a response
     */
    static MappingInput input(IntegrationRequest request, ApiStage api, String body, String status) {
        return new MappingInput(body, lastValues(request.headers()), lastValues(request.query()),
                context(request, api, status), api.stageVariables());
    }

    /** {@code $context}, in the order it prints: the request's fields, then identity, authorizer and error. */
    static Map<String, Object> context(IntegrationRequest request, ApiStage api, String status) {
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("routeKey", request.routeKey());
        context.put("eventType", request.eventType().name());
        if (request.messageId() != null) {
            context.put("messageId", request.messageId());
        }
        context.put("extendedRequestId", request.requestId());
        context.put("requestTime", request.requestTime());
        context.put("messageDirection", "IN");
        context.put("stage", api.stage());
        context.put("connectedAt", request.connectedAt());
        context.put("requestTimeEpoch", request.requestTimeEpoch());
        context.put("requestId", request.requestId());
        context.put("domainName", api.domainName());
        context.put("connectionId", request.connectionId());
        context.put("apiId", api.apiId());
        // Unconfirmed: $context.status is empty in a request template, the integration's status in a response one.
        context.put("status", status);
        Map<String, Object> identity = new LinkedHashMap<>();
        for (String field : IDENTITY_FIELDS) {
            identity.put(field, "");
        }
        identity.put("sourceIp", request.sourceIp());
        identity.put("userAgent", request.userAgent() == null ? "" : request.userAgent());
        context.put("identity", identity);
        context.put("authorizer", new LinkedHashMap<String, Object>(request.authorizer()));
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("messageString", "");
        error.put("validationErrorString", "");
        context.put("error", error);
        return context;
    }

    /** A value of {@code $context} by dotted name ({@code connectionId}, {@code identity.sourceIp}), as text; or null. */
    static String value(Map<String, Object> context, String name) {
        Object current = context;
        for (String part : name.split("\\.", -1)) {
            if (!(current instanceof Map<?, ?> map)) {
                return null;
            }
            current = map.get(part);
        }
        return current == null || current instanceof Map ? null : String.valueOf(current);
    }

    private static Map<String, String> lastValues(Map<String, List<String>> multiMap) {
        Map<String, String> values = new LinkedHashMap<>();
        multiMap.forEach((name, all) -> {
            if (!all.isEmpty()) {
                values.put(name, all.get(all.size() - 1));
            }
        });
        return values;
    }
}
