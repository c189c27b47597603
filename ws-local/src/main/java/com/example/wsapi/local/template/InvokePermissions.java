package com.example.wsapi.local.template;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Whether API Gateway may invoke the functions the routes and authorizers call. SAM adds no permission for an
 * {@code AWS::ApiGatewayV2::Integration}: without an {@code AWS::Lambda::Permission} for
 * {@code apigateway.amazonaws.com} (whose SourceArn, if any, matches the route), every invocation fails on AWS
 * ("Invalid permissions on Lambda function": the client gets {@code Internal server error}, a {@code $connect} is
 * refused). The permission must be on what the integration invokes: Lambda keeps a policy per function, version
 * and alias, so one on the function does not cover its alias {@code live} (a {@code ${Fn.Alias}} in the URI), nor
 * the reverse. ws-local enforces no permissions, so it says so at start instead of letting the template pass.
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

    /** A function API Gateway invokes: the alias or version invoked (null for none), and for what. */
    private record Use(String function, String qualifier, String resourcePath, String label) {}

    /** A function and qualifier some permissions miss, holding them on other qualifiers of the function. */
    private record Miss(String function, String qualifier, List<String> permissions) {}

    /**
     * Notes naming the functions API Gateway may not invoke, each with its routes or authorizer: one for those no
     * permission names, one per function and qualifier whose permissions are on another qualifier; none when it may.
     */
    List<String> notes(String apiLogicalId, List<Route> routes) {
        Map<String, List<String>> deniedUses = new LinkedHashMap<>();
        Map<Miss, List<String>> misses = new LinkedHashMap<>();
        for (Use use : uses(routes)) {
            List<String> elsewhere = permissionsElsewhere(use);
            if (elsewhere == null) {
                continue;
            }
            if (elsewhere.isEmpty()) {
                deniedUses.computeIfAbsent(use.function(), f -> new ArrayList<>()).add(use.label());
            } else {
                misses.computeIfAbsent(new Miss(use.function(), use.qualifier(), elsewhere), m -> new ArrayList<>())
                        .add(use.label());
            }
        }
        List<String> notes = new ArrayList<>();
        if (!deniedUses.isEmpty()) {
            notes.add(unpermitted(apiLogicalId, deniedUses));
        }
        misses.forEach((miss, labels) -> notes.add(otherQualifier(miss, labels)));
        return notes;
    }

    private List<Use> uses(List<Route> routes) {
        List<Use> uses = new ArrayList<>();
        for (Route route : routes) {
            if (route.integration() instanceof IntegrationSpec.CallsFunction calls) {
                uses.add(new Use(calls.functionLogicalId(), calls.functionQualifier(), route.routeKey(),
                        "route " + route.routeKey()));
            }
            Authorizer authorizer = route.authorizer();
            if (authorizer != null) {
                uses.add(new Use(authorizer.functionLogicalId(), authorizer.functionQualifier(),
                        "authorizers/" + context.ref(authorizer.logicalId()), "authorizer " + authorizer.logicalId()));
            }
        }
        return uses;
    }

    private String unpermitted(String apiLogicalId, Map<String, List<String>> deniedUses) {
        List<String> denied = new ArrayList<>();
        deniedUses.forEach((function, uses) -> denied.add(function + " (" + String.join(", ", uses) + ")"));
        return "API Gateway may not invoke " + String.join(", ", denied) + ": no AWS::Lambda::Permission "
                + "for " + PRINCIPAL + " names " + (denied.size() == 1 ? "it" : "them") + " with a SourceArn, if any, "
                + "matching arn:...:" + apiId + "/<stage>/<route key>. ws-local runs " + (denied.size() == 1 ? "it" : "them")
                + "; on AWS every such event fails (Internal server error, a refused handshake on $connect). Add, "
                + "for each: {Type: " + PERMISSION + ", Properties: {Action: lambda:InvokeFunction, FunctionName: !Ref "
                + "<function>, Principal: " + PRINCIPAL + ", SourceArn: !Sub 'arn:${AWS::Partition}:execute-api:"
                + "${AWS::Region}:${AWS::AccountId}:${" + apiLogicalId + "}/*'}}";
    }

    private String otherQualifier(Miss miss, List<String> labels) {
        String invoked = miss.qualifier() == null ? miss.function() + " itself (no alias or version)"
                : miss.function() + ":" + miss.qualifier();
        String invoker = labels.stream().allMatch(label -> label.startsWith("authorizer")) ? "authorizer"
                : "integration";
        return "API Gateway may not invoke " + invoked + " (" + String.join(", ", labels) + "): the "
                + PERMISSION + " for " + PRINCIPAL + " " + String.join(", ", miss.permissions()) + ", and Lambda "
                + "keeps a policy per function, version and alias: a permission on one does not cover another. "
                + "ws-local runs it; on AWS every such event fails (Internal server error, a refused handshake on "
                + "$connect; API Gateway logs \"Invalid permissions on Lambda function\"). Give the permission the "
                + "function the " + invoker + " invokes, FunctionName: " + functionNameFor(miss.function(),
                miss.qualifier()) + ", or have the " + invoker + " invoke the one the permission names";
    }

    /**
     * How a template names the function with that qualifier: {@code !Ref Fn}, {@code !Ref Fn.Alias}, {@code !Ref}
     * of an AWS::Lambda::Alias of it (a CDK app's)...
     */
    private String functionNameFor(String function, String qualifier) {
        if (qualifier == null) {
            return "!Ref " + function;
        }
        for (String alias : context.resourcesOfType(Set.of(ResourceTypes.LAMBDA_ALIAS))) {
            String aliasArn = lenient(Map.of("Ref", alias), "Resources." + alias);
            if (aliasArn != null && qualifierNamed(aliasArn, function) != null
                    && qualifier.equals(qualifierNamed(aliasArn, function))) {
                return "!Ref " + alias;
            }
        }
        Object alias = FunctionsReader.withGlobals(context.functionGlobals(), context.properties(function))
                .get("AutoPublishAlias");
        return qualifier.equals(lenient(alias, "Resources." + function + ".Properties.AutoPublishAlias"))
                ? "!Ref " + function + ".Alias" : "!Sub '${" + function + "}:" + qualifier + "'";
    }

    /**
     * Null when a permission lets API Gateway invoke the use's function with its qualifier; else the permissions that
     * would but are on another qualifier of the function (each "X is on ..."), empty when there is none.
     */
    private List<String> permissionsElsewhere(Use use) {
        List<String> elsewhere = new ArrayList<>();
        for (String id : context.resourcesOfType(Set.of(PERMISSION))) {
            String at = "Resources." + id + ".Properties";
            Map<String, Object> props = context.properties(id);
            String principal = lenient(props.get("Principal"), at + ".Principal");
            String action = lenient(props.get("Action"), at + ".Action");
            if ((principal != null && !principal.equals(PRINCIPAL))
                    || (action != null && !action.equalsIgnoreCase("lambda:InvokeFunction")
                    && !action.equals("lambda:*"))) {
                continue;
            }
            Object sourceArn = props.get("SourceArn");
            String source = lenient(sourceArn, at + ".SourceArn");
            if (sourceArn != null && source != null && !matchesAnyStage(source, use.resourcePath())) {
                continue;
            }
            String functionName = lenient(props.get("FunctionName"), at + ".FunctionName");
            if (functionName == null) {
                return null;   // unknown locally: not held against the template
            }
            String qualifier = qualifierNamed(functionName, use.function());
            if (qualifier == null) {
                continue;
            }
            if (qualifier.equals(Objects.requireNonNullElse(use.qualifier(), ""))) {
                return null;
            }
            elsewhere.add(id + " is on " + (qualifier.isEmpty() ? use.function() + " itself" : use.function() + ":"
                    + qualifier));
        }
        return elsewhere;
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

    /**
     * The qualifier a permission's FunctionName (a name, an ARN or a partial ARN, each with or without a qualifier)
     * gives the function: empty for the function itself, null when it names another function.
     */
    private String qualifierNamed(String functionName, String functionId) {
        String name = String.valueOf(context.ref(functionId));
        String arn = lenient(Map.of("Fn::GetAtt", List.of(functionId, "Arn")), "Resources." + functionId);
        for (String form : List.of(name, String.valueOf(arn), context.settings().accountId() + ":function:" + name)) {
            if (functionName.equals(form)) {
                return "";
            }
            if (functionName.startsWith(form + ":")) {
                return functionName.substring(form.length() + 1);
            }
        }
        return null;
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
