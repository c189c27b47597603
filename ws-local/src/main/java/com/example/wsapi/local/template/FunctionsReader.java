package com.example.wsapi.local.template;

import static com.example.wsapi.local.template.ResourceTypes.LAMBDA_FUNCTION;
import static com.example.wsapi.local.template.ResourceTypes.LAMBDA_LAYER;
import static com.example.wsapi.local.template.ResourceTypes.SAM_FUNCTION;
import static com.example.wsapi.local.template.ResourceTypes.SAM_LAYER;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the template's {@code AWS::Serverless::Function}s, with {@code Globals.Function} applied, and its
 * {@code AWS::Lambda::Function}s whose Java code is local ({@link PackagedCode}: a CDK app's, synthesized into
 * {@code cdk.out}), and answers which function a Lambda invocation URI calls. Other AWS::Lambda::Functions (in S3
 * only, not Java: a CDK app's own Node.js helpers) are not run, and refused only where a route or authorizer calls one.
 */
final class FunctionsReader {

    private static final Pattern INVOCATION_URI =
            Pattern.compile("arn:[^:]+:apigateway:[^:]*:lambda:path/2015-03-31/functions/(.+)/invocations");
    private static final Pattern FUNCTION_ARN = Pattern.compile("arn:[^:]+:lambda:[^:]*:[^:]*:function:([^:]+)(?::([^:]+))?");
    /** Lambda's Java runtimes: ws-local runs Java functions only. */
    static final List<String> JAVA_RUNTIMES = List.of("java8.al2", "java11", "java17", "java21", "java25");

    private final TemplateContext context;
    private final LambdaFunctionResources plain;
    private final EndpointRewriter rewriter;
    private Map<String, LambdaFunction> functions;
    /** The AWS::Lambda::Functions not run, each with why. */
    private final Map<String, String> notRun = new LinkedHashMap<>();

    /** @param rewriter points the API's URLs in environment variables at ws-local */
    FunctionsReader(TemplateContext context, EndpointRewriter rewriter) {
        this.context = context;
        this.plain = new LambdaFunctionResources(context);
        this.rewriter = rewriter;
    }

    /** Every function of the template, by logical id in template order. */
    Map<String, LambdaFunction> functions() {
        if (functions == null) {
            Map<String, LambdaFunction> read = new LinkedHashMap<>();
            Map<String, String> byName = new HashMap<>();
            for (String id : context.resourcesOfType(Set.of(SAM_FUNCTION, LAMBDA_FUNCTION))) {
                String whyNot = LAMBDA_FUNCTION.equals(context.typeIfActive(id)) ? plain.whyNotRun(id) : null;
                if (whyNot != null) {
                    notRun.put(id, whyNot);
                    continue;
                }
                LambdaFunction function = function(id);
                String other = byName.putIfAbsent(function.functionName(), id);
                if (other != null) {
                    // Lambda refuses a second function of the same name, and an invocation URI could not tell them apart.
                    throw new TemplateProblem("Resources." + id + ".Properties.FunctionName", "functions " + other
                            + " and " + id + " are both named " + function.functionName() + ": give them different "
                            + "FunctionNames");
                }
                read.put(id, function);
            }
            functions = Collections.unmodifiableMap(read);
        }
        return functions;
    }

    /** The template's AWS::Lambda::Functions ws-local does not run, by logical id, each with why (a sentence). */
    Map<String, String> notRun() {
        functions();
        return Collections.unmodifiableMap(notRun);
    }

    /** The text a Lambda invocation URI property must match, as a hint. */
    static String invocationUriHint(String property) {
        return property + ": !Sub arn:${AWS::Partition}:apigateway:${AWS::Region}:lambda:path/2015-03-31/"
                + "functions/${YourFunction.Arn}/invocations";
    }

    /** True when {@code uri} is an {@code arn:...:apigateway:...:lambda:path/...} URI (of any function). */
    static boolean isLambdaInvocationUri(String uri) {
        return INVOCATION_URI.matcher(uri).matches();
    }

    /**
     * The function name in {@code arn:...:apigateway:...:lambda:path/2015-03-31/functions/<arn>/invocations}.
     *
     * @param location the property, for the message
     */
    static String invokedFunction(String uri, String property, String location) {
        Matcher invocation = INVOCATION_URI.matcher(uri);
        Matcher function = invocation.matches() ? FUNCTION_ARN.matcher(invocation.group(1)) : null;
        if (function == null || !function.matches()) {
            throw new TemplateProblem(location, "\"" + uri + "\" is not a Lambda invocation URI: write "
                    + invocationUriHint(property));
        }
        return function.group(1);
    }

    /**
     * The alias or version after the function's name in an invocation URI ({@code live} of {@code ...:function:Echo:live}),
     * or null for the unqualified function (or a URI that is no invocation URI, refused by {@link #invokedFunction}).
     */
    static String invokedQualifier(String uri) {
        Matcher invocation = INVOCATION_URI.matcher(uri);
        Matcher function = invocation.matches() ? FUNCTION_ARN.matcher(invocation.group(1)) : null;
        return function != null && function.matches() ? function.group(2) : null;
    }

    /**
     * The logical id of the function an invocation URI names: by the function's name (its FunctionName, e.g.
     * {@code !Sub ...:function:${Prefix}-echo/invocations}, else its logical id); any other name as it is, so a URI
     * naming a function's logical id still finds it, as ws-local always did.
     */
    String logicalIdOf(String functionName) {
        for (LambdaFunction function : functions().values()) {
            if (function.functionName().equals(functionName)) {
                return function.logicalId();
            }
        }
        return functionName;
    }

    /** The logical id of the AWS::Lambda::Function whose FunctionName is {@code name}, or null. */
    private String lambdaFunctionNamed(String name) {
        for (String id : context.resourcesOfType(Set.of(LAMBDA_FUNCTION))) {
            if (name.equals(String.valueOf(context.ref(id)))) {
                return id;
            }
        }
        return null;
    }

    /** Fails unless {@code function} is one of the template's functions, which ws-local can run. */
    void requireRunnable(String function, String user, String location) {
        if (functions().containsKey(function)) {
            return;
        }
        String lambdaFunction = LAMBDA_FUNCTION.equals(context.typeIfActive(function)) ? function
                : lambdaFunctionNamed(function);
        if (lambdaFunction != null) {
            throw new TemplateProblem(location, user + " calls " + (lambdaFunction.equals(function) ? function
                    : function + " (" + lambdaFunction + ")") + ", an AWS::Lambda::Function ws-local cannot run: "
                    + notRun().get(lambdaFunction));
        }
        throw new TemplateProblem(location, user + " calls function " + function + ", which is no function of the "
                + "template: ws-local runs only the functions of the template it is "
                + "given, not one another stack deploys; add the function to this template, or point the URI at "
                + "one of its functions");
    }

    /** A SAM function, or an AWS::Lambda::Function that {@link LambdaFunctionResources#whyNotRun} lets run (Globals do not apply to it). */
    private LambdaFunction function(String id) {
        String at = "Resources." + id + ".Properties";
        boolean sam = SAM_FUNCTION.equals(context.typeIfActive(id));
        Map<String, Object> props = sam ? withGlobals(context.functionGlobals(), context.properties(id))
                : context.properties(id);
        if ("Image".equals(context.resolveString(props.get("PackageType"), at + ".PackageType"))) {
            throw new TemplateProblem(at + ".PackageType", "ws-local runs zip functions from a local CodeUri, "
                    + "not container images: use PackageType: Zip with CodeUri");
        }
        if (props.containsKey("InlineCode")) {
            throw new TemplateProblem(at + ".InlineCode", "ws-local runs Java code from a local CodeUri: "
                    + "replace InlineCode with CodeUri");
        }
        String handler = context.requiredString(props, "Handler", at, "e.g. Handler: com.example.Handler::handleRequest");
        String runtime = context.requiredString(props, "Runtime", at, "e.g. Runtime: java25"
                + (sam ? " (here or in Globals.Function)" : ""));
        if (!JAVA_RUNTIMES.contains(runtime)) {
            // Otherwise a python or node function would be started as Java and fail on its first event.
            throw new TemplateProblem(at + ".Runtime", "Runtime " + runtime + " is not one of Lambda's Java runtimes "
                    + JAVA_RUNTIMES + ": " + (runtime.matches("java\\d+") ? runtime + " is a deprecated runtime of "
                    + "Lambda's, write " + (runtime.equals("java8") ? "java8.al2 (Java 8 on Amazon Linux 2) or a "
                    + "newer one" : "a newer one") : LambdaFunctionResources.notJava(runtime)));
        }
        Path codeUri = sam ? codeUri(props.get("CodeUri"), at + ".CodeUri")
                : PackagedCode.find(context, id, "Code").path();
        int memory = context.intProperty(props, "MemorySize", 128, 128, 10240, "Lambda", at);
        int timeout = context.intProperty(props, "Timeout", 3, 1, 900, "Lambda", at);
        Map<String, String> environment = new LinkedHashMap<>();
        Object env = context.resolve(props.get("Environment"), at + ".Environment");
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
        // Ref of a function is its name (FunctionName, else the logical id), as on Lambda.
        String functionName = Intrinsics.text(context.ref(id), "Resources." + id + ".Properties.FunctionName");
        Object cdkPath = context.metadata(id).get("aws:cdk:path");
        return new LambdaFunction(id, functionName, handler, runtime, codeUri, memory, timeout, Collections.unmodifiableMap(environment),
                sam ? snapStart(props, at) : plain.snapStart(id, props, at), layers(props, at),
                FunctionLogging.read(context.resolve(props.get("LoggingConfig"), at + ".LoggingConfig"),
                        at + ".LoggingConfig"), !sam, cdkPath instanceof String path ? path : null,
                reservedConcurrency(props, at));
    }

    /**
     * ReservedConcurrentExecutions, when set (a Ref to a parameter, an If giving AWS::NoValue, Globals.Function's):
     * a whole number from 0, as Lambda takes it. How high it may go depends on the account's concurrency, which
     * ws-local cannot know.
     */
    private OptionalInt reservedConcurrency(Map<String, Object> props, String at) {
        String location = at + ".ReservedConcurrentExecutions";
        String text = context.resolveString(props.get("ReservedConcurrentExecutions"), location);
        if (text == null) {
            return OptionalInt.empty();
        }
        try {
            int reserved = Integer.parseInt(text);
            if (reserved >= 0) {
                return OptionalInt.of(reserved);
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new TemplateProblem(location, "\"" + text + "\" is not a number of concurrent executions: write a "
                + "whole number, 0 or more (0 throttles every invoke of the function), or remove the property");
    }

    /**
     * The function's Layers: each must be a layer of the template with local content, an
     * AWS::Serverless::LayerVersion or an AWS::Lambda::LayerVersion whose Content is local ({@link PackagedCode}).
     */
    private List<LambdaLayer> layers(Map<String, Object> props, String at) {
        List<?> layers = TemplateContext.list(context.resolve(props.get("Layers"), at + ".Layers"), at + ".Layers");
        List<LambdaLayer> read = new ArrayList<>();
        for (int i = 0; i < layers.size(); i++) {
            String lat = at + ".Layers[" + i + "]";
            String layer = Intrinsics.text(layers.get(i), lat);
            // Ref of a layer of the template resolves to its logical id locally.
            String type = context.typeIfActive(layer);
            if (LAMBDA_LAYER.equals(type) && PackagedCode.find(context, layer, "Content") != null) {
                read.add(new LambdaLayer(layer, PackagedCode.find(context, layer, "Content").path()));
                continue;
            }
            if (!SAM_LAYER.equals(type)) {
                throw new TemplateProblem(lat, "layer " + layer + (type == null ? " is not a layer of the template"
                        : LAMBDA_LAYER.equals(type) ? "'s content " + PackagedCode.notLocal(context, layer, "Content")
                        : " is an " + type) + ": ws-local cannot fetch layers, so the "
                        + "function would run without its classes; make it an " + SAM_LAYER + " with a local "
                        + "ContentUri (its jars in java/lib) and write Layers: [!Ref YourLayer], or put the jars in "
                        + "the function's code");
            }
            String cat = "Resources." + layer + ".Properties.ContentUri";
            read.add(new LambdaLayer(layer, localPath(context.properties(layer).get("ContentUri"), cat,
                    "the layer has no ContentUri: set ContentUri to the folder of its content (java/lib/*.jar)")));
        }
        return read;
    }

    /** SnapStart applies to published versions, which SAM publishes for an AutoPublishAlias. */
    private boolean snapStart(Map<String, Object> props, String at) {
        Object snapStart = context.resolve(props.get("SnapStart"), at + ".SnapStart");
        if (!(snapStart instanceof Map<?, ?> settings) || settings.get("ApplyOn") == null) {
            return false;
        }
        String applyOn = Intrinsics.text(settings.get("ApplyOn"), at + ".SnapStart.ApplyOn");
        Object alias = context.resolve(props.get("AutoPublishAlias"), at + ".AutoPublishAlias");
        return applyOn.equals("PublishedVersions") && alias != null && alias != Intrinsics.NO_VALUE;
    }

    /** A function's Properties with Globals.Function applied the way SAM does it. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> withGlobals(Map<String, Object> globals, Map<String, Object> properties) {
        return (Map<String, Object>) mergeGlobals(globals, properties);
    }

    /** SAM's rule: maps merge key by key, lists concatenate, otherwise (or for intrinsics) the resource wins. */
    private static Object mergeGlobals(Object global, Object local) {
        if (global instanceof Map<?, ?> g && local instanceof Map<?, ?> l && !isIntrinsic(g) && !isIntrinsic(l)) {
            Map<String, Object> merged = new LinkedHashMap<>();
            g.forEach((k, v) -> merged.put((String) k, v));
            l.forEach((k, v) -> merged.merge((String) k, v, FunctionsReader::mergeGlobals));
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

    /** A function's CodeUri; none (here or in Globals) is the template's folder, as the SAM CLI builds it. */
    private Path codeUri(Object raw, String location) {
        Object value = context.resolve(raw, location);
        return localPath(value == null || value == Intrinsics.NO_VALUE ? "." : raw, location, null);
    }

    /** A CodeUri or ContentUri: a local path, relative to the template's folder, that exists. */
    private Path localPath(Object raw, String location, String whenMissing) {
        String property = location.substring(location.lastIndexOf('.') + 1);
        Object value = context.resolve(raw, location);
        if (value == null || value == Intrinsics.NO_VALUE) {
            throw new TemplateProblem(location, whenMissing);
        }
        if (value instanceof Map || (value instanceof String text && text.startsWith("s3://"))) {
            throw new TemplateProblem(location, property + " points to S3 (" + value + "), but ws-local runs local "
                    + "code: set " + property + " to the folder of the code, relative to the template");
        }
        Path folder = context.file().toAbsolutePath().getParent();
        Path codeUri = folder.resolve(Intrinsics.text(value, location)).normalize();
        if (!Files.exists(codeUri)) {
            throw new TemplateProblem(location, property + " " + value + " does not exist (" + codeUri + "): fix the path, "
                    + "relative to the template's folder " + folder);
        }
        return codeUri;
    }
}
