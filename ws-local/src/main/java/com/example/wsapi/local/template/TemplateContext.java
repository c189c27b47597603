package com.example.wsapi.local.template;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * What every reader of one template shares: its resources, which of them exist (their Condition holds), their
 * properties, and the intrinsic functions that resolve property values to local values.
 */
final class TemplateContext {

    static final String SERVERLESS_TRANSFORM = "AWS::Serverless-2016-10-31";

    private final Path file;
    private final LocalSettings settings;
    private final Map<String, Object> resources;
    private final Map<String, Object> functionGlobals;
    private final Intrinsics.ResourceValues resourceValues;
    private final Intrinsics intrinsics;
    private final Map<String, Boolean> resourceActive = new HashMap<>();

    /**
     * @param resourceValues makes what Ref and GetAtt of a resource resolve to, from this context (which it may use
     *                       only once values are resolved, after this constructor)
     */
    TemplateContext(Path file, Map<String, Object> template, LocalSettings settings,
                    Map<String, String> parameterOverrides,
                    Function<TemplateContext, Intrinsics.ResourceValues> resourceValues) {
        this.file = file;
        this.settings = settings;
        this.resources = Intrinsics.mapping(template.get("Resources"), "Resources");
        if (resources.isEmpty()) {
            throw new TemplateProblem("Resources", "the template declares no resources: a template needs a Resources section");
        }
        Map<String, Object> globals = Intrinsics.mapping(template.get("Globals"), "Globals");
        this.functionGlobals = Intrinsics.mapping(globals.get("Function"), "Globals.Function");
        this.resourceValues = resourceValues.apply(this);
        this.intrinsics = new Intrinsics(template, parameterOverrides, settings, this.resourceValues);
        checkTransform(template);
    }

    Path file() {
        return file;
    }

    LocalSettings settings() {
        return settings;
    }

    Map<String, Object> functionGlobals() {
        return functionGlobals;
    }

    /** True when the template declares a parameter of that name. */
    boolean isParameter(String name) {
        return intrinsics.isParameter(name);
    }

    /** True when the template declares a resource of that logical id, whether its Condition holds or not. */
    boolean declares(String id) {
        return resources.containsKey(id);
    }

    /** The resource's Type when it exists and its Condition (if any) holds, else null. */
    String typeIfActive(String id) {
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
    List<String> resourcesOfType(Set<String> types) {
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

    /**
     * Resources of a type whose ApiId resolves to {@code apiId}; not those that import their ApiId, which join an API
     * of another stack ({@link ApiMembership} notes them).
     */
    List<String> belongingToApi(String type, String apiId) {
        List<String> ids = new ArrayList<>();
        for (String id : resourcesOfType(Set.of(type))) {
            try {
                if (apiId.equals(apiIdOf(id))) {
                    ids.add(id);
                }
            } catch (ImportedValue anotherStacksApi) {
                // An API another stack exports: never the one served, which is this template's.
            }
        }
        return ids;
    }

    /**
     * What a resource's ApiId resolves to, null when it has none.
     *
     * @throws ImportedValue when it imports the id (Fn::ImportValue): it joins an API of another stack
     */
    String apiIdOf(String id) {
        return resolveString(properties(id).get("ApiId"), "Resources." + id + ".Properties.ApiId");
    }

    /** The resource's Properties, unresolved (resolve only what is read: other values may not resolve locally). */
    Map<String, Object> properties(String id) {
        return Intrinsics.mapping(((Map<?, ?>) resources.get(id)).get("Properties"), "Resources." + id + ".Properties");
    }

    /** The resource's Metadata, as written (CloudFormation resolves no intrinsic function there); empty when absent. */
    Map<String, Object> metadata(String id) {
        return Intrinsics.mapping(((Map<?, ?>) resources.get(id)).get("Metadata"), "Resources." + id + ".Metadata");
    }

    /** The resource's {@code DependsOn}: the logical ids it names, none when absent. */
    List<String> dependsOn(String id) {
        Object dependsOn = ((Map<?, ?>) resources.get(id)).get("DependsOn");
        List<?> names = dependsOn instanceof List<?> many ? many : dependsOn == null ? List.of() : List.of(dependsOn);
        return names.stream().map(String::valueOf).toList();
    }

    /** What {@code Ref: id} of an existing resource resolves to, or null (e.g. a table's name). */
    Object ref(String id) {
        return resourceValues.ref(id);
    }

    /** Resolves every intrinsic function inside {@code value}; may return {@link Intrinsics#NO_VALUE}. */
    Object resolve(Object value, String location) {
        return intrinsics.resolve(value, location);
    }

    /** Resolves {@code value} to text: numbers and booleans become their text, null stays null. */
    String resolveString(Object value, String location) {
        return intrinsics.resolveString(value, location);
    }

    /** A property resolved to a mapping, empty when absent. */
    Map<String, Object> resolveMapping(Map<String, Object> props, String name, String at) {
        return Intrinsics.mapping(resolve(props.get(name), at + "." + name), at + "." + name);
    }

    String requiredString(Map<String, Object> props, String name, String at, String hint) {
        String value = resolveString(props.get(name), at + "." + name);
        if (value == null) {
            throw new TemplateProblem(at, name + " is missing: " + hint);
        }
        return value;
    }

    /** A whole-number property between {@code min} and {@code max}; {@code what} names who accepts that range. */
    int intProperty(Map<String, Object> props, String name, int defaultValue, int min, int max, String what,
                    String at) {
        String text = resolveString(props.get(name), at + "." + name);
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
            throw new TemplateProblem(at + "." + name, value + " is out of range: " + what + " accepts " + min + " to "
                    + max);
        }
        return value;
    }

    static String requiredText(Map<?, ?> map, String name, String at) {
        Object value = map.get(name);
        if (value == null) {
            throw new TemplateProblem(at, name + " is missing");
        }
        return Intrinsics.text(value, at + "." + name);
    }

    static List<?> list(Object value, String location) {
        if (value == null || value == Intrinsics.NO_VALUE) {
            return List.of();
        }
        if (value instanceof List<?> list) {
            return list;
        }
        throw new TemplateProblem(location, "expected a list, found " + Intrinsics.describe(value));
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
}
