package com.example.wsapi.local.template;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The note on functions the API calls whose ReservedConcurrentExecutions is 0: Lambda throttles every invoke of them,
 * so each of their routes fails at once, which the banner says before the first client finds out.
 */
final class ThrottledFunctions {

    private ThrottledFunctions() {}

    /** One note naming them all, or none. */
    static List<String> notes(WebSocketApi api, Map<String, LambdaFunction> functions) {
        Set<String> called = new LinkedHashSet<>();
        for (Route route : api.routes()) {
            if (route.authorizer() != null) {
                called.add(route.authorizer().functionLogicalId());
            }
            if (route.integration() instanceof IntegrationSpec.CallsFunction calls) {
                called.add(calls.functionLogicalId());
            }
        }
        List<String> throttled = new ArrayList<>();
        for (String id : called) {
            LambdaFunction function = functions.get(id);
            if (function != null && function.reservedConcurrentExecutions().orElse(-1) == 0) {
                throttled.add(id);
            }
        }
        if (throttled.isEmpty()) {
            return List.of();
        }
        boolean one = throttled.size() == 1;
        return List.of(String.join(", ", throttled) + (one ? " has" : " have") + " ReservedConcurrentExecutions 0: "
                + "Lambda throttles every invoke of " + (one ? "it" : "them") + " (429, the function never runs), so "
                + "each route calling " + (one ? "it" : "them") + " fails as API Gateway fails an integration (a "
                + "message gets the \"Internal server error\" frame, $connect refuses the handshake); ws-local does "
                + "the same and starts no instance of " + (one ? "it" : "them") + ", warm or not. Raise the "
                + "property or remove it to run " + (one ? "it" : "them"));
    }
}
