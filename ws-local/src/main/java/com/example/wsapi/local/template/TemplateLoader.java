package com.example.wsapi.local.template;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a SAM/CloudFormation template into the records ws-local runs, every intrinsic function resolved to
 * its local value and every management endpoint of the API rewritten to the local gateway.
 *
 * <p>What resources resolve to locally:
 * <ul>
 *   <li>a DynamoDB table: Ref its table name, {@code .Arn} its ARN, {@code .StreamArn} a stream ARN</li>
 *   <li>a function: Ref its logical id (the local function name), {@code .Arn} its ARN; SAM's
 *       {@code Function.Alias} and generated {@code FunctionAlias<name>} the ARN with {@code :<alias>}</li>
 *   <li>the API: Ref its local API id, {@code .ApiEndpoint} its {@code wss://} endpoint</li>
 *   <li>a stage: Ref its stage name (the {@code --stage} override for the API's stage)</li>
 *   <li>any other resource: Ref its logical id; GetAtt is an error naming the attribute</li>
 * </ul>
 */
public final class TemplateLoader {

    private static final String SERVERLESS_TRANSFORM = "AWS::Serverless-2016-10-31";
    private static final String API = "AWS::ApiGatewayV2::Api";
    private static final String STAGE = "AWS::ApiGatewayV2::Stage";
    private static final String ROUTE = "AWS::ApiGatewayV2::Route";
    private static final String ROUTE_RESPONSE = "AWS::ApiGatewayV2::RouteResponse";
    private static final String INTEGRATION = "AWS::ApiGatewayV2::Integration";
    private static final String AUTHORIZER = "AWS::ApiGatewayV2::Authorizer";
    private static final String SAM_FUNCTION = "AWS::Serverless::Function";
    private static final String LAMBDA_FUNCTION = "AWS::Lambda::Function";
    private static final String TABLE = "AWS::DynamoDB::Table";
    private static final String SIMPLE_TABLE = "AWS::Serverless::SimpleTable";

    private static final Pattern INVOCATION_URI =
            Pattern.compile("arn:[^:]+:apigateway:[^:]*:lambda:path/2015-03-31/functions/(.+)/invocations");
    private static final Pattern FUNCTION_ARN = Pattern.compile("arn:[^:]+:lambda:[^:]*:[^:]*:function:([^:]+)(?::[^:]+)?");
    private static final Pattern STAGE_NAME = Pattern.compile("[A-Za-z0-9_-]{1,128}");
    private static final String API_ID_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

    private final Path file;
    private final LocalSettings settings;
    private final Map<String, Object> resources;
    private final Map<String, Object> functionGlobals;
    private final Intrinsics intrinsics;
    private final Map<String, Boolean> resourceActive = new HashMap<>();
    private final Map<String, String> tableNames = new HashMap<>();
    private final Set<String> tableNamesInProgress = new HashSet<>();
    private String webSocketApi;
    private List<String> apiStages;
    private Set<String> routesWithDefaultResponse;

    private TemplateLoader(Path file, Map<String, Object> template, LocalSettings settings,
                           Map<String, String> parameterOverrides) {
        this.file = file;
        this.settings = settings;
        this.resources = Intrinsics.mapping(template.get("Resources"), "Resources");
        if (resources.isEmpty()) {
            throw new TemplateProblem("Resources", "the template declares no resources: a template needs a Resources section");
        }
        Map<String, Object> globals = Intrinsics.mapping(template.get("Globals"), "Globals");
        this.functionGlobals = Intrinsics.mapping(globals.get("Function"), "Globals.Function");
        this.intrinsics = new Intrinsics(template, parameterOverrides, settings, new LocalResourceValues());
        checkTransform(template);
    }

    /** Same as {@link #load(Path, LocalSettings, Map)} without parameter overrides. */
    public static SamTemplate load(Path templateFile, LocalSettings settings) throws TemplateException {
        return load(templateFile, settings, Map.of());
    }

    /**
     * Reads the template.
     *
     * @param parameterOverrides values for the template's Parameters, like {@code sam deploy --parameter-overrides}
     * @throws TemplateException naming the file, the resource or property, and what to fix
     */
    public static SamTemplate load(Path templateFile, LocalSettings settings, Map<String, String> parameterOverrides)
            throws TemplateException {
        Objects.requireNonNull(templateFile, "templateFile");
        checkSettings(settings);
        Map<String, Object> template = TemplateYaml.read(templateFile);
        try {
            Map<String, String> overrides = parameterOverrides;
            String stageParameter = settings.stageOverride() == null ? null
                    : new TemplateLoader(templateFile, template, settings, overrides).stageParameter();
            if (stageParameter != null) {
                // The stage's name comes from a parameter: overriding it renames the stage everywhere it is used.
                overrides = new HashMap<>(overrides);
                overrides.put(stageParameter, settings.stageOverride());
            }
            return new TemplateLoader(templateFile, template, settings, overrides).build();
        } catch (TemplateProblem e) {
            throw new TemplateException(templateFile + ": " + e.getMessage(), e);
        }
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

    private static void checkSettings(LocalSettings settings) throws TemplateException {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(settings.region(), "settings.region");
        Objects.requireNonNull(settings.accountId(), "settings.accountId");
        Objects.requireNonNull(settings.stackName(), "settings.stackName");
        URI endpoint = Objects.requireNonNull(settings.localEndpoint(), "settings.localEndpoint");
        if (!"http".equals(endpoint.getScheme()) && !"https".equals(endpoint.getScheme())) {
            throw new IllegalArgumentException("the local endpoint must be http:// or https://, was " + endpoint);
        }
        if (settings.stageOverride() != null && !STAGE_NAME.matcher(settings.stageOverride()).matches()) {
            throw new TemplateException("stage \"" + settings.stageOverride() + "\" is not a valid stage name: use "
                    + "1 to 128 letters, digits, '-' or '_'");
        }
    }

    private SamTemplate build() {
        String api = webSocketApi();
        String apiAt = "Resources." + api + ".Properties";
        String routeSelection = intrinsics.resolveString(properties(api).get("RouteSelectionExpression"),
                apiAt + ".RouteSelectionExpression");
        if (routeSelection == null) {
            throw new TemplateProblem(apiAt, "a WebSocket API needs a RouteSelectionExpression: add "
                    + "RouteSelectionExpression: $request.body.action");
        }
        String stage = stageName();
        EndpointRewriter rewriter = new EndpointRewriter(stage);
        Map<String, LambdaFunction> functions = new LinkedHashMap<>();
        for (String id : resourcesOfType(Set.of(SAM_FUNCTION))) {
            functions.put(id, function(id, rewriter));
        }
        List<Route> routes = routes(functions);
        List<Table> tables = new ArrayList<>();
        for (String id : resourcesOfType(Set.of(TABLE, SIMPLE_TABLE))) {
            tables.add(table(id));
        }
        WebSocketApi webSocket = new WebSocketApi(api, apiId(api), routeSelection, stage, List.copyOf(routes));
        return new SamTemplate(file, webSocket, Collections.unmodifiableMap(functions), List.copyOf(tables));
    }

    // ---------------------------------------------------------------- the API and its stage

    private String webSocketApi() {
        if (webSocketApi == null) {
            List<String> found = new ArrayList<>();
            for (String id : resourcesOfType(Set.of(API))) {
                String protocol = intrinsics.resolveString(properties(id).get("ProtocolType"),
                        "Resources." + id + ".Properties.ProtocolType");
                if ("WEBSOCKET".equals(protocol)) {
                    found.add(id);
                }
            }
            if (found.isEmpty()) {
                throw new TemplateProblem("Resources", "no WebSocket API in the template (AWS::ApiGatewayV2::Api "
                        + "with ProtocolType: WEBSOCKET): ws-local runs a WebSocket API, add one");
            }
            if (found.size() > 1) {
                throw new TemplateProblem("Resources", found.size() + " WebSocket APIs " + found + ": ws-local "
                        + "runs exactly one, keep one in the template (or put the others under a false Condition)");
            }
            webSocketApi = found.get(0);
        }
        return webSocketApi;
    }

    /** The API's Stage resources. */
    private List<String> apiStages() {
        if (apiStages == null) {
            apiStages = belongingToApi(STAGE);
        }
        return apiStages;
    }

    /** The parameter the API's one stage takes its StageName from, or null. */
    private String stageParameter() {
        List<String> stages = apiStages();
        if (stages.size() == 1 && properties(stages.get(0)).get("StageName") instanceof Map<?, ?> name
                && name.size() == 1 && name.get("Ref") instanceof String parameter
                && intrinsics.isParameter(parameter)) {
            return parameter;
        }
        return null;
    }

    private String templateStageName(String stageId) {
        String at = "Resources." + stageId + ".Properties.StageName";
        String name = intrinsics.resolveString(properties(stageId).get("StageName"), at);
        if (name == null) {
            throw new TemplateProblem(at, "a Stage needs a StageName");
        }
        return name;
    }

    private String stageName() {
        if (settings.stageOverride() != null) {
            return settings.stageOverride();
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
        return templateStageName(stages.get(0));
    }

    /** Resources of a type whose ApiId is the WebSocket API. */
    private List<String> belongingToApi(String type) {
        String apiId = apiId(webSocketApi());
        List<String> ids = new ArrayList<>();
        for (String id : resourcesOfType(Set.of(type))) {
            if (apiId.equals(intrinsics.resolveString(properties(id).get("ApiId"), "Resources." + id + ".Properties.ApiId"))) {
                ids.add(id);
            }
        }
        return ids;
    }

    // ---------------------------------------------------------------- routes, integrations, authorizers

    private List<Route> routes(Map<String, LambdaFunction> functions) {
        List<Route> routes = new ArrayList<>();
        Map<String, String> routeIdsByKey = new HashMap<>();
        Map<String, Authorizer> authorizers = new HashMap<>();
        for (String id : belongingToApi(ROUTE)) {
            String at = "Resources." + id + ".Properties";
            Map<String, Object> props = properties(id);
            String routeKey = requiredString(props, "RouteKey", at, "e.g. RouteKey: $default");
            String duplicate = routeIdsByKey.put(routeKey, id);
            if (duplicate != null) {
                throw new TemplateProblem(at + ".RouteKey", "routes " + duplicate + " and " + id + " both have RouteKey "
                        + routeKey + ": route keys of an API must be unique");
            }
            String target = requiredString(props, "Target", at, "Target: !Sub integrations/${YourIntegration}");
            if (!target.startsWith("integrations/")) {
                throw new TemplateProblem(at + ".Target", "Target \"" + target + "\" must be integrations/<integration "
                        + "id>: write Target: !Sub integrations/${YourIntegration}");
            }
            String integration = target.substring("integrations/".length());
            String function = integrationFunction(integration, id, at + ".Target");
            requireRunnable(function, functions, "route " + id + " (" + routeKey + ")",
                    "Resources." + integration + ".Properties.IntegrationUri");
            Authorizer authorizer = null;
            String authorization = Objects.requireNonNullElse(
                    intrinsics.resolveString(props.get("AuthorizationType"), at + ".AuthorizationType"), "NONE");
            if (!authorization.equals("NONE") && !routeKey.equals("$connect")) {
                throw new TemplateProblem(at + ".AuthorizationType", "route " + routeKey + " has AuthorizationType "
                        + authorization + ": WebSocket APIs authorize only the $connect route, set NONE here");
            }
            switch (authorization) {
                case "NONE":
                    break;
                case "AWS_IAM":
                    // IAM authorization is not emulated: ws-local accepts the connection as if it were signed.
                    break;
                case "CUSTOM": {
                    String authorizerId = requiredString(props, "AuthorizerId", at,
                            "AuthorizerId: !Ref YourAuthorizer, needed by AuthorizationType CUSTOM");
                    authorizer = authorizers.get(authorizerId);
                    if (authorizer == null) {
                        authorizer = authorizer(authorizerId, functions, at + ".AuthorizerId");
                        authorizers.put(authorizerId, authorizer);
                    }
                    break;
                }
                default:
                    throw new TemplateProblem(at + ".AuthorizationType", "AuthorizationType " + authorization
                            + " does not exist for WebSocket APIs: use NONE, AWS_IAM or CUSTOM");
            }
            boolean twoWay = intrinsics.resolveString(props.get("RouteResponseSelectionExpression"),
                    at + ".RouteResponseSelectionExpression") != null && routesWithDefaultResponse().contains(id);
            routes.add(new Route(id, routeKey, function, twoWay, authorizer));
        }
        if (routes.isEmpty()) {
            throw new TemplateProblem("Resources", "WebSocket API " + webSocketApi() + " has no routes: add "
                    + "AWS::ApiGatewayV2::Route resources with ApiId: !Ref " + webSocketApi());
        }
        return routes;
    }

    /** Routes that a RouteResponse with RouteResponseKey $default answers for. */
    private Set<String> routesWithDefaultResponse() {
        if (routesWithDefaultResponse == null) {
            routesWithDefaultResponse = new HashSet<>();
            for (String id : resourcesOfType(Set.of(ROUTE_RESPONSE))) {
                String at = "Resources." + id + ".Properties";
                Map<String, Object> props = properties(id);
                if ("$default".equals(intrinsics.resolveString(props.get("RouteResponseKey"), at + ".RouteResponseKey"))) {
                    routesWithDefaultResponse.add(intrinsics.resolveString(props.get("RouteId"), at + ".RouteId"));
                }
            }
        }
        return routesWithDefaultResponse;
    }

    private String integrationFunction(String integration, String route, String location) {
        if (!INTEGRATION.equals(typeIfActive(integration))) {
            throw new TemplateProblem(location, "route " + route + " targets integrations/" + integration
                    + ", but there is no AWS::ApiGatewayV2::Integration " + integration + ": fix the Target");
        }
        String at = "Resources." + integration + ".Properties";
        Map<String, Object> props = properties(integration);
        String type = requiredString(props, "IntegrationType", at, "IntegrationType: AWS_PROXY");
        if (!type.equals("AWS_PROXY")) {
            throw new TemplateProblem(at + ".IntegrationType", "IntegrationType " + type + " is not emulated: "
                    + "ws-local runs Lambda proxy integrations, use IntegrationType: AWS_PROXY");
        }
        return invokedFunction(props, "IntegrationUri", at);
    }

    private Authorizer authorizer(String id, Map<String, LambdaFunction> functions, String location) {
        if (!AUTHORIZER.equals(typeIfActive(id))) {
            throw new TemplateProblem(location, "AuthorizerId names " + id + ", which is not an "
                    + "AWS::ApiGatewayV2::Authorizer of the template: fix the AuthorizerId");
        }
        String at = "Resources." + id + ".Properties";
        Map<String, Object> props = properties(id);
        String type = requiredString(props, "AuthorizerType", at, "AuthorizerType: REQUEST");
        if (!type.equals("REQUEST")) {
            throw new TemplateProblem(at + ".AuthorizerType", "AuthorizerType " + type + " is not available to "
                    + "WebSocket APIs: use a Lambda authorizer with AuthorizerType: REQUEST");
        }
        String function = invokedFunction(props, "AuthorizerUri", at);
        requireRunnable(function, functions, "authorizer " + id, at + ".AuthorizerUri");
        Object sources = intrinsics.resolve(props.get("IdentitySource"), at + ".IdentitySource");
        List<String> identitySources = new ArrayList<>();
        if (sources instanceof String text) {
            for (String source : text.split(",")) {
                identitySources.add(source.trim());
            }
        } else if (sources instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                identitySources.add(Intrinsics.text(list.get(i), at + ".IdentitySource[" + i + "]"));
            }
        } else if (sources != null && sources != Intrinsics.NO_VALUE) {
            throw new TemplateProblem(at + ".IdentitySource", "expected a list like [route.request.header.Auth], "
                    + "found " + Intrinsics.describe(sources));
        }
        return new Authorizer(id, function, identitySources);
    }

    /** The function name in a property {@code arn:...:apigateway:...:lambda:path/2015-03-31/functions/<arn>/invocations}. */
    private String invokedFunction(Map<String, Object> props, String property, String at) {
        String expected = property + ": !Sub arn:${AWS::Partition}:apigateway:${AWS::Region}:lambda:path/2015-03-31/"
                + "functions/${YourFunction.Arn}/invocations";
        String uri = requiredString(props, property, at, expected);
        Matcher invocation = INVOCATION_URI.matcher(uri);
        Matcher function = invocation.matches() ? FUNCTION_ARN.matcher(invocation.group(1)) : null;
        if (function == null || !function.matches()) {
            throw new TemplateProblem(at + "." + property, "\"" + uri + "\" is not a Lambda invocation URI: write "
                    + expected);
        }
        return function.group(1);
    }

    private void requireRunnable(String function, Map<String, LambdaFunction> functions, String user, String location) {
        if (functions.containsKey(function)) {
            return;
        }
        if (LAMBDA_FUNCTION.equals(typeIfActive(function))) {
            throw new TemplateProblem(location, user + " calls " + function + ", an AWS::Lambda::Function: its Code "
                    + "is not local, so ws-local cannot run it; make it an AWS::Serverless::Function with a local CodeUri");
        }
        throw new TemplateProblem(location, user + " calls function " + function + ", which is not an "
                + "AWS::Serverless::Function of the template: point its URI at a function of this template");
    }

    // ---------------------------------------------------------------- functions

    private LambdaFunction function(String id, EndpointRewriter rewriter) {
        String at = "Resources." + id + ".Properties";
        Map<String, Object> props = functionProperties(id);
        if ("Image".equals(intrinsics.resolveString(props.get("PackageType"), at + ".PackageType"))) {
            throw new TemplateProblem(at + ".PackageType", "ws-local runs zip functions from a local CodeUri, "
                    + "not container images: use PackageType: Zip with CodeUri");
        }
        if (props.containsKey("InlineCode")) {
            throw new TemplateProblem(at + ".InlineCode", "ws-local runs Java code from a local CodeUri: "
                    + "replace InlineCode with CodeUri");
        }
        String handler = requiredString(props, "Handler", at, "e.g. Handler: com.example.Handler::handleRequest");
        String runtime = requiredString(props, "Runtime", at, "e.g. Runtime: java25 (here or in Globals.Function)");
        Path codeUri = codeUri(props.get("CodeUri"), at + ".CodeUri");
        int memory = intProperty(props, "MemorySize", 128, 128, 10240, at);
        int timeout = intProperty(props, "Timeout", 3, 1, 900, at);
        Map<String, String> environment = new LinkedHashMap<>();
        Object env = intrinsics.resolve(props.get("Environment"), at + ".Environment");
        if (env instanceof Map<?, ?> envMap && envMap.get("Variables") != null) {
            if (!(envMap.get("Variables") instanceof Map<?, ?> variables)) {
                throw new TemplateProblem(at + ".Environment.Variables", "must be a mapping of names to values");
            }
            for (Map.Entry<?, ?> variable : variables.entrySet()) {
                String vat = at + ".Environment.Variables." + variable.getKey();
                if (variable.getValue() == null) {
                    throw new TemplateProblem(vat, "the variable has no value: give it one or remove it");
                }
                environment.put((String) variable.getKey(), rewriter.toLocal(Intrinsics.text(variable.getValue(), vat)));
            }
        } else if (env != null && env != Intrinsics.NO_VALUE && !(env instanceof Map)) {
            throw new TemplateProblem(at + ".Environment", "must be a mapping with Variables");
        }
        return new LambdaFunction(id, handler, runtime, codeUri, memory, timeout, Collections.unmodifiableMap(environment),
                snapStart(props, at));
    }

    /** SnapStart applies to published versions, which SAM publishes for an AutoPublishAlias. */
    private boolean snapStart(Map<String, Object> props, String at) {
        Object snapStart = intrinsics.resolve(props.get("SnapStart"), at + ".SnapStart");
        if (!(snapStart instanceof Map<?, ?> settings) || settings.get("ApplyOn") == null) {
            return false;
        }
        String applyOn = Intrinsics.text(settings.get("ApplyOn"), at + ".SnapStart.ApplyOn");
        Object alias = intrinsics.resolve(props.get("AutoPublishAlias"), at + ".AutoPublishAlias");
        return applyOn.equals("PublishedVersions") && alias != null && alias != Intrinsics.NO_VALUE;
    }

    /** A function's Properties with Globals.Function applied the way SAM does it. */
    private Map<String, Object> functionProperties(String id) {
        @SuppressWarnings("unchecked")
        Map<String, Object> merged = (Map<String, Object>) mergeGlobals(functionGlobals, properties(id));
        return merged;
    }

    /** SAM's rule: maps merge key by key, lists concatenate, otherwise (or for intrinsics) the resource wins. */
    private static Object mergeGlobals(Object global, Object local) {
        if (global instanceof Map<?, ?> g && local instanceof Map<?, ?> l && !isIntrinsic(g) && !isIntrinsic(l)) {
            Map<String, Object> merged = new LinkedHashMap<>();
            g.forEach((k, v) -> merged.put((String) k, v));
            l.forEach((k, v) -> merged.merge((String) k, v, TemplateLoader::mergeGlobals));
            return merged;
        }
        if (global instanceof List<?> g && local instanceof List<?> l) {
            List<Object> merged = new ArrayList<>(g);
            merged.addAll(l);
            return merged;
        }
        return local;
    }

    private static boolean isIntrinsic(Map<?, ?> map) {
        if (map.size() != 1) {
            return false;
        }
        String key = (String) map.keySet().iterator().next();
        return key.equals("Ref") || key.startsWith("Fn::");
    }

    private Path codeUri(Object raw, String location) {
        Object value = intrinsics.resolve(raw, location);
        if (value == null || value == Intrinsics.NO_VALUE) {
            throw new TemplateProblem(location, "the function has no CodeUri: set CodeUri to the folder of its code "
                    + "(relative to the template), here or in Globals.Function");
        }
        if (value instanceof Map || (value instanceof String text && text.startsWith("s3://"))) {
            throw new TemplateProblem(location, "CodeUri points to S3 (" + value + "), but ws-local runs local code: "
                    + "set CodeUri to the folder of the function's code, relative to the template");
        }
        Path folder = file.toAbsolutePath().getParent();
        Path codeUri = folder.resolve(Intrinsics.text(value, location)).normalize();
        if (!Files.exists(codeUri)) {
            throw new TemplateProblem(location, "CodeUri " + value + " does not exist (" + codeUri + "): fix the path, "
                    + "relative to the template's folder " + folder);
        }
        return codeUri;
    }

    private int intProperty(Map<String, Object> props, String name, int defaultValue, int min, int max, String at) {
        String text = intrinsics.resolveString(props.get(name), at + "." + name);
        if (text == null) {
            return defaultValue;
        }
        int value;
        try {
            value = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new TemplateProblem(at + "." + name, "\"" + text + "\" is not a whole number: write a number from "
                    + min + " to " + max);
        }
        if (value < min || value > max) {
            throw new TemplateProblem(at + "." + name, value + " is out of range: Lambda accepts " + min + " to " + max);
        }
        return value;
    }

    /** Rewrites URLs of the API's execute-api host to the local gateway, with the stage it serves. */
    private final class EndpointRewriter {
        private final Pattern url;
        private final Set<String> templateStages = new HashSet<>();
        private final String stage;
        private final String localHttp;
        private final String localWs;

        EndpointRewriter(String stage) {
            this.stage = stage;
            this.url = Pattern.compile("(?i)\\b(https|wss)://" + Pattern.quote(apiId(webSocketApi()))
                    + "\\.execute-api\\.[a-z0-9-]+\\.amazonaws\\.com(?:\\.cn)?(?![\\w.-])(/[^/?#\\s\"']*)?");
            for (String id : apiStages()) {
                templateStages.add(templateStageName(id));
            }
            String local = settings.localEndpoint().toString().replaceAll("/+$", "");
            boolean secure = settings.localEndpoint().getScheme().equals("https");
            this.localHttp = local;
            this.localWs = (secure ? "wss" : "ws") + local.substring(local.indexOf(':'));
        }

        String toLocal(String value) {
            Matcher matcher = url.matcher(value);
            StringBuilder out = new StringBuilder();
            while (matcher.find()) {
                String base = matcher.group(1).equalsIgnoreCase("https") ? localHttp : localWs;
                String firstSegment = matcher.group(2);
                if (firstSegment != null && templateStages.contains(firstSegment.substring(1))) {
                    firstSegment = "/" + stage;
                }
                matcher.appendReplacement(out, Matcher.quoteReplacement(base + Objects.requireNonNullElse(firstSegment, "")));
            }
            matcher.appendTail(out);
            return out.toString();
        }
    }

    // ---------------------------------------------------------------- tables

    private Table table(String id) {
        String at = "Resources." + id + ".Properties";
        Map<String, Object> props = properties(id);
        String name = tableName(id);
        if (SIMPLE_TABLE.equals(typeIfActive(id))) {
            Map<?, ?> primaryKey = Intrinsics.mapping(
                    intrinsics.resolve(props.get("PrimaryKey"), at + ".PrimaryKey"), at + ".PrimaryKey");
            String keyName = primaryKey.get("Name") == null ? "id" : Intrinsics.text(primaryKey.get("Name"), at + ".PrimaryKey.Name");
            String keyType = primaryKey.get("Type") == null ? "String" : Intrinsics.text(primaryKey.get("Type"), at + ".PrimaryKey.Type");
            String attributeType = switch (keyType) {
                case "String" -> "S";
                case "Number" -> "N";
                case "Binary" -> "B";
                default -> throw new TemplateProblem(at + ".PrimaryKey.Type", "\"" + keyType + "\" is not a "
                        + "SimpleTable key type: use String, Number or Binary");
            };
            return new Table(id, name, List.of(new Table.KeyElement(keyName, "HASH")), Map.of(keyName, attributeType),
                    List.of(), List.of(), null);
        }
        Map<String, String> attributes = new LinkedHashMap<>();
        List<?> definitions = list(intrinsics.resolve(props.get("AttributeDefinitions"), at + ".AttributeDefinitions"),
                at + ".AttributeDefinitions");
        for (int i = 0; i < definitions.size(); i++) {
            String dat = at + ".AttributeDefinitions[" + i + "]";
            Map<?, ?> definition = Intrinsics.mapping(definitions.get(i), dat);
            String type = requiredText(definition, "AttributeType", dat);
            if (!Set.of("S", "N", "B").contains(type)) {
                throw new TemplateProblem(dat + ".AttributeType", "\"" + type + "\" is not a key attribute type: use S, N or B");
            }
            attributes.put(requiredText(definition, "AttributeName", dat), type);
        }
        List<Table.KeyElement> keySchema = keySchema(props.get("KeySchema"), at + ".KeySchema", true);
        Set<String> keyAttributes = new HashSet<>();
        keySchema.forEach(key -> keyAttributes.add(key.attributeName()));
        List<Table.Index> gsis = indexes(props.get("GlobalSecondaryIndexes"), at + ".GlobalSecondaryIndexes", keyAttributes);
        List<Table.Index> lsis = indexes(props.get("LocalSecondaryIndexes"), at + ".LocalSecondaryIndexes", keyAttributes);
        for (String attribute : keyAttributes) {
            if (!attributes.containsKey(attribute)) {
                throw new TemplateProblem(at + ".AttributeDefinitions", "key attribute " + attribute + " is not "
                        + "defined: add {AttributeName: " + attribute + ", AttributeType: S|N|B}");
            }
        }
        for (String attribute : attributes.keySet()) {
            if (!keyAttributes.contains(attribute)) {
                throw new TemplateProblem(at + ".AttributeDefinitions", "attribute " + attribute + " is in no key "
                        + "schema: DynamoDB accepts only key attributes here, remove it");
            }
        }
        String ttl = null;
        Map<?, ?> ttlSpec = Intrinsics.mapping(intrinsics.resolve(props.get("TimeToLiveSpecification"),
                at + ".TimeToLiveSpecification"), at + ".TimeToLiveSpecification");
        if ("true".equals(Intrinsics.text(Objects.requireNonNullElse(ttlSpec.get("Enabled"), false),
                at + ".TimeToLiveSpecification.Enabled"))) {
            ttl = requiredText(ttlSpec, "AttributeName", at + ".TimeToLiveSpecification");
        }
        return new Table(id, name, keySchema, Collections.unmodifiableMap(attributes), gsis, lsis, ttl);
    }

    private String tableName(String id) {
        String known = tableNames.get(id);
        if (known != null) {
            return known;
        }
        String at = "Resources." + id + ".Properties.TableName";
        if (!tableNamesInProgress.add(id)) {
            throw new TemplateProblem(at, "the table name refers to itself: write the name without Ref to the table");
        }
        String name = intrinsics.resolveString(properties(id).get("TableName"), at);
        tableNamesInProgress.remove(id);
        // CloudFormation names an unnamed table {stack}-{logical id}-{random}; a fixed suffix keeps runs stable.
        name = name == null ? settings.stackName() + "-" + id + "-LOCAL" : name;
        tableNames.put(id, name);
        return name;
    }

    private List<Table.KeyElement> keySchema(Object raw, String location, boolean required) {
        List<?> elements = list(intrinsics.resolve(raw, location), location);
        if (elements.isEmpty() && required) {
            throw new TemplateProblem(location, "a key schema needs a HASH key: add {AttributeName: id, KeyType: HASH}");
        }
        List<Table.KeyElement> keys = new ArrayList<>();
        for (int i = 0; i < elements.size(); i++) {
            String kat = location + "[" + i + "]";
            Map<?, ?> element = Intrinsics.mapping(elements.get(i), kat);
            String keyType = requiredText(element, "KeyType", kat);
            if (!keyType.equals(i == 0 ? "HASH" : "RANGE") || i > 1) {
                throw new TemplateProblem(kat + ".KeyType", "a key schema is one HASH key, optionally followed by one "
                        + "RANGE key; found " + keyType + " at position " + (i + 1));
            }
            keys.add(new Table.KeyElement(requiredText(element, "AttributeName", kat), keyType));
        }
        return List.copyOf(keys);
    }

    private List<Table.Index> indexes(Object raw, String location, Set<String> keyAttributes) {
        List<?> items = list(intrinsics.resolve(raw, location), location);
        List<Table.Index> indexes = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            String iat = location + "[" + i + "]";
            Map<?, ?> index = Intrinsics.mapping(items.get(i), iat);
            List<Table.KeyElement> keys = keySchema(index.get("KeySchema"), iat + ".KeySchema", true);
            keys.forEach(key -> keyAttributes.add(key.attributeName()));
            Map<?, ?> projection = Intrinsics.mapping(index.get("Projection"), iat + ".Projection");
            String projectionType = requiredText(projection, "ProjectionType", iat + ".Projection");
            List<String> nonKey = new ArrayList<>();
            List<?> attributes = list(projection.get("NonKeyAttributes"), iat + ".Projection.NonKeyAttributes");
            for (int a = 0; a < attributes.size(); a++) {
                nonKey.add(Intrinsics.text(attributes.get(a), iat + ".Projection.NonKeyAttributes[" + a + "]"));
            }
            indexes.add(new Table.Index(requiredText(index, "IndexName", iat), keys, projectionType, List.copyOf(nonKey)));
        }
        return List.copyOf(indexes);
    }

    // ---------------------------------------------------------------- local values of resources

    private final class LocalResourceValues implements Intrinsics.ResourceValues {

        @Override
        public Object ref(String name) {
            String type = typeIfActive(name);
            if (type != null) {
                switch (type) {
                    case TABLE:
                    case SIMPLE_TABLE:
                        return tableName(name);
                    case API:
                        return apiId(name);
                    case STAGE:
                        return settings.stageOverride() != null && apiStages().contains(name)
                                ? settings.stageOverride() : templateStageName(name);
                    default:
                        // Functions: the logical id is the local function name. Anything else: its logical id.
                        return name;
                }
            }
            return samGeneratedRef(name);
        }

        @Override
        public Object getAtt(String resource, String attribute, String location) {
            String type = typeIfActive(resource);
            if (type == null) {
                return null;
            }
            switch (type + "." + attribute) {
                case TABLE + ".Arn":
                case SIMPLE_TABLE + ".Arn":
                    return tableArn(resource);
                case TABLE + ".StreamArn":
                    // A real stream label is the stream's creation time; locally a fixed one.
                    return tableArn(resource) + "/stream/1970-01-01T00:00:00.000";
                case SAM_FUNCTION + ".Arn":
                case LAMBDA_FUNCTION + ".Arn":
                    return functionArn(resource);
                case API + ".ApiId":
                    return apiId(resource);
                case API + ".ApiEndpoint":
                    boolean webSocket = "WEBSOCKET".equals(intrinsics.resolveString(properties(resource).get("ProtocolType"),
                            "Resources." + resource + ".Properties.ProtocolType"));
                    return (webSocket ? "wss://" : "https://") + apiId(resource) + ".execute-api." + settings.region() + "."
                            + Intrinsics.urlSuffix(settings.region());
                default:
                    throw new TemplateProblem(location, "GetAtt " + resource + "." + attribute + " has no local value "
                            + "(ws-local knows Arn of tables and functions, StreamArn of tables, ApiId and ApiEndpoint "
                            + "of APIs): use a parameter for this value instead");
            }
        }
    }

    /** SAM's {@code Function.Alias}, {@code Function.Version} and generated {@code Function}Alias{@code name}. */
    private Object samGeneratedRef(String name) {
        int dot = name.indexOf('.');
        if (dot > 0 && SAM_FUNCTION.equals(typeIfActive(name.substring(0, dot)))) {
            String function = name.substring(0, dot);
            switch (name.substring(dot + 1)) {
                case "Alias":
                    return functionArn(function) + ":" + autoPublishAlias(function, name);
                case "Version":
                    // No versions are published locally: the unpublished version stands for every one.
                    autoPublishAlias(function, name);
                    return functionArn(function) + ":$LATEST";
                default:
                    return null;
            }
        }
        for (String function : resourcesOfType(Set.of(SAM_FUNCTION))) {
            if (name.startsWith(function + "Alias") && functionProperties(function).get("AutoPublishAlias") != null) {
                String alias = autoPublishAlias(function, name);
                if (name.equals(function + "Alias" + alias.replaceAll("[^A-Za-z0-9]", ""))) {
                    return functionArn(function) + ":" + alias;
                }
            }
        }
        return null;
    }

    private String autoPublishAlias(String function, String usedAs) {
        String at = "Resources." + function + ".Properties.AutoPublishAlias";
        String alias = intrinsics.resolveString(functionProperties(function).get("AutoPublishAlias"), at);
        if (alias == null) {
            throw new TemplateProblem(at, usedAs + " needs the function to publish an alias: add AutoPublishAlias: live");
        }
        return alias;
    }

    private String functionArn(String function) {
        return "arn:" + Intrinsics.partition(settings.region()) + ":lambda:" + settings.region() + ":"
                + settings.accountId() + ":function:" + function;
    }

    private String tableArn(String table) {
        return "arn:" + Intrinsics.partition(settings.region()) + ":dynamodb:" + settings.region() + ":"
                + settings.accountId() + ":table/" + tableName(table);
    }

    // ---------------------------------------------------------------- resources and template structure

    /** The resource's Type when it exists and its Condition (if any) holds, else null. */
    private String typeIfActive(String id) {
        if (!(resources.get(id) instanceof Map<?, ?> resource)) {
            return null;
        }
        if (!(resource.get("Type") instanceof String type)) {
            throw new TemplateProblem("Resources." + id, "a resource must be a mapping with a Type");
        }
        Boolean active = resourceActive.get(id);
        if (active == null) {
            Object condition = resource.get("Condition");
            if (condition != null && !(condition instanceof String)) {
                throw new TemplateProblem("Resources." + id + ".Condition", "must be the name of a condition");
            }
            active = condition == null || intrinsics.condition((String) condition, "Resources." + id + ".Condition");
            resourceActive.put(id, active);
        }
        return active ? type : null;
    }

    /** Logical ids of the existing resources of these types, in template order. */
    private List<String> resourcesOfType(Set<String> types) {
        List<String> ids = new ArrayList<>();
        for (Map.Entry<String, Object> entry : resources.entrySet()) {
            if (entry.getKey().startsWith("Fn::ForEach")) {
                throw new TemplateProblem("Resources." + entry.getKey(), "Fn::ForEach (AWS::LanguageExtensions) is not "
                        + "expanded by ws-local: write the resources out");
            }
            if (!(entry.getValue() instanceof Map<?, ?> resource) || !(resource.get("Type") instanceof String type)) {
                throw new TemplateProblem("Resources." + entry.getKey(), "a resource must be a mapping with a Type");
            }
            if (types.contains(type) && typeIfActive(entry.getKey()) != null) {
                ids.add(entry.getKey());
            }
        }
        return ids;
    }

    private Map<String, Object> properties(String id) {
        return Intrinsics.mapping(((Map<?, ?>) resources.get(id)).get("Properties"), "Resources." + id + ".Properties");
    }

    private void checkTransform(Map<String, Object> template) {
        Object transform = template.get("Transform");
        boolean serverless = transform instanceof List<?> list ? list.contains(SERVERLESS_TRANSFORM)
                : SERVERLESS_TRANSFORM.equals(transform);
        if (serverless) {
            return;
        }
        if (template.containsKey("Globals")) {
            throw new TemplateProblem("Globals", "Globals needs the SAM transform: add Transform: " + SERVERLESS_TRANSFORM);
        }
        for (Map.Entry<String, Object> entry : resources.entrySet()) {
            if (entry.getValue() instanceof Map<?, ?> resource && resource.get("Type") instanceof String type
                    && type.startsWith("AWS::Serverless::")) {
                throw new TemplateProblem("Resources." + entry.getKey(), type + " needs the SAM transform: add "
                        + "Transform: " + SERVERLESS_TRANSFORM);
            }
        }
    }

    private String requiredString(Map<String, Object> props, String name, String at, String hint) {
        String value = intrinsics.resolveString(props.get(name), at + "." + name);
        if (value == null) {
            throw new TemplateProblem(at, name + " is missing: " + hint);
        }
        return value;
    }

    private static String requiredText(Map<?, ?> map, String name, String at) {
        Object value = map.get(name);
        if (value == null) {
            throw new TemplateProblem(at, name + " is missing");
        }
        return Intrinsics.text(value, at + "." + name);
    }

    private static List<?> list(Object value, String location) {
        if (value == null || value == Intrinsics.NO_VALUE) {
            return List.of();
        }
        if (value instanceof List<?> list) {
            return list;
        }
        throw new TemplateProblem(location, "expected a list, found " + Intrinsics.describe(value));
    }
}
