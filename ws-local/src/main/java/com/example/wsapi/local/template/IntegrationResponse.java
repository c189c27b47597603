package com.example.wsapi.local.template;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An {@code AWS::ApiGatewayV2::IntegrationResponse}.
 *
 * @param logicalId                   the resource's logical id
 * @param key                         {@code $default} or {@code /regex/} (matched against the status code, or
 *                                    against {@code errorMessage} for a Lambda function called non-proxy)
 * @param templates                   {@code ResponseTemplates} by key, in template order; empty: the body passes
 * @param templateSelectionExpression picks a response template; null when absent
 */
public record IntegrationResponse(String logicalId, String key, Map<String, String> templates,
                                  String templateSelectionExpression) {

    public static final String DEFAULT_KEY = "$default";

    public IntegrationResponse {
        templates = Collections.unmodifiableMap(new LinkedHashMap<>(templates));
    }

    /** The regular expression of a {@code /regex/} key, or null for {@code $default}. */
    public String regex() {
        return key.equals(DEFAULT_KEY) ? null : key.substring(1, key.length() - 1);
    }
}
