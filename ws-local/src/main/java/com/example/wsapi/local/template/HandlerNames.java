package com.example.wsapi.local.template;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Notes on routed functions whose Handler names no Java class ({@code com.example.handlers.::handleRequest}, as a
 * Globals.Function Handler left as a stub gives every function without its own). Lambda accepts any Handler text;
 * every event then fails with {@code Class not found: ...}, as it does locally, so ws-local runs it and says why
 * before the first event does.
 */
final class HandlerNames {

    /** A Java binary class name: identifiers joined by dots ({@code $} for nested classes). */
    private static final Pattern CLASS_NAME =
            Pattern.compile("\\p{javaJavaIdentifierStart}\\p{javaJavaIdentifierPart}*"
                    + "(\\.\\p{javaJavaIdentifierStart}\\p{javaJavaIdentifierPart}*)*");

    private HandlerNames() {}

    /** @param globalHandler the Globals.Function Handler as written, or null */
    static List<String> notes(WebSocketApi api, Map<String, LambdaFunction> functions, Object globalHandler) {
        Set<String> routed = new LinkedHashSet<>();
        for (Route route : api.routes()) {
            if (route.integration() instanceof IntegrationSpec.CallsFunction calls) {
                routed.add(calls.functionLogicalId());
            }
        }
        List<String> notes = new ArrayList<>();
        for (String id : routed) {
            LambdaFunction function = functions.get(id);
            if (function == null) {
                continue;
            }
            String className = function.handler().split("::", 2)[0].trim();
            if (!CLASS_NAME.matcher(className).matches()) {
                boolean fromGlobals = !function.packaged() && function.handler().equals(globalHandler);
                notes.add(id + "'s Handler " + function.handler() + (fromGlobals ? " (from Globals.Function)" : "")
                        + " names no Java class: Lambda accepts it, but every event fails with \"Class not found: "
                        + className + "\"; give " + id + " its own Handler, package.Class::method");
            }
        }
        return notes;
    }
}
