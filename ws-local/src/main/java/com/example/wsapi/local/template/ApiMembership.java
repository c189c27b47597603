package com.example.wsapi.local.template;

import static com.example.wsapi.local.template.ResourceTypes.API;
import static com.example.wsapi.local.template.ResourceTypes.AUTHORIZER;
import static com.example.wsapi.local.template.ResourceTypes.INTEGRATION;
import static com.example.wsapi.local.template.ResourceTypes.ROUTE;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which API each route, integration and authorizer joins by its {@code ApiId}, for those that do not join the served
 * WebSocket API (ws-local serves that one only, so the others would otherwise drop out unsaid):
 * <ul>
 *   <li>another API of the template (an HTTP API): served by none, as ws-local serves WebSocket APIs only;</li>
 *   <li>no ApiId, or a Ref or GetAtt of a template resource that is no API: refused, as CloudFormation requires the
 *       property and API Gateway finds no API of that id, so the stack fails (a Ref to an undeclared name is refused
 *       earlier, by {@link TemplateReferences});</li>
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

    /** A note naming the resources that join an API by a literal id, one per id; fails for the ones named above. */
    List<String> notes() {
        Map<String, List<String>> byApiId = new LinkedHashMap<>();
        for (String type : TYPES) {
            for (String id : context.resourcesOfType(Set.of(type))) {
                String apiId = foreignApiId(id, type);
                if (apiId != null) {
                    byApiId.computeIfAbsent(apiId, key -> new ArrayList<>()).add(describe(id, type));
                }
            }
        }
        List<String> notes = new ArrayList<>();
        byApiId.forEach((apiId, resources) -> notes.add(String.join(", ", resources) + (resources.size() == 1
                ? " has" : " have") + " ApiId " + apiId + ", not WebSocket API " + api.webSocketApi() + "'s: on AWS "
                + (resources.size() == 1 ? "it joins" : "they join") + " the API of that id (the stack fails if "
                + "there is none), and ws-local, serving " + api.webSocketApi() + " only, does not serve "
                + (resources.size() == 1 ? "it" : "them") + ". If " + api.webSocketApi() + " is meant, write ApiId: "
                + "!Ref " + api.webSocketApi()));
        return notes;
    }

    /** The ApiId as written and resolved, when it is a literal id of no API of the template; else null. */
    private String foreignApiId(String id, String type) {
        String at = "Resources." + id + ".Properties.ApiId";
        Object written = context.properties(id).get("ApiId");
        String apiId = context.resolveString(written, at);
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
        String key = context.resolveString(context.properties(id).get("RouteKey"), "Resources." + id
                + ".Properties.RouteKey");
        return "route " + id + (key == null ? "" : " (" + key + ")");
    }
}
