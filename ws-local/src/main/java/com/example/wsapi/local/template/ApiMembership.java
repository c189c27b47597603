package com.example.wsapi.local.template;

import static com.example.wsapi.local.template.ResourceTypes.API;
import static com.example.wsapi.local.template.ResourceTypes.AUTHORIZER;
import static com.example.wsapi.local.template.ResourceTypes.INTEGRATION;
import static com.example.wsapi.local.template.ResourceTypes.ROUTE;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which API each route, integration and authorizer joins by its {@code ApiId}, for those that do not join the served
 * WebSocket API (ws-local serves that one only, so the others would otherwise drop out unsaid):
 * <ul>
 *   <li>another WebSocket API of the template: one note per such API, saying how to serve it ({@code --api});</li>
 *   <li>an HTTP API of the template: served by none, as ws-local serves WebSocket APIs only;</li>
 *   <li>no ApiId, or a Ref or GetAtt of a template resource that is no API: refused, as CloudFormation requires the
 *       property and API Gateway finds no API of that id, so the stack fails (a Ref to an undeclared name is refused
 *       earlier, by {@link TemplateReferences});</li>
 *   <li>an id imported from another stack ({@code Fn::ImportValue}): noted for the banner, one note per export, as it
 *       joins that stack's API, which ws-local does not run;</li>
 *   <li>any other value (a literal, a parameter): noted for the banner, since on AWS it joins the API of that id,
 *       perhaps one of another stack, and ws-local does not serve it.</li>
 * </ul>
 */
final class ApiMembership {

    private static final List<String> TYPES = List.of(ROUTE, INTEGRATION, AUTHORIZER);

    private final TemplateContext context;
    private final ApiReader api;

    ApiMembership(TemplateContext context, ApiReader api) {
        this.context = context;
        this.api = api;
    }

    /**
     * The notes: one per other WebSocket API of the template, one per literal id and one per imported export naming the
     * resources that join it; fails for the ones refused above.
     */
    List<String> notes() {
        Map<String, List<String>> byApiId = new LinkedHashMap<>();
        Map<String, List<String>> byExport = new LinkedHashMap<>();
        for (String type : TYPES) {
            for (String id : context.resourcesOfType(Set.of(type))) {
                try {
                    String apiId = foreignApiId(id, type);
                    if (apiId != null) {
                        byApiId.computeIfAbsent(apiId, key -> new ArrayList<>()).add(describe(id, type));
                    }
                } catch (ImportedValue imported) {
                    byExport.computeIfAbsent(imported.exportName(), key -> new ArrayList<>()).add(describe(id, type));
                }
            }
        }
        String served = api.webSocketApi();
        List<String> notes = new ArrayList<>(otherWebSocketApis());
        byApiId.forEach((apiId, resources) -> notes.add(joined(resources) + " ApiId " + apiId + ", not WebSocket API "
                + served + "'s: on AWS " + (resources.size() == 1 ? "it joins" : "they join") + " the API of that id "
                + "(the stack fails if there is none), and ws-local, serving " + served + " only, does not serve "
                + (resources.size() == 1 ? "it" : "them") + ". If " + served + " is meant, write ApiId: !Ref "
                + served));
        byExport.forEach((export, resources) -> notes.add(joined(resources) + " ApiId !ImportValue " + export + ": on "
                + "AWS " + (resources.size() == 1 ? "it joins" : "they join") + " the API another stack exports as "
                + export + " (the stack fails if no stack exports it), and ws-local, which runs no other stacks and "
                + "serves " + served + " only, does not serve " + (resources.size() == 1 ? "it" : "them") + ". If "
                + served + " is meant, write ApiId: !Ref " + served));
        return notes;
    }

    /** The resources described, and the verb that fits their number. */
    private static String joined(List<String> resources) {
        return String.join(", ", resources) + (resources.size() == 1 ? " has" : " have");
    }

    /** A note for each WebSocket API of the template that is not served, saying how to serve it beside this one. */
    private List<String> otherWebSocketApis() {
        String served = api.webSocketApi();
        int port = context.settings().localEndpoint().getPort();
        String anotherPort = port > 0 && port < 65535 ? Integer.toString(port + 1) : "<another port>";
        List<String> notes = new ArrayList<>();
        for (String other : api.webSocketApis()) {
            if (other.equals(served)) {
                continue;
            }
            List<String> routeKeys = new ArrayList<>();
            for (String route : context.belongingToApi(ROUTE, ApiReader.apiId(other))) {
                routeKeys.add(routeKey(route));
            }
            notes.add("WebSocket API " + other + " is not served (" + (routeKeys.isEmpty() ? "it has no routes"
                    : (routeKeys.size() == 1 ? "its route " : "its routes ") + String.join(", ", routeKeys))
                    + "): ws-local serves one WebSocket API at a time, " + served + " here (--api " + served + "). To "
                    + "serve " + other + " as well, run another ws-local on this template with --api " + other
                    + " --port " + anotherPort + sharingTables());
        }
        return notes;
    }

    /**
     * How the other ws-local shares this one's tables, as both APIs share the stack's tables on AWS: the option that
     * points it at the DynamoDB this one uses.
     */
    private String sharingTables() {
        URI endpoint = context.settings().dynamoDbEndpoint();
        if (endpoint == null) {
            return "; to share this one's tables, as the two APIs share the stack's on AWS, give it "
                    + "--dynamodb-endpoint with the DynamoDB endpoint this banner names";
        }
        if (context.settings().dynamoDbGiven()) {
            return " --dynamodb-endpoint " + endpoint + ": the two then share that DynamoDB and its tables, as the "
                    + "two APIs share the stack's tables on AWS";
        }
        return " --dynamodb-endpoint " + endpoint + ": the two then share this one's DynamoDB Local and its tables "
                + "while this one runs, as the two APIs share the stack's tables on AWS (without that option the "
                + "other starts its own DynamoDB Local, and the two do not share tables)";
    }

    /** The ApiId as written and resolved, when it is a literal id of no API of the template; else null. */
    private String foreignApiId(String id, String type) {
        String at = "Resources." + id + ".Properties.ApiId";
        Object written = context.properties(id).get("ApiId");
        String apiId = context.apiIdOf(id);
        String correction = "write ApiId: !Ref " + api.webSocketApi();
        if (apiId == null) {
            throw new TemplateProblem(at, "ApiId is missing: CloudFormation requires it of an " + type + ", so the "
                    + "stack would fail; " + correction);
        }
        for (String apiLogicalId : context.resourcesOfType(Set.of(API))) {
            if (apiId.equals(ApiReader.apiId(apiLogicalId))) {
                return null;   // the served API, or another API of the template, which ws-local does not serve
            }
        }
        String referenced = referencedResource(written);
        if (referenced != null && context.typeIfActive(referenced) != null) {
            throw new TemplateProblem(at, "ApiId " + written(written) + " gives \"" + apiId + "\", which is no API's "
                    + "id: " + referenced + " is an " + context.typeIfActive(referenced) + ", not an " + API + ", so "
                    + "API Gateway finds no such API and the stack fails; " + correction);
        }
        return referenced != null ? written(written) + " (\"" + apiId + "\")" : "\"" + apiId + "\"";
    }

    /** The logical id a {@code Ref} or {@code Fn::GetAtt} names, or null for any other value. */
    private static String referencedResource(Object written) {
        if (!(written instanceof Map<?, ?> map) || map.size() != 1) {
            return null;
        }
        if (map.get("Ref") instanceof String name) {
            return name;
        }
        Object getAtt = map.get("Fn::GetAtt");
        if (getAtt instanceof String text) {
            return text.split("\\.", 2)[0];
        }
        return getAtt instanceof List<?> list && !list.isEmpty() && list.get(0) instanceof String name ? name : null;
    }

    /** A Ref or GetAtt as it is written in YAML's short form, else the value as it is. */
    private static String written(Object written) {
        if (written instanceof Map<?, ?> map && map.get("Ref") instanceof String name) {
            return "!Ref " + name;
        }
        if (written instanceof Map<?, ?> map && map.get("Fn::GetAtt") != null) {
            Object getAtt = map.get("Fn::GetAtt");
            return "!GetAtt " + (getAtt instanceof List<?> list ? String.join(".", list.stream().map(String::valueOf)
                    .toList()) : getAtt);
        }
        return String.valueOf(written);
    }

    private String describe(String id, String type) {
        if (!type.equals(ROUTE)) {
            return (type.equals(INTEGRATION) ? "integration " : "authorizer ") + id;
        }
        String key = routeKey(id);
        return "route " + id + (key == null ? "" : " (" + key + ")");
    }

    private String routeKey(String routeId) {
        return context.resolveString(context.properties(routeId).get("RouteKey"), "Resources." + routeId
                + ".Properties.RouteKey");
    }
}
