package com.example.wsapi.local.gateway;

import com.example.wsapi.local.gateway.integration.JsonPaths;
import com.example.wsapi.local.template.RouteSelectionExpression;

import java.util.List;
import java.util.Optional;

/** Evaluates a {@code RouteSelectionExpression} of the form {@code $request.body.a.b} against a message. */
final class RouteSelector {

    /** The property names from the body's root, or empty: every message goes to {@code $default}. */
    private final List<String> path;

    private RouteSelector(List<String> path) {
        this.path = path;
    }

    /**
     * @param expression e.g. {@code $request.body.action}; null or blank sends every message to {@code $default}
     * @throws IllegalArgumentException for an expression the gateway cannot evaluate
     */
    static RouteSelector parse(String expression) {
        if (expression == null || expression.isBlank()) {
            return new RouteSelector(List.of());
        }
        return new RouteSelector(RouteSelectionExpression.bodyPath(expression));
    }

    /** The expression's value for this message: empty when it is not a JSON object or the value is missing. */
    Optional<String> select(String message) {
        if (path.isEmpty()) {
            return Optional.empty();
        }
        return Optional.ofNullable(JsonPaths.primitiveAt(message, path));
    }
}
