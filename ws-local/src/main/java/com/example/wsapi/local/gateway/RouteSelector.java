package com.example.wsapi.local.gateway;

import com.example.wsapi.local.gateway.integration.JsonPaths;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Evaluates a {@code RouteSelectionExpression} of the form {@code $request.body.a.b} against a message. */
final class RouteSelector {

    // API Gateway also writes the same expression as ${request.body.a.b}.
    private static final Pattern EXPRESSION =
            Pattern.compile("^(?:\\$request\\.body\\.([^.{}\\s]+(?:\\.[^.{}\\s]+)*)|\\$\\{request\\.body\\.([^.{}\\s]+(?:\\.[^.{}\\s]+)*)})$");

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
        Matcher matcher = EXPRESSION.matcher(expression.trim());
        if (!matcher.matches()) {
            throw new IllegalArgumentException("RouteSelectionExpression '" + expression
                    + "' is not supported: use $request.body.<property>, e.g. $request.body.action");
        }
        String dotted = matcher.group(1) != null ? matcher.group(1) : matcher.group(2);
        return new RouteSelector(List.of(dotted.split("\\.")));
    }

    /** The expression's value for this message: empty when it is not a JSON object or the value is missing. */
    Optional<String> select(String message) {
        if (path.isEmpty()) {
            return Optional.empty();
        }
        return Optional.ofNullable(JsonPaths.primitiveAt(message, path));
    }
}
