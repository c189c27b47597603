package com.example.wsapi.local.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Least privilege in this project's template.yaml: every function has its own role, and that role allows exactly the
 * calls the function's code makes, on exactly the resources it makes them on. ws-local does not enforce IAM, so a
 * wrong permission would only show on AWS: this test is where it shows first.
 */
class TemplateIamIT {

    /**
     * The AWS calls each function's code makes (the handler and the ws-common services and stores it uses):
     * ConnectionStore.save PutItem, remove DeleteItem, find GetItem, joinRoom and leaveRoom UpdateItem, connectionIdsInRoom Query on
     * byRoom, allConnectionIds Scan; ConnectionPoster.post PostToConnection (execute-api:ManageConnections); every
     * Broadcaster removes a stale record (DeleteItem) on 410. The authorizer (ws-authorizer) calls no AWS API.
     */
    static final Map<String, Set<String>> CALLS = Map.of(
            "ConnectFunction", Set.of("dynamodb:PutItem"),
            "DisconnectFunction", Set.of("dynamodb:DeleteItem", "dynamodb:Query", "execute-api:ManageConnections"),
            "DefaultFunction", Set.of("execute-api:ManageConnections"),
            "EchoFunction", Set.of("execute-api:ManageConnections"),
            "JoinRoomFunction", Set.of("dynamodb:UpdateItem", "dynamodb:DeleteItem", "dynamodb:Query",
                    "execute-api:ManageConnections"),
            "LeaveRoomFunction", Set.of("dynamodb:UpdateItem", "dynamodb:DeleteItem", "dynamodb:Query",
                    "execute-api:ManageConnections"),
            "SendMessageFunction", Set.of("dynamodb:GetItem", "dynamodb:Scan", "dynamodb:DeleteItem", "dynamodb:Query",
                    "execute-api:ManageConnections"),
            // Fetches the issuer's public keys over HTTPS: no AWS call at all.
            "AuthorizerFunction", Set.of());
    /** Writing its own log group: what Lambda needs to deliver a function's logs. */
    static final Set<String> LOGGING = Set.of("logs:CreateLogStream", "logs:PutLogEvents");
    static final Pattern SUB_REFERENCE = Pattern.compile("\\$\\{([A-Za-z0-9]+)(\\.[A-Za-z0-9.]+)?}");

    static Map<String, Object> resources;
    /** Function logical id to its role's logical id. */
    static final Map<String, String> roleOf = new TreeMap<>();

    @BeforeAll
    static void read() throws TemplateException {
        Map<String, Object> template = TemplateYaml.read(Path.of(System.getProperty("project.root"), "template.yaml"));
        resources = map(template.get("Resources"));
        for (String function : logicalIdsOfType("AWS::Serverless::Function")) {
            Object role = properties(function).get("Role");
            assertTrue(role instanceof Map<?, ?> getAtt && getAtt.containsKey("Fn::GetAtt"),
                    function + " must name its own role with !GetAtt <Role>.Arn, got " + role);
            List<?> target = (List<?>) map(role).get("Fn::GetAtt");
            assertEquals("Arn", target.get(1), function + "'s Role");
            roleOf.put(function, (String) target.get(0));
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        assertTrue(value instanceof Map, "expected a mapping, got " + value);
        return (Map<String, Object>) value;
    }

    static List<?> list(Object value) {
        return value instanceof List<?> list ? list : List.of(value);
    }

    static String type(String logicalId) {
        return (String) map(resources.get(logicalId)).get("Type");
    }

    static Map<String, Object> properties(String logicalId) {
        Object properties = map(resources.get(logicalId)).get("Properties");
        return properties == null ? Map.of() : map(properties);
    }

    static List<String> logicalIdsOfType(String type) {
        return resources.keySet().stream().filter(id -> type.equals(type(id))).sorted().toList();
    }

    /** Every statement of a role's inline policies. */
    static List<Map<String, Object>> statements(String role) {
        List<Map<String, Object>> statements = new ArrayList<>();
        for (Object policy : list(properties(role).getOrDefault("Policies", List.of()))) {
            Map<String, Object> document = map(map(policy).get("PolicyDocument"));
            list(document.get("Statement")).forEach(statement -> statements.add(map(statement)));
        }
        return statements;
    }

    /** A statement's resources as text: a literal, a !Sub string, or "GetAtt:<Id>.<Attribute>". */
    static List<String> resourcesOf(Map<String, Object> statement) {
        List<String> texts = new ArrayList<>();
        for (Object resource : list(statement.get("Resource"))) {
            if (resource instanceof String literal) {
                texts.add(literal);
            } else if (map(resource).get("Fn::Sub") instanceof String sub) {
                texts.add(sub);
            } else if (map(resource).get("Fn::GetAtt") instanceof List<?> getAtt) {
                texts.add("GetAtt:" + getAtt.get(0) + "." + getAtt.get(1));
            } else {
                fail("a Resource the test cannot read (use a literal, !Sub or !GetAtt): " + resource);
            }
        }
        return texts;
    }

    /** Where the template refers to a logical id (Ref, GetAtt, ${Id} in Sub), as paths. */
    static List<String> referencesTo(String logicalId) {
        List<String> paths = new ArrayList<>();
        collectReferences(resources, "Resources", logicalId, paths);
        return paths;
    }

    private static void collectReferences(Object node, String path, String logicalId, List<String> paths) {
        if (node instanceof Map<?, ?> mapping) {
            Object ref = mapping.get("Ref");
            Object getAtt = mapping.get("Fn::GetAtt");
            Object sub = mapping.get("Fn::Sub");
            if (logicalId.equals(ref) || (getAtt instanceof List<?> target && logicalId.equals(target.get(0)))) {
                paths.add(path);
            }
            if (sub != null) {
                Matcher matcher = SUB_REFERENCE.matcher(String.valueOf(sub instanceof List<?> l ? l.get(0) : sub));
                while (matcher.find()) {
                    if (matcher.group(1).equals(logicalId)) {
                        paths.add(path);
                    }
                }
            }
            mapping.forEach((key, value) -> collectReferences(value, path + "." + key, logicalId, paths));
        } else if (node instanceof List<?> items) {
            for (int i = 0; i < items.size(); i++) {
                collectReferences(items.get(i), path + "[" + i + "]", logicalId, paths);
            }
        }
    }

    @Test
    void everyFunctionHasItsOwnRole_andNothingElseUsesIt() {
        assertEquals(CALLS.keySet(), roleOf.keySet(), "a function without an expected call set, or the reverse");
        assertEquals(roleOf.size(), new TreeSet<>(roleOf.values()).size(), "two functions share a role: " + roleOf);
        assertEquals(new TreeSet<>(roleOf.values()), new TreeSet<>(logicalIdsOfType("AWS::IAM::Role")),
                "every role belongs to exactly one function");
        roleOf.forEach((function, role) -> {
            assertEquals(List.of("Resources." + function + ".Properties.Role"), referencesTo(role),
                    role + " is referred to elsewhere than " + function + "'s Role");
            assertFalse(properties(function).containsKey("Policies"), function + ": SAM Policies add permissions "
                    + "outside its role; put them in " + role);
        });
    }

    @Test
    void noOtherIamResources_noManagedPolicies_andOnlyLambdaAssumesTheRoles() {
        for (String id : resources.keySet()) {
            String type = type(id);
            assertTrue(!type.startsWith("AWS::IAM::") || type.equals("AWS::IAM::Role"),
                    id + " (" + type + "): permissions belong in the function's role");
        }
        for (String role : roleOf.values()) {
            Map<String, Object> properties = properties(role);
            assertNull(properties.get("ManagedPolicyArns"), role + ": managed policies grant more than the function "
                    + "calls (AWSLambdaBasicExecutionRole is logs:* on *)");
            assertNull(properties.get("PermissionsBoundary"), role);
            List<?> trust = list(map(properties.get("AssumeRolePolicyDocument")).get("Statement"));
            assertEquals(1, trust.size(), role + "'s trust policy");
            Map<String, Object> statement = map(trust.get(0));
            assertEquals(Map.of("Service", "lambda.amazonaws.com"), statement.get("Principal"), role);
            assertEquals("sts:AssumeRole", statement.get("Action"), role);
        }
    }

    @Test
    void noStatementAllowsEveryResource_everyAction_orAnInverse() {
        for (String role : roleOf.values()) {
            for (Map<String, Object> statement : statements(role)) {
                String where = role + " statement " + statement;
                assertEquals("Allow", statement.get("Effect"), where);
                assertFalse(statement.containsKey("NotAction") || statement.containsKey("NotResource"),
                        "NotAction/NotResource allow everything else: " + where);
                for (Object action : list(statement.get("Action"))) {
                    assertFalse(String.valueOf(action).contains("*"), "wildcard action " + action + " in " + where);
                }
                for (String resource : resourcesOf(statement)) {
                    assertFalse(resource.equals("*") || resource.endsWith(":*"),
                            "Resource " + resource + " is every resource: " + where);
                }
            }
        }
    }

    @Test
    void eachRoleAllowsExactlyTheCallsItsFunctionMakes_onTheResourcesItMakesThemOn() {
        Map<String, Set<String>> actual = new TreeMap<>();
        roleOf.forEach((function, role) -> {
            Map<String, List<String>> resourcesByAction = new LinkedHashMap<>();
            for (Map<String, Object> statement : statements(role)) {
                for (Object action : list(statement.get("Action"))) {
                    resourcesByAction.computeIfAbsent((String) action, a -> new ArrayList<>())
                            .addAll(resourcesOf(statement));
                }
            }
            Set<String> calls = new TreeSet<>(resourcesByAction.keySet());
            calls.removeAll(LOGGING);
            actual.put(function, calls);

            String logGroup = (String) map(map(properties(function).get("LoggingConfig")).get("LogGroup")).get("Ref");
            for (String logging : LOGGING) {
                assertEquals(List.of("GetAtt:" + logGroup + ".Arn"), resourcesByAction.get(logging),
                        function + " may write only its own log group with " + logging);
            }
            for (String call : calls) {
                List<String> on = resourcesByAction.get(call);
                String expected = switch (call) {
                    case "dynamodb:Query" -> "${ConnectionsTable.Arn}/index/byRoom";
                    case "execute-api:ManageConnections" -> "arn:${AWS::Partition}:execute-api:${AWS::Region}:"
                            + "${AWS::AccountId}:${WebSocketApi}/${StageName}/POST/@connections/*";
                    default -> "GetAtt:ConnectionsTable.Arn";
                };
                assertEquals(List.of(expected), on, function + ": " + call);
            }
        });
        assertEquals(new TreeMap<>(CALLS), actual, "each role's actions, beyond logging");
    }
}
