package com.example.wsapi.local.gateway.integration;

import java.util.List;

/**
 * Evaluates a {@code TemplateSelectionExpression}: a static key, {@code \$default}, {@code ${request.body.<path>}},
 * and for response templates {@code ${integration.response.statuscode}} or
 * {@code ${integration.response.header.<name>}}.
 */
final class SelectionExpressions {

    static final String DEFAULT = "$default";

    private SelectionExpressions() {}

    /**
     * The key the expression selects; {@code $default} when there is no expression. A path that is not in the body
     * (or a body that is not JSON) gives {@code ""}.
     *
     * @param response the backend's answer for response templates, else null
     */
    static String evaluate(String expression, String requestBody, BackendResponse response, Integer status) {
        if (expression == null || expression.equals("\\$default") || expression.equals(DEFAULT)) {
            return DEFAULT;
        }
        String inner = expression.startsWith("${") && expression.endsWith("}")
                ? expression.substring(2, expression.length() - 1)
                : expression.startsWith("$") ? expression.substring(1) : null;
        if (inner == null) {
            return expression; // a static key
        }
        if (inner.startsWith("request.body.")) {
            String value = JsonPaths.primitiveAt(requestBody, List.of(inner.substring("request.body.".length()).split("\\.")));
            return value == null ? "" : value;
        }
        if (inner.equals("integration.response.statuscode")) {
            return status == null ? "" : String.valueOf(status);
        }
        if (inner.startsWith("integration.response.header.")) {
            String value = response == null ? null : response.header(inner.substring("integration.response.header.".length()));
            return value == null ? "" : value;
        }
        return expression;
    }
}
