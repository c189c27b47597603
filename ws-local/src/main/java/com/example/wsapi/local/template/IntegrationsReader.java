package com.example.wsapi.local.template;

import static com.example.wsapi.local.template.ResourceTypes.INTEGRATION;

import com.example.wsapi.local.template.RequestTemplates.PassthroughBehavior;
import com.example.wsapi.local.vtl.MappingTemplateException;
import com.example.wsapi.local.vtl.MappingTemplates;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads {@code AWS::ApiGatewayV2::Integration}s into {@link IntegrationSpec}s: the type, its backend, request
 * parameters, request templates and their selection, timeout, and (through {@link IntegrationResponsesReader}) its
 * integration responses. What ws-local does not emulate is refused naming the property.
 */
final class IntegrationsReader {

    private static final Pattern STAGE_VARIABLE = Pattern.compile("\\$\\{stageVariables\\.([A-Za-z0-9_]+)}");
    private static final Pattern AWS_SERVICE_URI = Pattern.compile("arn:[^:]+:apigateway:[^:]*:([^:]*):.*");
    /** The service of an AWS integration's URI as written, e.g. {@code ":sqs:path/"} of a Fn::Join's pieces. */
    private static final Pattern WRITTEN_SERVICE = Pattern.compile(":([a-z0-9-]+):(?:path|action)/");
    private static final Set<String> HTTP_METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS");
    private static final Pattern DESTINATION = Pattern.compile("integration\\.request\\.(header|querystring)\\.(.+)");
    /** {@code context.<name>} sources: what $context holds (8.3). */
    private static final Set<String> CONTEXT_VARIABLES = Set.of("connectionId", "connectedAt", "domainName",
            "eventType", "messageId", "routeKey", "requestId", "extendedRequestId", "apiId", "stage", "requestTime",
            "requestTimeEpoch", "status", "identity.sourceIp", "identity.userAgent", "authorizer.principalId",
            "error.messageString", "error.validationErrorString");

    private final TemplateContext context;
    private final Map<String, String> stageVariables;
    private final MappingTemplates mappingTemplates;
    private final FunctionsReader functions;
    private final IntegrationResponsesReader responses;
    private final Map<String, IntegrationSpec> read = new HashMap<>();

    /**
     * @param stageVariables   the served stage's variables, substituted in {@code IntegrationUri}
     * @param mappingTemplates checks every request template parses
     * @param functions        the template's functions, which Lambda integrations call
     */
    IntegrationsReader(TemplateContext context, Map<String, String> stageVariables, MappingTemplates mappingTemplates,
                       FunctionsReader functions) {
        this.context = context;
        this.stageVariables = stageVariables;
        this.mappingTemplates = mappingTemplates;
        this.functions = functions;
        this.responses = new IntegrationResponsesReader(context, mappingTemplates);
    }

    /**
     * The integration a route targets.
     *
     * @param route    the route's logical id, for the message when there is no such integration
     * @param location the route's Target
     */
    IntegrationSpec integration(String id, String route, String location) {
        if (!INTEGRATION.equals(context.typeIfActive(id))) {
            throw new TemplateProblem(location, "route " + route + " targets integrations/" + id
                    + ", but there is no AWS::ApiGatewayV2::Integration " + id + ": fix the Target");
        }
        IntegrationSpec known = read.get(id);
        if (known == null) {
            known = read(id);
            read.put(id, known);
        }
        return known;
    }

    private IntegrationSpec read(String id) {
        String at = "Resources." + id + ".Properties";
        Map<String, Object> props = context.properties(id);
        String type = context.requiredString(props, "IntegrationType", at,
                "IntegrationType: AWS_PROXY (a function), HTTP_PROXY or HTTP (a backend), MOCK or AWS");
        refuseUnsupported(props, at);
        int timeout = context.intProperty(props, "TimeoutInMillis", IntegrationSpec.DEFAULT_TIMEOUT_MILLIS,
                IntegrationSpec.MIN_TIMEOUT_MILLIS, IntegrationSpec.DEFAULT_TIMEOUT_MILLIS,
                "API Gateway (for WebSocket APIs)", at);
        // Unconfirmed: proxy integrations pass the request unmapped, so RequestTemplates on them are not read.
        return switch (type) {
            case "AWS_PROXY" -> {
                String uri = lambdaUri(props, at);
                yield new IntegrationSpec.AwsProxy(id, function(uri, at), FunctionsReader.invokedQualifier(uri), timeout);
            }
            case "HTTP_PROXY" -> new IntegrationSpec.HttpProxy(id, method(props, at), httpUri(props, at),
                    requestParameters(props, at), timeout, responses.of(id));
            case "HTTP" -> new IntegrationSpec.Http(id, method(props, at), httpUri(props, at),
                    requestParameters(props, at), requestTemplates(props, at), timeout, responses.of(id));
            case "MOCK" -> new IntegrationSpec.Mock(id, requestTemplates(props, at), timeout, responses.of(id));
            case "AWS" -> {
                String uri = awsLambdaUri(props, at);
                yield new IntegrationSpec.Aws(id, function(uri, at), FunctionsReader.invokedQualifier(uri),
                        requestTemplates(props, at), timeout, responses.of(id));
            }
            default -> throw new TemplateProblem(at + ".IntegrationType", "IntegrationType " + type + " does not exist "
                    + "for WebSocket APIs: use AWS_PROXY, AWS, HTTP_PROXY, HTTP or MOCK");
        };
    }

    /** Properties that change what API Gateway does in ways ws-local does not reproduce. */
    private void refuseUnsupported(Map<String, Object> props, String at) {
        String connectionType = context.resolveString(props.get("ConnectionType"), at + ".ConnectionType");
        if (connectionType != null && !connectionType.equals("INTERNET")) {
            throw new TemplateProblem(at + ".ConnectionType", "ConnectionType " + connectionType + " (a private "
                    + "integration through a VPC link) is not emulated: ws-local calls backends over the network "
                    + "directly; use ConnectionType: INTERNET with the backend's URL (a parameter can hold it)");
        }
        refuseIfPresent(props, "ContentHandlingStrategy", at, "binary conversions (CONVERT_TO_BINARY, "
                + "CONVERT_TO_TEXT) are not emulated, and ws-local accepts text frames only: remove it");
        refuseIfPresent(props, "IntegrationSubtype", at, "AWS service integrations by subtype exist for HTTP APIs, "
                + "not WebSocket APIs: remove it");
        refuseIfPresent(props, "ResponseParameters", at, "response parameter mappings are not emulated for "
                + "WebSocket APIs: remove them");
        String payloadFormat = context.resolveString(props.get("PayloadFormatVersion"), at + ".PayloadFormatVersion");
        if (payloadFormat != null && !payloadFormat.equals("1.0")) {
            throw new TemplateProblem(at + ".PayloadFormatVersion", "WebSocket APIs use payload format 1.0 only, "
                    + "not " + payloadFormat + ": remove it or write 1.0");
        }
    }

    private void refuseIfPresent(Map<String, Object> props, String name, String at, String why) {
        Object value = context.resolve(props.get(name), at + "." + name);
        if (value != null && value != Intrinsics.NO_VALUE) {
            throw new TemplateProblem(at + "." + name, name + " " + value + ": " + why);
        }
    }

    /** The function a Lambda invocation URI (stage variables substituted) calls. */
    private String function(String uri, String at) {
        return functions.logicalIdOf(FunctionsReader.invokedFunction(uri, "IntegrationUri", at + ".IntegrationUri"));
    }

    /** A Lambda proxy integration's IntegrationUri, stage variables substituted. */
    private String lambdaUri(Map<String, Object> props, String at) {
        String uri = context.requiredString(props, "IntegrationUri", at, FunctionsReader.invocationUriHint("IntegrationUri"));
        return substituteStageVariables(uri, at + ".IntegrationUri");
    }

    /** An AWS integration's IntegrationUri, stage variables substituted: the only AWS service ws-local calls is Lambda. */
    private String awsLambdaUri(Map<String, Object> props, String at) {
        String uri;
        try {
            uri = substituteStageVariables(context.requiredString(props, "IntegrationUri", at,
                    FunctionsReader.invocationUriHint("IntegrationUri")), at + ".IntegrationUri");
        } catch (TemplateProblem e) {
            // A queue's or state machine's attribute has no local value: that the service is not emulated matters more.
            Matcher written = WRITTEN_SERVICE.matcher(String.join("", texts(props.get("IntegrationUri"), new ArrayList<>())));
            if (written.find() && !written.group(1).equals("lambda")) {
                throw serviceNotEmulated(written.group(1), at);
            }
            throw e;
        }
        Matcher service = AWS_SERVICE_URI.matcher(uri);
        if (service.matches() && !service.group(1).equals("lambda")) {
            throw serviceNotEmulated(service.group(1), at);
        }
        return uri;
    }

    private static TemplateProblem serviceNotEmulated(String service, String at) {
        return new TemplateProblem(at + ".IntegrationUri", "an AWS integration with " + service + " is not "
                + "emulated: ws-local's AWS integrations call Lambda functions of the template "
                + "(arn:...:apigateway:...:lambda:path/2015-03-31/functions/.../invocations)");
    }

    /** Every piece of text in a value as written, intrinsic functions unresolved, in order. */
    private static List<String> texts(Object value, List<String> into) {
        if (value instanceof String text) {
            into.add(text);
        } else if (value instanceof Map<?, ?> map) {
            map.values().forEach(item -> texts(item, into));
        } else if (value instanceof List<?> list) {
            list.forEach(item -> texts(item, into));
        }
        return into;
    }

    private String method(Map<String, Object> props, String at) {
        String method = context.requiredString(props, "IntegrationMethod", at, "the backend's HTTP method, e.g. "
                + "IntegrationMethod: POST").toUpperCase(Locale.ROOT);
        if (!HTTP_METHODS.contains(method)) {
            throw new TemplateProblem(at + ".IntegrationMethod", "IntegrationMethod " + method + " is not a method "
                    + "ws-local sends: use one of " + HTTP_METHODS);
        }
        return method;
    }

    /** {@code IntegrationUri} of an HTTP backend, stage variables substituted: an absolute http(s) URL. */
    private String httpUri(Map<String, Object> props, String at) {
        String written = context.requiredString(props, "IntegrationUri", at, "the backend's URL, e.g. "
                + "IntegrationUri: !Sub ${BackendUrl}/messages");
        String uri = substituteStageVariables(written, at + ".IntegrationUri");
        try {
            URI parsed = new URI(uri);
            String scheme = parsed.getScheme() == null ? "" : parsed.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && parsed.getHost() != null) {
                return uri;
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        throw new TemplateProblem(at + ".IntegrationUri", "\"" + uri + "\" is not an http:// or https:// URL with a "
                + "host: write the backend's URL, e.g. http://127.0.0.1:8080/messages");
    }

    /** Replaces {@code ${stageVariables.name}} with the served stage's variable. */
    private String substituteStageVariables(String value, String location) {
        Matcher variable = STAGE_VARIABLE.matcher(value);
        StringBuilder out = new StringBuilder();
        while (variable.find()) {
            String name = variable.group(1);
            String replacement = stageVariables.get(name);
            if (replacement == null) {
                throw new TemplateProblem(location, "stage variable " + name + " is not defined: add it to the "
                        + "stage's StageVariables (defined: " + stageVariables.keySet() + ")");
            }
            variable.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        variable.appendTail(out);
        return out.toString();
    }

    private List<RequestParameter> requestParameters(Map<String, Object> props, String at) {
        List<RequestParameter> parameters = new ArrayList<>();
        Map<String, Object> mappings = context.resolveMapping(props, "RequestParameters", at);
        for (Map.Entry<String, Object> mapping : mappings.entrySet()) {
            String pat = at + ".RequestParameters." + mapping.getKey();
            Matcher destination = DESTINATION.matcher(mapping.getKey());
            if (!destination.matches()) {
                throw new TemplateProblem(pat, "\"" + mapping.getKey() + "\" is not a destination ws-local maps: use "
                        + "integration.request.header.<name> or integration.request.querystring.<name>");
            }
            String source = Intrinsics.text(mapping.getValue(), pat);
            checkSource(source, pat);
            parameters.add(new RequestParameter(destination.group(1).equals("header") ? RequestParameter.Target.HEADER
                    : RequestParameter.Target.QUERYSTRING, destination.group(2), source));
        }
        return parameters;
    }

    private void checkSource(String source, String location) {
        if (source.length() >= 2 && source.startsWith("'") && source.endsWith("'")) {
            return;
        }
        for (String prefix : List.of("route.request.header.", "route.request.querystring.", "route.request.body.")) {
            if (source.startsWith(prefix) && source.length() > prefix.length()) {
                return;
            }
        }
        if (source.startsWith("stageVariables.")) {
            String name = source.substring("stageVariables.".length());
            if (!stageVariables.containsKey(name)) {
                throw new TemplateProblem(location, "stage variable " + name + " is not defined: add it to the "
                        + "stage's StageVariables (defined: " + stageVariables.keySet() + ")");
            }
            return;
        }
        if (source.startsWith("context.")) {
            String name = source.substring("context.".length());
            if (CONTEXT_VARIABLES.contains(name) || (name.startsWith("authorizer.") && name.length() > 11)
                    || name.startsWith("identity.")) {
                return;
            }
            throw new TemplateProblem(location, "context." + name + " is not a context variable of WebSocket APIs: "
                    + "use one of " + CONTEXT_VARIABLES.stream().sorted().toList() + " or authorizer.<key>");
        }
        throw new TemplateProblem(location, "\"" + source + "\" is not a source ws-local maps: use "
                + "route.request.header.<name> or route.request.querystring.<name> ($connect only), "
                + "route.request.body.<path>, context.<variable>, stageVariables.<name> or a quoted 'literal'");
    }

    private RequestTemplates requestTemplates(Map<String, Object> props, String at) {
        Map<String, String> templates = new LinkedHashMap<>();
        for (Map.Entry<String, Object> entry : context.resolveMapping(props, "RequestTemplates", at).entrySet()) {
            String tat = at + ".RequestTemplates." + entry.getKey();
            String template = Intrinsics.text(entry.getValue(), tat);
            checkMappingTemplate(mappingTemplates, tat, template);
            templates.put(entry.getKey(), template);
        }
        String selection = context.resolveString(props.get("TemplateSelectionExpression"),
                at + ".TemplateSelectionExpression");
        if (selection != null) {
            checkSelectionExpression(selection, false, at + ".TemplateSelectionExpression");
        }
        String passthrough = context.resolveString(props.get("PassthroughBehavior"), at + ".PassthroughBehavior");
        PassthroughBehavior behavior;
        try {
            behavior = passthrough == null ? PassthroughBehavior.WHEN_NO_MATCH : PassthroughBehavior.valueOf(passthrough);
        } catch (IllegalArgumentException e) {
            throw new TemplateProblem(at + ".PassthroughBehavior", "PassthroughBehavior " + passthrough + " does not "
                    + "exist: use WHEN_NO_MATCH, WHEN_NO_TEMPLATES or NEVER");
        }
        return new RequestTemplates(templates, selection, behavior);
    }

    /** Checks a mapping template parses, so that a broken one is reported before any request. */
    static void checkMappingTemplate(MappingTemplates mappingTemplates, String location, String template) {
        try {
            mappingTemplates.check(location, template);
        } catch (MappingTemplateException e) {
            // The message names the template first: the problem names it once.
            String message = e.getMessage().startsWith(location + ": ")
                    ? e.getMessage().substring(location.length() + 2) : e.getMessage();
            throw new TemplateProblem(location, "the mapping template does not parse: " + message);
        }
    }

    /**
     * Checks a {@code TemplateSelectionExpression}: a static key, {@code \$default}, {@code ${request.body.<path>}}
     * and, for integration responses, {@code ${integration.response.statuscode}} or
     * {@code ${integration.response.header.<name>}}.
     */
    static void checkSelectionExpression(String expression, boolean response, String location) {
        if (!expression.contains("$") || expression.equals("\\$default") || expression.equals("$default")) {
            return;
        }
        if (expression.matches("\\$\\{request\\.body\\.[^{}\\s]+}|\\$request\\.body\\.[^{}\\s]+")) {
            return;
        }
        if (response && expression.matches("\\$\\{integration\\.response\\.(statuscode|header\\.[^{}\\s]+)}")) {
            return;
        }
        throw new TemplateProblem(location, "\"" + expression + "\" is not a selection expression ws-local evaluates: "
                + "use a static key, \\$default, ${request.body.<path>}"
                + (response ? ", ${integration.response.statuscode} or ${integration.response.header.<name>}" : ""));
    }
}
