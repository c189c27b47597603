package com.example.wsapi.local.template;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The form of {@code RouteSelectionExpression} ws-local evaluates: one property of the message's JSON body,
 * {@code $request.body.a.b} or {@code ${request.body.a.b}}. API Gateway also accepts static text (e.g.
 * {@code \$default}) and several variables in one expression; ws-local refuses those at start.
 */
public final class RouteSelectionExpression {

    private static final Pattern BODY_PATH =
            Pattern.compile("^(?:\\$request\\.body\\.([^.{}\\s]+(?:\\.[^.{}\\s]+)*)|\\$\\{request\\.body\\.([^.{}\\s]+(?:\\.[^.{}\\s]+)*)})$");

    private RouteSelectionExpression() {}

    /**
     * The property names from the body's root that {@code expression} selects.
     *
     * @throws IllegalArgumentException for an expression of another form, saying which form to write
     */
    public static List<String> bodyPath(String expression) {
        Matcher matcher = BODY_PATH.matcher(expression.trim());
        if (!matcher.matches()) {
            throw new IllegalArgumentException("RouteSelectionExpression '" + expression + "' is not supported: use "
                    + "$request.body.<property>, e.g. $request.body.action (ws-local evaluates one property of the "
                    + "message's JSON body, not static text or several variables)");
        }
        String dotted = matcher.group(1) != null ? matcher.group(1) : matcher.group(2);
        return List.of(dotted.split("\\."));
    }
}
