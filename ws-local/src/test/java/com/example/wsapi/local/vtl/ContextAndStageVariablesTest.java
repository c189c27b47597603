package com.example.wsapi.local.vtl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

/** {@code $context} and {@code $stageVariables} against API Gateway's WebSocket mapping template reference. */
class ContextAndStageVariablesTest {

    private final Templates templates = new Templates();

    private static MappingInput withContext(Map<String, Object> context) {
        return new MappingInput("{}", Map.of(), Map.of(), context, Map.of());
    }

    @Test
    void context_renderedWhole_printsLikeAJavaMapInItsOrder() throws Exception {
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("routeKey", "$default");
        context.put("eventType", "MESSAGE");
        context.put("connectedAt", 1_700_000_000_000L);
        context.put("identity", new LinkedHashMap<>(Map.of("sourceIp", "127.0.0.1")));
        assertEquals("{routeKey=$default, eventType=MESSAGE, connectedAt=1700000000000, identity={sourceIp=127.0.0.1}}",
                templates.render("$context", withContext(context)));
    }

    @Test
    void context_ofTheIssuesConnectTemplate() throws Exception {
        // The $connect request template of a backend integration: {"connection_id":"$context.connectionId"}
        assertEquals("{\"connection_id\":\"BFHPhfCWIAMCKlQ=\"}",
                templates.render("{\"connection_id\":\"$context.connectionId\"}", withContext(Templates.context())));
    }

    @Test
    void context_nestedValues() throws Exception {
        Map<String, Object> context = Templates.context();
        context.put("identity", Map.of("sourceIp", "192.0.2.1", "userAgent", "wscat"));
        context.put("error", Map.of("messageString", "\"Forbidden\"", "validationErrorString", "bad"));
        assertEquals("192.0.2.1|wscat|\"Forbidden\"|bad", templates.render("$context.identity.sourceIp|"
                + "$context.identity.userAgent|$context.error.messageString|$context.error.validationErrorString",
                withContext(context)));
    }

    @Test
    void context_errorMessageString_isTheMessageQuoted_whenOnlyTheMessageIsGiven() throws Exception {
        // Reference: "$context.error.messageString: The quoted value of $context.error.message"
        Map<String, Object> context = Templates.context();
        context.put("error", Map.of("message", "Internal server error"));
        assertEquals("\"Internal server error\"", templates.render("$context.error.messageString", withContext(context)));
    }

    @Test
    void context_authorizerValues_areStrings_documentedExample() throws Exception {
        // Reference: for the authorizer context {"key": "value", "numKey": 1, "boolKey": true}, $context.authorizer.key
        // returns the "value" string, numKey the "1" string and boolKey the "true" string.
        Map<String, Object> authorizer = new LinkedHashMap<>();
        authorizer.put("principalId", "user-1");
        authorizer.put("key", "value");
        authorizer.put("numKey", 1);
        authorizer.put("boolKey", true);
        Map<String, Object> context = Templates.context();
        context.put("authorizer", authorizer);
        assertEquals("user-1|value|1|true|true|true", templates.render("$context.authorizer.principalId|"
                + "$context.authorizer.key|$context.authorizer.numKey|$context.authorizer.boolKey|"
                + "#if($context.authorizer.numKey == \"1\")true#end|#if($context.authorizer.boolKey == \"true\")true#end",
                withContext(context)));
    }

    @Test
    void context_missingVariables_renderEmpty_notAsTheirName() throws Exception {
        // A variable WebSocket APIs do not have ($context.httpMethod) or nobody set renders as nothing.
        assertEquals("[|||]", templates.render(
                "[$context.httpMethod|$context.identity.accountId|$!context.foo|${context.authorizer.claims.sub}]",
                withContext(Templates.context())));
    }

    @Test
    void context_undefinedVariables_renderEmpty() throws Exception {
        assertEquals("[|]", templates.render("[$nothing|$nothing.at.all()]", withContext(Templates.context())));
    }

    @Test
    void context_changedByATemplate_isFreshForTheNextRendering() throws Exception {
        Map<String, Object> context = Templates.context();
        MappingInput input = withContext(context);
        templates.render("$context.put('routeKey', 'changed')$context.identity.put('sourceIp', 'changed')", input);
        assertEquals("$default|127.0.0.1", templates.render("$context.routeKey|$context.identity.sourceIp", input));
        assertEquals("$default", context.get("routeKey"));
    }

    @Test
    void context_null_isAnEmptyMap() throws Exception {
        assertEquals("{}|", templates.render("$context|$context.routeKey",
                new MappingInput("{}", null, null, null, null)));
    }

    @Test
    void stageVariables_inTheThreeDocumentedSpellings() throws Exception {
        // Reference: $stageVariables.<variable_name>, $stageVariables['<variable_name>'],
        // ${stageVariables['<variable_name>']}
        MappingInput input = new MappingInput("{}", Map.of(), Map.of(), Templates.context(),
                Map.of("backendHost", "backend.example.com"));
        assertEquals("backend.example.com|backend.example.com|backend.example.com", templates.render(
                "$stageVariables.backendHost|$stageVariables['backendHost']|${stageVariables['backendHost']}", input));
    }

    @Test
    void stageVariables_missing_renderEmpty() throws Exception {
        assertEquals("[]|{}", templates.render("[$stageVariables.nope]|$stageVariables",
                new MappingInput("{}", Map.of(), Map.of(), Templates.context(), null)));
    }
}
