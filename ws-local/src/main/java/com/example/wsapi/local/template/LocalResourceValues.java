package com.example.wsapi.local.template;

import static com.example.wsapi.local.template.ResourceTypes.API;
import static com.example.wsapi.local.template.ResourceTypes.GLOBAL_TABLE;
import static com.example.wsapi.local.template.ResourceTypes.LAMBDA_ALIAS;
import static com.example.wsapi.local.template.ResourceTypes.LAMBDA_FUNCTION;
import static com.example.wsapi.local.template.ResourceTypes.LAMBDA_VERSION;
import static com.example.wsapi.local.template.ResourceTypes.LOG_GROUP;
import static com.example.wsapi.local.template.ResourceTypes.SAM_FUNCTION;
import static com.example.wsapi.local.template.ResourceTypes.SIMPLE_TABLE;
import static com.example.wsapi.local.template.ResourceTypes.STAGE;
import static com.example.wsapi.local.template.ResourceTypes.TABLE;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.regex.Pattern;

/**
 * What Ref and GetAtt of the template's resources resolve to locally:
 * <ul>
 *   <li>a DynamoDB table (or global table): Ref its table name, {@code .Arn} its ARN, {@code .StreamArn} a stream
 *       ARN</li>
 *   <li>a function: Ref its FunctionName, or its logical id when it has none (CloudFormation would generate a
 *       name; locally the logical id is the function's name), {@code .Arn} its ARN with that name; SAM's
 *       {@code Function.Alias} and generated {@code FunctionAlias<name>} the ARN with {@code :<alias>}; an
 *       AWS::Lambda::Alias (a CDK app's) Ref its ARN, the function's with {@code :<Name>}; an AWS::Lambda::Version
 *       Ref the function's ARN with {@code :$LATEST}, {@code .Version} {@code $LATEST} (nothing is published
 *       locally: the unpublished version stands for every one)</li>
 *   <li>the API: Ref its local API id, {@code .ApiEndpoint} its {@code wss://} endpoint</li>
 *   <li>a stage: Ref its stage name (the {@code --stage} override for the API's stage)</li>
 *   <li>a log group: Ref its LogGroupName or generated name, {@code .Arn} its ARN ending in {@code :*}</li>
 *   <li>a queue, topic, bucket, IAM role, state machine, event bus, Kinesis stream, secret, SSM parameter, KMS key,
 *       Cognito user pool or user pool client: the values CloudFormation documents, in their shapes
 *       ({@link OtherResourceValues})</li>
 *   <li>any other resource: Ref its logical id; GetAtt a placeholder the banner lists ({@link LocalPlaceholders})</li>
 * </ul>
 * An attribute a type does not have is refused, naming those it has.
 */
final class LocalResourceValues implements Intrinsics.ResourceValues {

    private static final Pattern LAMBDA_FUNCTION_NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    /** A SAM function is an AWS::Lambda::Function once transformed: the same attributes. */
    private static final List<String> FUNCTION_ATTRIBUTES = List.of("Arn", "SnapStartResponse",
            "SnapStartResponse.ApplyOn", "SnapStartResponse.OptimizationStatus");
    /** The attributes CloudFormation gives the types read here; those not computed below are placeholders. */
    private static final Map<String, List<String>> ATTRIBUTES = Map.of(
            TABLE, List.of("Arn", "StreamArn"),
            GLOBAL_TABLE, List.of("Arn", "StreamArn", "TableId"),
            LAMBDA_ALIAS, List.of("AliasArn"),
            LAMBDA_VERSION, List.of("FunctionArn", "Version"),
            SIMPLE_TABLE, List.of("Arn"),
            SAM_FUNCTION, FUNCTION_ATTRIBUTES,
            LAMBDA_FUNCTION, FUNCTION_ATTRIBUTES,
            LOG_GROUP, List.of("Arn"),
            API, List.of("ApiEndpoint", "ApiId"));

    private final TemplateContext context;
    private final ApiReader api;
    private final LocalPlaceholders placeholders;
    private final OtherResourceValues others;
    /** Tables' and functions' names by logical id (one namespace: logical ids are unique in a template). */
    private final Map<String, String> names = new HashMap<>();
    private final Set<String> namesInProgress = new HashSet<>();

    /** @param placeholders collects the GetAtt values ws-local cannot know, for the banner */
    LocalResourceValues(TemplateContext context, LocalPlaceholders placeholders) {
        this.context = context;
        this.api = new ApiReader(context);
        this.placeholders = placeholders;
        this.others = new OtherResourceValues(context, this::name, placeholders);
    }

    @Override
    public Object ref(String name) {
        String type = context.typeIfActive(name);
        if (type != null) {
            switch (type) {
                case TABLE:
                case SIMPLE_TABLE:
                case GLOBAL_TABLE:
                    return tableName(name);
                case API:
                    return ApiReader.apiId(name);
                case STAGE:
                    String override = context.settings().stageOverride();
                    return override != null && api.apiStages().contains(name) ? override : api.templateStageName(name);
                case SAM_FUNCTION:
                case LAMBDA_FUNCTION:
                    return functionName(name);
                case LOG_GROUP:
                    return logGroupName(name);
                case LAMBDA_ALIAS:
                    return aliasArn(name);
                case LAMBDA_VERSION:
                    return versionedFunctionArn(name) + ":$LATEST";
                default:
                    return others.ref(name, type);
            }
        }
        return samGeneratedRef(name);
    }

    @Override
    public Object getAtt(String resource, String attribute, String location) {
        String type = context.typeIfActive(resource);
        if (type == null) {
            return samRoleAttribute(resource, attribute, location);
        }
        String region = context.settings().region();
        switch (type + "." + attribute) {
            case TABLE + ".Arn":
            case SIMPLE_TABLE + ".Arn":
            case GLOBAL_TABLE + ".Arn":
                return tableArn(resource);
            case TABLE + ".StreamArn":
            case GLOBAL_TABLE + ".StreamArn":
                // A real stream label is the stream's creation time; locally a fixed one.
                return tableArn(resource) + "/stream/1970-01-01T00:00:00.000";
            case SAM_FUNCTION + ".Arn":
            case LAMBDA_FUNCTION + ".Arn":
                return functionArn(resource);
            case LOG_GROUP + ".Arn":
                // CloudFormation's Arn of a log group ends in :* (its streams).
                return "arn:" + PseudoParameters.partition(region) + ":logs:" + region + ":"
                        + context.settings().accountId() + ":log-group:" + logGroupName(resource) + ":*";
            case LAMBDA_ALIAS + ".AliasArn":
                return aliasArn(resource);
            case LAMBDA_VERSION + ".FunctionArn":
                return versionedFunctionArn(resource);
            case LAMBDA_VERSION + ".Version":
                return "$LATEST";
            case API + ".ApiId":
                return ApiReader.apiId(resource);
            case API + ".ApiEndpoint":
                return (api.isWebSocket(resource) ? "wss://" : "https://") + ApiReader.apiId(resource) + ".execute-api."
                        + region + "." + PseudoParameters.urlSuffix(region);
            default:
                List<String> attributes = ATTRIBUTES.get(type);
                if (attributes == null) {
                    return others.getAtt(resource, type, attribute, location);
                }
                if (!attributes.contains(attribute)) {
                    throw OtherResourceValues.unknownAttribute(resource, type, attribute, attributes, List.of(), location);
                }
                return placeholders.placeholder(resource, attribute, type, location);
        }
    }

    /** A table's TableName, or the name CloudFormation would generate (with a fixed suffix). */
    private String tableName(String id) {
        // CloudFormation names an unnamed table {stack}-{logical id}-{random}; a fixed suffix keeps runs stable.
        return name(id, "TableName", "the table name refers to itself: write the name without Ref to the table",
                (name, at) -> name == null ? context.settings().stackName() + "-" + id + "-LOCAL" : name);
    }

    /** A function's FunctionName (which Lambda requires to be 1 to 64 letters, digits, - or _), else its logical id. */
    private String functionName(String id) {
        return name(id, "FunctionName", "the function name refers to the function itself: write the name without "
                + "Ref or GetAtt of the function", (name, at) -> {
                    if (name != null && !LAMBDA_FUNCTION_NAME.matcher(name).matches()) {
                        throw new TemplateProblem(at, "\"" + name + "\" is not a function name Lambda accepts: use 1 "
                                + "to 64 letters, digits, hyphens or underscores");
                    }
                    return name == null ? id : name;
                });
    }

    /** A log group's LogGroupName, or the name CloudFormation would generate (with a fixed suffix). */
    private String logGroupName(String id) {
        return name(id, "LogGroupName", "the log group name refers to itself: write the name without Ref to the "
                + "log group", (name, at) -> name == null ? context.settings().stackName() + "-" + id + "-LOCAL" : name);
    }

    /**
     * A resource's name, resolved once: its {@code property} (null when absent) made final by {@code finish}, given
     * the property's location; a name that refers to its own resource is refused with {@code selfReference}.
     */
    String name(String id, String property, String selfReference, BiFunction<String, String, String> finish) {
        String known = names.get(id);
        if (known != null) {
            return known;
        }
        String at = "Resources." + id + ".Properties." + property;
        if (!namesInProgress.add(id)) {
            throw new TemplateProblem(at, selfReference);
        }
        String name = finish.apply(context.resolveString(context.properties(id).get(property), at), at);
        namesInProgress.remove(id);
        names.put(id, name);
        return name;
    }

    /**
     * SAM's {@code Function.Alias}, {@code Function.Version}, generated {@code Function}Alias{@code name} and
     * {@code Function}Role.
     */
    private Object samGeneratedRef(String name) {
        if (samRoleFunction(name) != null) {
            return samRoleName(name);
        }
        int dot = name.indexOf('.');
        if (dot > 0 && SAM_FUNCTION.equals(context.typeIfActive(name.substring(0, dot)))) {
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
        for (String function : context.resourcesOfType(Set.of(SAM_FUNCTION))) {
            if (name.startsWith(function + "Alias") && aliasProperty(function) != null) {
                String alias = autoPublishAlias(function, name);
                if (name.equals(function + "Alias" + alias.replaceAll("[^A-Za-z0-9]", ""))) {
                    return functionArn(function) + ":" + alias;
                }
            }
        }
        return null;
    }

    /**
     * The SAM function whose generated execution role is {@code name} ({@code <Function>Role}, made for a function
     * without a Role), or null.
     */
    private String samRoleFunction(String name) {
        if (!name.endsWith("Role")) {
            return null;
        }
        String function = name.substring(0, name.length() - "Role".length());
        return SAM_FUNCTION.equals(context.typeIfActive(function))
                && FunctionsReader.withGlobals(context.functionGlobals(), context.properties(function)).get("Role") == null
                ? function : null;
    }

    /** CloudFormation names the role SAM generates as any unnamed one: {@code <stack>-<logical id>-<random>}. */
    private String samRoleName(String role) {
        return context.settings().stackName() + "-" + role + "-LOCAL";
    }

    /** GetAtt of SAM's generated {@code <Function>Role}: its Arn; its RoleId only IAM knows. Null for no such role. */
    private Object samRoleAttribute(String role, String attribute, String location) {
        if (samRoleFunction(role) == null) {
            return null;
        }
        return switch (attribute) {
            case "Arn" -> "arn:" + PseudoParameters.partition(context.settings().region()) + ":iam::"
                    + context.settings().accountId() + ":role/" + samRoleName(role);
            case "RoleId" -> placeholders.placeholder(role, attribute, "AWS::IAM::Role", location);
            default -> throw OtherResourceValues.unknownAttribute(role, "AWS::IAM::Role", attribute,
                    List.of("Arn", "RoleId"), List.of(), location);
        };
    }

    /** AutoPublishAlias of the function, with Globals.Function applied. */
    private Object aliasProperty(String function) {
        return FunctionsReader.withGlobals(context.functionGlobals(), context.properties(function)).get("AutoPublishAlias");
    }

    private String autoPublishAlias(String function, String usedAs) {
        String at = "Resources." + function + ".Properties.AutoPublishAlias";
        String alias = context.resolveString(aliasProperty(function), at);
        if (alias == null) {
            throw new TemplateProblem(at, usedAs + " needs the function to publish an alias: add AutoPublishAlias: live");
        }
        return alias;
    }

    /** An AWS::Lambda::Alias's ARN: its function's ARN with {@code :<Name>}. */
    private String aliasArn(String alias) {
        String at = "Resources." + alias + ".Properties";
        return functionArnNamed(context.requiredString(context.properties(alias), "FunctionName", at,
                "name the function, FunctionName: !Ref YourFunction")) + ":" + context.requiredString(
                context.properties(alias), "Name", at, "give the alias a Name, e.g. live");
    }

    /** The unqualified ARN of the function an AWS::Lambda::Version publishes. */
    private String versionedFunctionArn(String version) {
        return functionArnNamed(context.requiredString(context.properties(version), "FunctionName",
                "Resources." + version + ".Properties", "name the function, FunctionName: !Ref YourFunction"));
    }

    /** A function's ARN from what a FunctionName property holds: its name, or its ARN already. */
    private String functionArnNamed(String nameOrArn) {
        if (nameOrArn.startsWith("arn:")) {
            return nameOrArn;
        }
        LocalSettings settings = context.settings();
        return "arn:" + PseudoParameters.partition(settings.region()) + ":lambda:" + settings.region() + ":"
                + settings.accountId() + ":function:" + nameOrArn;
    }

    private String functionArn(String function) {
        LocalSettings settings = context.settings();
        return "arn:" + PseudoParameters.partition(settings.region()) + ":lambda:" + settings.region() + ":"
                + settings.accountId() + ":function:" + functionName(function);
    }

    private String tableArn(String table) {
        LocalSettings settings = context.settings();
        return "arn:" + PseudoParameters.partition(settings.region()) + ":dynamodb:" + settings.region() + ":"
                + settings.accountId() + ":table/" + tableName(table);
    }
}
