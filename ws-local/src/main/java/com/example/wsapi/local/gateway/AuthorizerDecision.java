package com.example.wsapi.local.gateway;

import com.example.wsapi.local.gateway.integration.Deadline;
import com.example.wsapi.local.gateway.integration.InvokeThrottled;
import com.example.wsapi.local.log.LogQuote;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.regex.Pattern;

/**
 * What a Lambda REQUEST authorizer's answer means for the handshake: {@code Allowed} with the
 * {@code requestContext.authorizer} value, or refused with an HTTP status.
 */
sealed interface AuthorizerDecision {

    /** @param authorizer principalId and the context's entries, flattened as API Gateway puts them in events */
    record Allowed(JsonObject authorizer) implements AuthorizerDecision {}

    /**
     * @param status  401, 403 or 500
     * @param message the cause, for the log line
     * @param advice  what the person can do: what was wrong with a malformed answer, or that the authorizer refused
     *                by its own choice
     */
    record Refused(int status, String message, String advice) implements AuthorizerDecision {}

    /** What a REQUEST authorizer returns, for the advice on a malformed answer. */
    String EXPECTED_ANSWER = "a REQUEST authorizer returns a JSON object such as {\"principalId\": \"user\", "
            + "\"policyDocument\": {\"Version\": \"2012-10-17\", \"Statement\": [{\"Action\": "
            + "\"execute-api:Invoke\", \"Effect\": \"Allow\", \"Resource\": \"<the event's methodArn>\"}]}}, "
            + "optionally with a \"context\" of strings, numbers and booleans";

    /** The first identity source the request lacks (absent or empty), or null when all are present. */
    static String missingIdentitySource(List<String> identitySources, HandshakeRequest request) {
        for (String source : identitySources) {
            String value = null;
            if (source.startsWith("route.request.header.")) {
                value = request.header(source.substring("route.request.header.".length()));
            } else if (source.startsWith("route.request.querystring.")) {
                value = request.queryParameter(source.substring("route.request.querystring.".length()));
            }
            if (value == null || value.isEmpty()) {
                return source;
            }
        }
        return null;
    }

    /**
     * A failed authorizer {@code function}: {@code Unauthorized} (thrown or returned as errorMessage) means 401,
     * anything else 500.
     */
    static Refused fromFailure(Throwable failure, String function) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof CompletionException || t instanceof ExecutionException) {
                continue;
            }
            String message = t.getMessage();
            if ("Unauthorized".equals(message) || "Unauthorized".equals(errorMessageOf(message))) {
                return unauthorized(function);
            }
        }
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof InvokeThrottled throttled) {
                // Lambda refused to run it: an integration failure as any other authorizer failure (500).
                return new Refused(500, "authorizer throttled: " + throttled.reason(), throttled.getMessage() + "; "
                        + throttled.advice());
            }
        }
        if (Deadline.isTimeout(failure)) {
            return new Refused(500, "authorizer timed out: " + Deadline.rootMessage(failure), function + " did not "
                    + "answer within the integration timeout: its own lines show how far it got");
        }
        return new Refused(500, "authorizer failed: " + Deadline.rootMessage(failure), function + " failed with "
                + "an error rather than answering Unauthorized or a policy: its own lines show the error");
    }

    /**
     * Evaluates the authorizer's response against {@code methodArn}: Deny or no matching Allow gives 403, an answer
     * that is not a valid policy output gives 500 (as API Gateway does). {@code function} is the authorizer's, for the
     * advice.
     */
    static AuthorizerDecision fromResponse(String responseJson, String methodArn, long latencyMillis,
                                           String function) {
        AuthorizerDecision decision = decide(responseJson, methodArn, latencyMillis, function);
        if (decision instanceof Refused refused && refused.advice() == null) {
            // Malformed: the function ran and answered, so its own lines need not say what was wrong.
            return new Refused(refused.status(), refused.message(), function + " returned "
                    + LogQuote.of(responseJson) + ": " + EXPECTED_ANSWER);
        }
        return decision;
    }

    private static AuthorizerDecision decide(String responseJson, String methodArn, long latencyMillis,
                                             String function) {
        JsonObject response;
        try {
            JsonElement parsed = JsonParser.parseString(responseJson);
            if (!parsed.isJsonObject()) {
                return malformed("the answer is not a JSON object");
            }
            response = parsed.getAsJsonObject();
        } catch (JsonParseException | NullPointerException e) {
            return malformed("the answer is not JSON");
        }
        // Like API Gateway, an answer that says "Unauthorized" as an error payload means 401.
        if (response.has("errorMessage") && "Unauthorized".equals(stringOrNull(response.get("errorMessage")))) {
            return unauthorized(function);
        }
        String principalId = stringOrNull(response.get("principalId"));
        if (principalId == null) {
            return malformed("principalId is missing or not a string");
        }
        JsonElement policy = response.get("policyDocument");
        if (policy == null || !policy.isJsonObject()) {
            return malformed("policyDocument is missing");
        }
        JsonElement statementElement = policy.getAsJsonObject().get("Statement");
        List<JsonObject> statements = new ArrayList<>();
        if (statementElement != null && statementElement.isJsonObject()) {
            statements.add(statementElement.getAsJsonObject());
        } else if (statementElement != null && statementElement.isJsonArray()) {
            for (JsonElement element : statementElement.getAsJsonArray()) {
                if (!element.isJsonObject()) {
                    return malformed("a Statement is not an object");
                }
                statements.add(element.getAsJsonObject());
            }
        } else {
            return malformed("policyDocument.Statement is missing");
        }
        boolean allowed = false;
        for (JsonObject statement : statements) {
            String effect = stringOrNull(statement.get("Effect"));
            List<String> actions = strings(statement.get("Action"));
            List<String> resources = strings(statement.get("Resource"));
            if (!("Allow".equals(effect) || "Deny".equals(effect)) || actions == null || resources == null) {
                return malformed("a Statement needs Effect (Allow or Deny), Action and Resource");
            }
            boolean matches = actions.stream().anyMatch(a -> glob(a.toLowerCase(Locale.ROOT), "execute-api:invoke"))
                    && resources.stream().anyMatch(r -> glob(r, methodArn));
            if (matches && "Deny".equals(effect)) {
                return new Refused(403, "the policy denies " + methodArn, function + " returned a policy that "
                        + "denies the client: its choice, not a failure; its own lines are where it may have said why");
            }
            allowed |= matches;
        }
        if (!allowed) {
            return new Refused(403, "the policy does not allow " + methodArn, function + " returned a policy with no "
                    + "Allow of execute-api:Invoke on " + methodArn + ": to let the client in, its Resource must be "
                    + "the event's methodArn or a wildcard covering it");
        }
        JsonObject authorizer = new JsonObject();
        authorizer.addProperty("principalId", principalId);
        JsonElement context = response.get("context");
        if (context != null && !context.isJsonNull()) {
            if (!context.isJsonObject()) {
                return malformed("context is not an object");
            }
            for (var entry : context.getAsJsonObject().entrySet()) {
                // API Gateway rejects context values that are objects or arrays.
                if (!entry.getValue().isJsonPrimitive() && !entry.getValue().isJsonNull()) {
                    return malformed("context." + entry.getKey() + " is not a string, number or boolean");
                }
                authorizer.add(entry.getKey(), entry.getValue());
            }
        }
        authorizer.addProperty("integrationLatency", latencyMillis);
        return new Allowed(authorizer);
    }

    /** Malformed: {@link #fromResponse} adds the advice, quoting the answer. */
    private static Refused malformed(String why) {
        return new Refused(500, "malformed authorizer answer: " + why, null);
    }

    private static Refused unauthorized(String function) {
        return new Refused(401, "authorizer answered Unauthorized", function + " answered Unauthorized itself: its "
                + "choice, not a failure (the client's identity was not accepted); its own lines are where it may "
                + "have said why");
    }

    private static String errorMessageOf(String text) {
        if (text == null || !text.trim().startsWith("{")) {
            return null;
        }
        try {
            JsonElement parsed = JsonParser.parseString(text);
            return parsed.isJsonObject() ? stringOrNull(parsed.getAsJsonObject().get("errorMessage")) : null;
        } catch (JsonParseException e) {
            return null;
        }
    }

    private static String stringOrNull(JsonElement element) {
        return element != null && element.isJsonPrimitive() && element.getAsJsonPrimitive().isString()
                ? element.getAsString() : null;
    }

    /** A string or an array of strings, else null. */
    private static List<String> strings(JsonElement element) {
        if (element == null) {
            return null;
        }
        String single = stringOrNull(element);
        if (single != null) {
            return List.of(single);
        }
        if (!element.isJsonArray()) {
            return null;
        }
        List<String> values = new ArrayList<>();
        for (JsonElement item : (JsonArray) element) {
            String value = stringOrNull(item);
            if (value == null) {
                return null;
            }
            values.add(value);
        }
        return values;
    }

    /** IAM wildcards: {@code *} any run of characters, {@code ?} one character. */
    private static boolean glob(String pattern, String value) {
        StringBuilder regex = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            if (c == '*') {
                regex.append(".*");
            } else if (c == '?') {
                regex.append('.');
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.matches(regex.toString(), value);
    }
}
