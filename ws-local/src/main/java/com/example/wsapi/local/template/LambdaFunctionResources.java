package com.example.wsapi.local.template;

import static com.example.wsapi.local.template.ResourceTypes.LAMBDA_VERSION;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What ws-local makes of an {@code AWS::Lambda::Function} (a CDK app's; SAM's functions become ones only when
 * deployed): whether it can run here, and when SnapStart applies to it. {@link FunctionsReader} reads the rest as
 * it reads a SAM function's, without Globals.
 */
final class LambdaFunctionResources {

    private final TemplateContext context;

    LambdaFunctionResources(TemplateContext context) {
        this.context = context;
    }

    /** Why ws-local does not run this AWS::Lambda::Function, or null when it does. */
    String whyNotRun(String id) {
        String at = "Resources." + id + ".Properties";
        Map<String, Object> props = context.properties(id);
        if ("Image".equals(context.resolveString(props.get("PackageType"), at + ".PackageType"))) {
            return id + " runs a container image (PackageType: Image): ws-local runs zip functions' Java classes";
        }
        String runtime = context.resolveString(props.get("Runtime"), at + ".Runtime");
        if (runtime != null && !FunctionsReader.JAVA_RUNTIMES.contains(runtime) && !runtime.matches("java\\d+")) {
            return id + " runs on " + runtime + ": " + notJava(runtime);
        }
        return PackagedCode.find(context, id, "Code") == null
                ? id + "'s code " + PackagedCode.notLocal(context, id, "Code") : null;
    }

    /** Why a function of a runtime that is no Java one cannot run. */
    static String notJava(String runtime) {
        return runtime.startsWith("provided") ? "ws-local runs no custom runtime (a native image's bootstrap), only "
                + "Java functions from their classes: a parameter can choose a Java runtime for running locally"
                : "ws-local runs Java functions only";
    }

    /**
     * An AWS::Lambda::Function's SnapStart applies to its published versions: an AWS::Lambda::Version of it in the
     * template (a CDK app's {@code currentVersion}, which its aliases point at).
     */
    boolean snapStart(String id, Map<String, Object> props, String at) {
        Object snapStart = context.resolve(props.get("SnapStart"), at + ".SnapStart");
        if (!(snapStart instanceof Map<?, ?> settings) || settings.get("ApplyOn") == null
                || !Intrinsics.text(settings.get("ApplyOn"), at + ".SnapStart.ApplyOn").equals("PublishedVersions")) {
            return false;
        }
        List<String> names = List.of(String.valueOf(context.ref(id)),
                context.resolveString(Map.of("Fn::GetAtt", List.of(id, "Arn")), at));
        return context.resourcesOfType(Set.of(LAMBDA_VERSION)).stream().anyMatch(version -> names.contains(
                context.resolveString(context.properties(version).get("FunctionName"),
                        "Resources." + version + ".Properties.FunctionName")));
    }
}
