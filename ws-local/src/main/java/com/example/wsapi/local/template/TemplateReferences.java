package com.example.wsapi.local.template;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks, as CloudFormation does before it deploys anything, that every name a template refers to is declared:
 * {@code Ref}, {@code Fn::GetAtt}, the {@code ${Name}} of {@code Fn::Sub} and {@code DependsOn} in Resources,
 * Globals, Conditions and Outputs. CloudFormation refuses a template with an undeclared one ("Unresolved resource
 * dependencies"); ws-local resolves only the values it reads, so without this it would run a template that cannot
 * be deployed, e.g. an Output naming a misspelt API.
 */
final class TemplateReferences {

    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^}]*)}");
    /** Prefixes of what SAM generates from no resource of the template's own (implicit APIs). */
    private static final List<String> SAM_IMPLICIT = List.of("ServerlessRestApi", "ServerlessHttpApi");

    private final Set<String> parameters;
    private final Set<String> resources;
    private final Set<String> samResources = new HashSet<>();

    private TemplateReferences(Map<String, Object> template) {
        this.parameters = Intrinsics.mapping(template.get("Parameters"), "Parameters").keySet();
        Map<String, Object> declared = Intrinsics.mapping(template.get("Resources"), "Resources");
        this.resources = declared.keySet();
        declared.forEach((id, resource) -> {
            if (resource instanceof Map<?, ?> map && map.get("Type") instanceof String type
                    && type.startsWith("AWS::Serverless::")) {
                samResources.add(id);
            }
        });
    }

    /**
     * Fails naming the first undeclared name. Templates with other transforms than SAM's are not checked: a macro
     * (or {@code AWS::LanguageExtensions}) may declare names this cannot see.
     */
    static void check(Map<String, Object> template) {
        Object transform = template.get("Transform");
        List<?> transforms = transform instanceof List<?> list ? list : transform == null ? List.of() : List.of(transform);
        if (!transforms.stream().allMatch(TemplateContext.SERVERLESS_TRANSFORM::equals)) {
            return;
        }
        TemplateReferences references = new TemplateReferences(template);
        Intrinsics.mapping(template.get("Resources"), "Resources").forEach((id, resource) -> {
            if (resource instanceof Map<?, ?> map) {
                references.checkDependsOn(map.get("DependsOn"), "Resources." + id + ".DependsOn");
                references.walk(map.get("Properties"), "Resources." + id + ".Properties");
            }
        });
        for (String section : List.of("Globals", "Conditions", "Outputs")) {
            references.walk(template.get(section), section);
        }
    }

    private void walk(Object value, String location) {
        if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                walk(list.get(i), location + "[" + i + "]");
            }
            return;
        }
        if (!(value instanceof Map<?, ?> map)) {
            return;
        }
        if (map.size() == 1) {
            String key = (String) map.keySet().iterator().next();
            Object argument = map.get(key);
            String at = location + "." + key;
            switch (key) {
                case "Ref" -> {
                    if (argument instanceof String name) {
                        require(name, "Ref " + name, at);
                    }
                    return;
                }
                case "Fn::GetAtt" -> {
                    checkGetAtt(argument, at);
                    return;
                }
                case "Fn::Sub" -> {
                    checkSub(argument, at);
                    return;
                }
                case "Fn::Transform" -> {
                    return;   // a macro's parameters, which only it reads
                }
                default -> { }
            }
        }
        map.forEach((key, item) -> walk(item, location + "." + key));
    }

    private void checkGetAtt(Object argument, String at) {
        Object resource = argument instanceof String text ? text.split("\\.", 2)[0]
                : argument instanceof List<?> list && !list.isEmpty() ? list.get(0) : null;
        if (resource instanceof String name) {
            requireResource(name, "GetAtt " + name, at);
        }
        if (argument instanceof List<?> list && list.size() > 1) {
            walk(list.get(1), at + "[1]");
        }
    }

    private void checkSub(Object argument, String at) {
        String text;
        Set<String> variables = Set.of();
        if (argument instanceof String plain) {
            text = plain;
        } else if (argument instanceof List<?> list && list.size() == 2 && list.get(0) instanceof String first) {
            text = first;
            if (list.get(1) instanceof Map<?, ?> map) {
                Set<String> names = new HashSet<>();
                map.keySet().forEach(name -> names.add((String) name));
                variables = names;
            }
            walk(list.get(1), at + "[1]");
        } else {
            return;   // malformed: reported where ws-local resolves it, if it reads it
        }
        Matcher variable = SUB_VARIABLE.matcher(text);
        while (variable.find()) {
            String name = variable.group(1).trim();
            if (name.startsWith("!") || variables.contains(name)) {
                continue;   // ${!Literal} is text; the second item's variables are the Sub's own
            }
            if (name.startsWith("AWS::")) {
                require(name, "${" + name + "}", at);
            } else {
                String head = name.split("\\.", 2)[0];
                if (name.contains(".")) {
                    requireResource(head, "${" + name + "}", at);
                } else {
                    require(head, "${" + name + "}", at);
                }
            }
        }
    }

    private void checkDependsOn(Object dependsOn, String at) {
        List<?> names = dependsOn instanceof List<?> list ? list : dependsOn == null ? List.of() : List.of(dependsOn);
        for (Object name : names) {
            if (name instanceof String resource) {
                requireResource(resource, "DependsOn " + resource, at);
            }
        }
    }

    /** A parameter, pseudo parameter or resource. */
    private void require(String name, String use, String at) {
        if (parameters.contains(name) || PseudoParameters.NAMES.contains(name) || isResource(name)) {
            return;
        }
        throw new TemplateProblem(at, use + " names no parameter, pseudo parameter or resource of the template, so "
                + "CloudFormation would refuse the template (unresolved dependency)" + suggestion(name)
                + ": fix the name or declare it");
    }

    private void requireResource(String name, String use, String at) {
        if (isResource(name)) {
            return;
        }
        throw new TemplateProblem(at, use + " names no resource of the template, so CloudFormation would refuse the "
                + "template (unresolved dependency)" + suggestion(name) + ": fix the name or declare the resource");
    }

    /** Declared, or one SAM may generate: {@code <Function>Role}, {@code <Function>.Alias}, implicit APIs... */
    private boolean isResource(String name) {
        if (resources.contains(name) || SAM_IMPLICIT.stream().anyMatch(name::startsWith)) {
            return true;
        }
        return samResources.stream().anyMatch(name::startsWith);
    }

    private String suggestion(String name) {
        for (Set<String> names : List.of(resources, parameters)) {
            for (String declared : names) {
                if (declared.toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))) {
                    return " (did you mean " + declared + "?)";
                }
            }
        }
        return "";
    }
}
