package com.example.wsapi.local.template;

import static com.example.wsapi.local.template.ResourceTypes.ROUTE;
import static com.example.wsapi.local.template.ResourceTypes.ROUTE_RESPONSE;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Reads the API's {@code AWS::ApiGatewayV2::Route}s with their {@code RouteResponse}s, each joined with its
 * integration and authorizer.
 */
final class RoutesReader {

    private final TemplateContext context;
    private final ApiReader api;
    private final IntegrationsReader integrations;
    private final AuthorizersReader authorizers;
    private final FunctionsReader functions;
    private Set<String> routesWithDefaultResponse;

    RoutesReader(TemplateContext context, ApiReader api, IntegrationsReader integrations, AuthorizersReader authorizers,
                 FunctionsReader functions) {
        this.context = context;
        this.api = api;
        this.integrations = integrations;
        this.authorizers = authorizers;
        this.functions = functions;
    }

    /** Every route of the API, in template order; at least one. */
    List<Route> routes() {
        List<Route> routes = new ArrayList<>();
        Map<String, String> routeIdsByKey = new HashMap<>();
        for (String id : context.belongingToApi(ROUTE, api.webSocketApiId())) {
            String at = "Resources." + id + ".Properties";
            Map<String, Object> props = context.properties(id);
            String routeKey = context.requiredString(props, "RouteKey", at, "e.g. RouteKey: $default");
            String duplicate = routeIdsByKey.put(routeKey, id);
            if (duplicate != null) {
                throw new TemplateProblem(at + ".RouteKey", "routes " + duplicate + " and " + id + " both have RouteKey "
                        + routeKey + ": route keys of an API must be unique");
            }
            refuseRequestValidation(props, routeKey, at);
            String target = context.requiredString(props, "Target", at, "Target: !Sub integrations/${YourIntegration}");
            if (!target.startsWith("integrations/")) {
                throw new TemplateProblem(at + ".Target", "Target \"" + target + "\" must be integrations/<integration "
                        + "id>: write Target: !Sub integrations/${YourIntegration}");
            }
            String integrationId = target.substring("integrations/".length());
            IntegrationSpec integration = integrations.integration(integrationId, id, at + ".Target");
            requireSameApi(integrationId, "integration", "route " + id + " (" + routeKey + ")");
            String integrationAt = "Resources." + integrationId + ".Properties";
            if (integration instanceof IntegrationSpec.CallsFunction calls) {
                functions.requireRunnable(calls.functionLogicalId(), "route " + id + " (" + routeKey + ")",
                        integrationAt + ".IntegrationUri");
            }
            if (integration instanceof IntegrationSpec.CallsHttp http && !routeKey.equals("$connect")) {
                for (RequestParameter parameter : http.requestParameters()) {
                    if (parameter.readsHandshake()) {
                        throw new TemplateProblem(integrationAt + ".RequestParameters", parameter.source() + " exists "
                                + "only on $connect (the handshake), but route " + id + " (" + routeKey + ") uses this "
                                + "integration: map it in an integration of the $connect route only");
                    }
                }
            }
            Authorizer authorizer = authorizer(props, id, routeKey, at);
            boolean twoWay = context.resolveString(props.get("RouteResponseSelectionExpression"),
                    at + ".RouteResponseSelectionExpression") != null && routesWithDefaultResponse().contains(id);
            // Unconfirmed (API Gateway "requires" one): a two-way non-proxy route without any fails to load.
            if (twoWay && responsesOf(integration) != null && responsesOf(integration).isEmpty()) {
                throw new TemplateProblem(integrationAt, "route " + id + " (" + routeKey + ") is two-way, but its "
                        + integration.type() + " integration " + integrationId + " has no IntegrationResponse: the "
                        + "reply goes through one, so add an AWS::ApiGatewayV2::IntegrationResponse with "
                        + "IntegrationId: !Ref " + integrationId + " and IntegrationResponseKey: $default");
            }
            routes.add(new Route(id, routeKey, integration, twoWay, authorizer));
        }
        if (routes.isEmpty()) {
            throw new TemplateProblem("Resources", "WebSocket API " + api.webSocketApi() + " has no routes: add "
                    + "AWS::ApiGatewayV2::Route resources with ApiId: !Ref " + api.webSocketApi());
        }
        return routes;
    }

    /** The integration responses a reply needs (non-proxy types), or null where the reply needs none. */
    private static List<IntegrationResponse> responsesOf(IntegrationSpec integration) {
        if (integration instanceof IntegrationSpec.Http http) {
            return http.responses();
        }
        if (integration instanceof IntegrationSpec.Mock mock) {
            return mock.responses();
        }
        return integration instanceof IntegrationSpec.Aws aws ? aws.responses() : null;
    }

    /**
     * Request models and required parameters are request validation, and required API keys need usage plans: ws-local
     * emulates neither, and letting every client in would hide the difference.
     */
    private void refuseRequestValidation(Map<String, Object> props, String routeKey, String at) {
        if ("true".equals(context.resolveString(props.get("ApiKeyRequired"), at + ".ApiKeyRequired"))) {
            throw new TemplateProblem(at + ".ApiKeyRequired", "API keys (and their usage plans) are not emulated by "
                    + "ws-local, which would let clients without a key in: write ApiKeyRequired: false (a parameter "
                    + "can switch it) to run this template locally");
        }
        Map<String, Object> models = context.resolveMapping(props, "RequestModels", at);
        if (!models.isEmpty()) {
            throw new TemplateProblem(at + ".RequestModels", "request validation against models is not emulated by "
                    + "ws-local: remove RequestModels (and ModelSelectionExpression) to run this template locally");
        }
        Map<String, Object> parameters = context.resolveMapping(props, "RequestParameters", at);
        for (Map.Entry<String, Object> parameter : parameters.entrySet()) {
            String pat = at + ".RequestParameters." + parameter.getKey();
            if (!parameter.getKey().startsWith("route.request.header.")
                    && !parameter.getKey().startsWith("route.request.querystring.")) {
                throw new TemplateProblem(pat, "a route declares route.request.header.<name> or "
                        + "route.request.querystring.<name> parameters only");
            }
            if (!routeKey.equals("$connect")) {
                throw new TemplateProblem(pat, "only the $connect route has headers and a query string (the "
                        + "handshake's): remove this parameter from route " + routeKey);
            }
            Map<?, ?> declaration = Intrinsics.mapping(parameter.getValue(), pat);
            Object required = declaration.get("Required");
            if (required != null && "true".equals(Intrinsics.text(required, pat + ".Required"))) {
                throw new TemplateProblem(pat + ".Required", "required request parameters are request validation, "
                        + "which ws-local does not emulate: write Required: false to run this template locally");
            }
        }
    }

    private Authorizer authorizer(Map<String, Object> props, String routeId, String routeKey, String at) {
        String authorization = Objects.requireNonNullElse(
                context.resolveString(props.get("AuthorizationType"), at + ".AuthorizationType"), "NONE");
        if (!authorization.equals("NONE") && !routeKey.equals("$connect")) {
            throw new TemplateProblem(at + ".AuthorizationType", "route " + routeKey + " has AuthorizationType "
                    + authorization + ": WebSocket APIs authorize only the $connect route, set NONE here");
        }
        switch (authorization) {
            case "NONE":
                return null;
            case "AWS_IAM":
                // IAM authorization is not emulated: ws-local accepts the connection as if it were signed.
                return null;
            case "CUSTOM":
                String authorizerId = context.requiredString(props, "AuthorizerId", at,
                        "AuthorizerId: !Ref YourAuthorizer, needed by AuthorizationType CUSTOM");
                Authorizer authorizer = authorizers.authorizer(authorizerId, at + ".AuthorizerId");
                requireSameApi(authorizerId, "authorizer", "route " + routeId + " (" + routeKey + ")");
                return authorizer;
            default:
                throw new TemplateProblem(at + ".AuthorizationType", "AuthorizationType " + authorization
                        + " does not exist for WebSocket APIs: use NONE, AWS_IAM or CUSTOM");
        }
    }

    /**
     * API Gateway creates an integration, authorizer or route response inside the API its ApiId names, so one whose
     * ApiId is another (a typo such as {@code ApiId: Ref! Api} is a literal id, an import another stack's API) fails to
     * deploy, never reaching the route that names it.
     */
    private void requireSameApi(String resourceId, String kind, String route) {
        String at = "Resources." + resourceId + ".Properties.ApiId";
        Object written = context.properties(resourceId).get("ApiId");
        String apiId;
        String named;
        try {
            apiId = context.apiIdOf(resourceId);
            named = apiId == null ? null : written instanceof Map<?, ?> ref && ref.get("Ref") instanceof String name
                    ? "!Ref " + name : "\"" + apiId + "\"";
        } catch (ImportedValue e) {
            apiId = null;
            named = "!ImportValue " + e.exportName() + " (an API of another stack)";
        }
        if (!api.webSocketApiId().equals(apiId)) {
            throw new TemplateProblem(at, (named == null ? "ApiId is missing" : "ApiId " + named + " is not "
                    + "WebSocket API " + api.webSocketApi()) + ", but " + kind + " " + resourceId + " serves " + route
                    + " of that API: API Gateway would create it in another API or refuse it; write ApiId: !Ref "
                    + api.webSocketApi());
        }
    }

    /** Routes that a RouteResponse with RouteResponseKey $default answers for; other keys do not exist. */
    private Set<String> routesWithDefaultResponse() {
        if (routesWithDefaultResponse == null) {
            routesWithDefaultResponse = new HashSet<>();
            for (String id : context.resourcesOfType(Set.of(ROUTE_RESPONSE))) {
                String at = "Resources." + id + ".Properties";
                Map<String, Object> props = context.properties(id);
                String key = context.resolveString(props.get("RouteResponseKey"), at + ".RouteResponseKey");
                if (!"$default".equals(key)) {
                    throw new TemplateProblem(at + ".RouteResponseKey", "RouteResponseKey " + key + ": WebSocket "
                            + "APIs have only $default route responses, write RouteResponseKey: $default");
                }
                String routeId = context.resolveString(props.get("RouteId"), at + ".RouteId");
                if (context.belongingToApi(ROUTE, api.webSocketApiId()).contains(routeId)) {
                    requireSameApi(id, "route response", "route " + routeId + " (" + context.resolveString(
                            context.properties(routeId).get("RouteKey"), "Resources." + routeId + ".Properties.RouteKey")
                            + ")");
                }
                routesWithDefaultResponse.add(routeId);
            }
        }
        return routesWithDefaultResponse;
    }
}
