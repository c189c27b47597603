package com.example.wsapi.local.template;

import static com.example.wsapi.local.template.ResourceTypes.API;
import static com.example.wsapi.local.template.ResourceTypes.ROUTE;
import static com.example.wsapi.local.template.ResourceTypes.STAGE;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads the WebSocket API ({@code AWS::ApiGatewayV2::Api}) ws-local serves, the template's one or the one {@code --api}
 * names, and the stage it serves.
 */
final class ApiReader {

    private static final String API_ID_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
    private static final Pattern STAGE_VARIABLE_NAME = Pattern.compile("[A-Za-z0-9_]+");

    /** The stage served: its name and its {@code StageVariables}. */
    record Stage(String name, Map<String, String> variables) {}

    private final TemplateContext context;
    private String webSocketApi;
    private List<String> apiStages;

    ApiReader(TemplateContext context) {
        this.context = context;
    }

    /** A stable API id of 10 lowercase alphanumerics derived from the API's logical id, like a real one. */
    static String apiId(String logicalId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(logicalId.getBytes(StandardCharsets.UTF_8));
            StringBuilder id = new StringBuilder();
            for (int i = 0; i < 10; i++) {
                id.append(API_ID_ALPHABET.charAt((digest[i] & 0xff) % API_ID_ALPHABET.length()));
            }
            return id.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /**
     * The logical id of the WebSocket API served: the one the {@code --api} option names, else the template's one API
     * with {@code ProtocolType: WEBSOCKET}.
     */
    String webSocketApi() {
        if (webSocketApi == null) {
            List<String> found = webSocketApis();
            String chosen = context.settings().api();
            if (chosen != null) {
                requireWebSocketApi(chosen, found);
                webSocketApi = chosen;
            } else if (found.isEmpty()) {
                throw new TemplateProblem("Resources", "no WebSocket API in the template (AWS::ApiGatewayV2::Api "
                        + "with ProtocolType: WEBSOCKET): ws-local runs a WebSocket API, add one" + importedApis());
            } else if (found.size() > 1) {
                throw new TemplateProblem("Resources", found.size() + " WebSocket APIs " + found + ": ws-local "
                        + "serves one at a time, so choose it with --api <LogicalId> (" + found.stream()
                        .map(id -> "--api " + id).collect(Collectors.joining(" or ")) + "); to serve another too, run "
                        + "a second ws-local with its --api and a --port of its own (or put the APIs you do not want "
                        + "under a false Condition)");
            } else {
                webSocketApi = found.get(0);
            }
        }
        return webSocketApi;
    }

    /** The logical ids of the template's APIs with {@code ProtocolType: WEBSOCKET}, in template order. */
    List<String> webSocketApis() {
        List<String> found = new ArrayList<>();
        for (String id : context.resourcesOfType(Set.of(API))) {
            if (isWebSocket(id)) {
                found.add(id);
            }
        }
        return found;
    }

    /**
     * What routes that import their ApiId join, for the refusal of a template without a WebSocket API: an API of
     * another stack, which ws-local does not run. Empty when no route imports one.
     */
    private String importedApis() {
        Set<String> exports = new LinkedHashSet<>();
        for (String route : context.resourcesOfType(Set.of(ROUTE))) {
            try {
                context.apiIdOf(route);
            } catch (ImportedValue imported) {
                exports.add("!ImportValue " + imported.exportName());
            }
        }
        return exports.isEmpty() ? "" : " (its routes join an API of another stack, by ApiId " + String.join(", ",
                exports) + ": ws-local runs the WebSocket API of the template it reads, and no other stacks, so "
                + "run it on the template that declares that API)";
    }

    /** Refuses an {@code --api} that names no WebSocket API of the template, naming those it has. */
    private void requireWebSocketApi(String chosen, List<String> webSocketApis) {
        if (webSocketApis.contains(chosen)) {
            return;
        }
        String candidates = webSocketApis.isEmpty() ? "the template has no WebSocket API (AWS::ApiGatewayV2::Api "
                + "with ProtocolType: WEBSOCKET) to serve"
                : "the template's WebSocket APIs: " + String.join(", ", webSocketApis) + webSocketApis.stream()
                        .filter(id -> id.equalsIgnoreCase(chosen)).map(id -> " (did you mean " + id + "?)")
                        .findFirst().orElse("");
        String type = context.typeIfActive(chosen);
        if (type == null) {
            throw new TemplateProblem("Resources", "--api " + chosen + ": " + (context.declares(chosen)
                    ? chosen + "'s Condition is false, so it does not exist" : "the template has no resource "
                    + chosen) + "; " + candidates);
        }
        String protocol = type.equals(API) ? context.resolveString(context.properties(chosen).get("ProtocolType"),
                "Resources." + chosen + ".Properties.ProtocolType") : null;
        String what = !type.equals(API) ? "is an " + type : protocol == null ? "is an API without ProtocolType"
                : "is an " + protocol + " API (ProtocolType: " + protocol + ")";
        throw new TemplateProblem("Resources." + chosen, "--api " + chosen + ": " + chosen + " " + what + ", not a "
                + "WebSocket API (AWS::ApiGatewayV2::Api with ProtocolType: WEBSOCKET), and ws-local serves WebSocket "
                + "APIs only; " + candidates);
    }

    /** The local API id of the WebSocket API. */
    String webSocketApiId() {
        return apiId(webSocketApi());
    }

    boolean isWebSocket(String apiLogicalId) {
        return "WEBSOCKET".equals(context.resolveString(context.properties(apiLogicalId).get("ProtocolType"),
                "Resources." + apiLogicalId + ".Properties.ProtocolType"));
    }

    String routeSelectionExpression() {
        String at = "Resources." + webSocketApi() + ".Properties";
        String routeSelection = context.resolveString(context.properties(webSocketApi()).get("RouteSelectionExpression"),
                at + ".RouteSelectionExpression");
        if (routeSelection == null) {
            throw new TemplateProblem(at, "a WebSocket API needs a RouteSelectionExpression: add "
                    + "RouteSelectionExpression: $request.body.action");
        }
        try {
            RouteSelectionExpression.bodyPath(routeSelection);
        } catch (IllegalArgumentException e) {
            throw new TemplateProblem(at + ".RouteSelectionExpression", e.getMessage());
        }
        return routeSelection;
    }

    /** The API's Stage resources. */
    List<String> apiStages() {
        if (apiStages == null) {
            apiStages = context.belongingToApi(STAGE, webSocketApiId());
        }
        return apiStages;
    }

    /** The parameter the API's one stage takes its StageName from, or null. */
    String stageParameter() {
        List<String> stages = apiStages();
        if (stages.size() == 1 && context.properties(stages.get(0)).get("StageName") instanceof Map<?, ?> name
                && name.size() == 1 && name.get("Ref") instanceof String parameter
                && context.isParameter(parameter)) {
            return parameter;
        }
        return null;
    }

    /** The StageName a Stage resource declares. */
    String templateStageName(String stageId) {
        String at = "Resources." + stageId + ".Properties.StageName";
        String name = context.resolveString(context.properties(stageId).get("StageName"), at);
        if (name == null) {
            throw new TemplateProblem(at, "a Stage needs a StageName");
        }
        return name;
    }

    /** The stage served: the template's one stage, or the {@code --stage} override. */
    Stage stage() {
        String override = context.settings().stageOverride();
        if (override != null) {
            String chosen = stageId();
            return new Stage(override, chosen == null ? Map.of() : stageVariables(chosen));
        }
        List<String> stages = apiStages();
        if (stages.isEmpty()) {
            throw new TemplateProblem("Resources", "no AWS::ApiGatewayV2::Stage for WebSocket API " + webSocketApi()
                    + ": clients connect to wss://host/<stage>, so add a Stage with ApiId: !Ref " + webSocketApi()
                    + " or pass --stage <name>");
        }
        if (stages.size() > 1) {
            List<String> names = new ArrayList<>();
            for (String id : stages) {
                names.add(id + " (" + templateStageName(id) + ")");
            }
            throw new TemplateProblem("Resources", "WebSocket API " + webSocketApi() + " has several stages "
                    + names + ": choose one with --stage <name>");
        }
        return new Stage(templateStageName(stages.get(0)), stageVariables(stages.get(0)));
    }

    /**
     * The Stage resource served, or null when the {@code --stage} override names none of several (or there is none);
     * {@link #stage()} refuses the other ambiguities.
     */
    String stageId() {
        List<String> stages = apiStages();
        String override = context.settings().stageOverride();
        if (override == null || stages.size() == 1) {
            // The override renames the one stage.
            return stages.size() == 1 ? stages.get(0) : null;
        }
        for (String id : stages) {
            if (templateStageName(id).equals(override)) {
                return id;
            }
        }
        return null;
    }

    /** A Stage's {@code StageVariables}: names of letters, digits and '_', values as text. */
    private Map<String, String> stageVariables(String stageId) {
        String at = "Resources." + stageId + ".Properties";
        Map<String, Object> declared = context.resolveMapping(context.properties(stageId), "StageVariables", at);
        Map<String, String> variables = new LinkedHashMap<>();
        for (Map.Entry<String, Object> variable : declared.entrySet()) {
            String vat = at + ".StageVariables." + variable.getKey();
            if (!STAGE_VARIABLE_NAME.matcher(variable.getKey()).matches()) {
                throw new TemplateProblem(vat, "a stage variable's name is letters, digits and '_' only");
            }
            if (variable.getValue() == null) {
                throw new TemplateProblem(vat, "the stage variable has no value: give it one or remove it");
            }
            variables.put(variable.getKey(), Intrinsics.text(variable.getValue(), vat));
        }
        return Collections.unmodifiableMap(variables);
    }
}
