package com.example.wsapi.local.template;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Whether API Gateway may invoke the functions the routes and authorizers call. SAM adds no permission for an
 * {@code AWS::ApiGatewayV2::Integration}: without an {@code AWS::Lambda::Permission} for
 * {@code apigateway.amazonaws.com} (whose SourceArn, if any, matches the route), every invocation fails on AWS
 * ("Invalid permissions on Lambda function": the client gets {@code Internal server error}, a {@code $connect} is
 * refused). ws-local enforces no permissions, so it says so at start instead of letting the template pass.
 */
final class InvokePermissions {

    private static final String PERMISSION = "AWS::Lambda::Permission";
    private static final String PRINCIPAL = "apigateway.amazonaws.com";

    private final TemplateContext context;
    private final String apiId;
    private final Set<String> stages;

    /** @param stages the stage served and the template's stage names (a SourceArn may name either) */
    InvokePermissions(TemplateContext context, String apiId, Set<String> stages) {
        this.context = context;
        this.apiId = apiId;
        this.stages = stages;
    }

    /** A note naming the functions API Gateway may not invoke, each with its routes or authorizer; none when it may. */
    List<String> notes(String apiLogicalId, List<Route> routes) {
        Map<String, List<String>> deniedUses = new LinkedHashMap<>();
        for (Route route : routes) {
            if (route.integration() instanceof IntegrationSpec.CallsFunction calls
                    && !permitted(calls.functionLogicalId(), route.routeKey())) {
                deniedUses.computeIfAbsent(calls.functionLogicalId(), f -> new ArrayList<>())
                        .add("route " + route.routeKey());
            }
            Authorizer authorizer = route.authorizer();
            if (authorizer != null && !permitted(authorizer.functionLogicalId(),
                    "authorizers/" + context.ref(authorizer.logicalId()))) {
                deniedUses.computeIfAbsent(authorizer.functionLogicalId(), f -> new ArrayList<>())
                        .add("authorizer " + authorizer.logicalId());
            }
        }
        if (deniedUses.isEmpty()) {
            return List.of();
        }
        List<String> denied = new ArrayList<>();
        deniedUses.forEach((function, uses) -> denied.add(function + " (" + String.join(", ", uses) + ")"));
        return List.of("API Gateway may not invoke " + String.join(", ", denied) + ": no AWS::Lambda::Permission "
                + "for " + PRINCIPAL + " names " + (denied.size() == 1 ? "it" : "them") + " with a SourceArn, if any, "
                + "matching arn:...:" + apiId + "/<stage>/<route key>. ws-local runs " + (denied.size() == 1 ? "it" : "them")
                + "; on AWS every such event fails (Internal server error, a refused handshake on $connect). Add, "
                + "for each: {Type: " + PERMISSION + ", Properties: {Action: lambda:InvokeFunction, FunctionName: !Ref "
                + "<function>, Principal: " + PRINCIPAL + ", SourceArn: !Sub 'arn:${AWS::Partition}:execute-api:"
                + "${AWS::Region}:${AWS::AccountId}:${" + apiLogicalId + "}/*'}}");
    }

    /** @param resourcePath what follows the API id in the ARN API Gateway invokes with: {@code <stage>/<key>} */
    private boolean permitted(String functionId, String resourcePath) {
        for (String id : context.resourcesOfType(Set.of(PERMISSION))) {
            String at = "Resources." + id + ".Properties";
            Map<String, Object> props = context.properties(id);
            String functionName = lenient(props.get("FunctionName"), at + ".FunctionName");
            String principal = lenient(props.get("Principal"), at + ".Principal");
            String action = lenient(props.get("Action"), at + ".Action");
            if (!names(functionName, functionId) || (principal != null && !principal.equals(PRINCIPAL))
                    || (action != null && !action.equalsIgnoreCase("lambda:InvokeFunction")
                    && !action.equals("lambda:*"))) {
                continue;
            }
            Object sourceArn = props.get("SourceArn");
            String source = lenient(sourceArn, at + ".SourceArn");
            if (sourceArn == null || source == null || matchesAnyStage(source, resourcePath)) {
                return true;
            }
        }
        return false;
    }

    private boolean matchesAnyStage(String sourceArn, String resourcePath) {
        LocalSettings settings = context.settings();
        String prefix = "arn:" + PseudoParameters.partition(settings.region()) + ":execute-api:" + settings.region()
                + ":" + settings.accountId() + ":" + apiId + "/";
        Pattern like = arnLike(sourceArn);
        if (resourcePath.startsWith("authorizers/")) {
            return like.matcher(prefix + resourcePath).matches();
        }
        return stages.stream().anyMatch(stage -> like.matcher(prefix + stage + "/" + resourcePath).matches());
    }

    /** Whether a permission's FunctionName (a name, an ARN, either with a qualifier) names the function; unknown does. */
    private boolean names(String functionName, String functionId) {
        if (functionName == null) {
            return true;
        }
        String name = String.valueOf(context.ref(functionId));
        String arn = lenient(Map.of("Fn::GetAtt", List.of(functionId, "Arn")), "Resources." + functionId);
        return functionName.equals(name) || functionName.startsWith(name + ":")
                || (arn != null && (functionName.equals(arn) || functionName.startsWith(arn + ":")));
    }

    /** A value resolved to text, or null where it cannot be resolved locally (it is then not held against the template). */
    private String lenient(Object value, String location) {
        try {
            return context.resolveString(value, location);
        } catch (TemplateProblem e) {
            return null;
        }
    }

    /** IAM's ArnLike: {@code *} any characters, {@code ?} one. */
    private static Pattern arnLike(String pattern) {
        StringBuilder regex = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            regex.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
        }
        return Pattern.compile(regex.toString());
    }
}
