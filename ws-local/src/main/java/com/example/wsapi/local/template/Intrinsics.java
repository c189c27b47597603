package com.example.wsapi.local.template;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import com.google.gson.Gson;

/**
 * Resolves CloudFormation intrinsic functions to local values: parameters (their values from
 * {@link TemplateParameters}), pseudo parameters, conditions, mappings and the functions that compute strings and
 * lists. What resources resolve to is asked of
 * {@link ResourceValues}. Only values ws-local reads are ever resolved, so an unsupported function in, say,
 * an IAM policy does no harm.
 */
final class Intrinsics {

    /** What {@code Ref: AWS::NoValue} resolves to: the enclosing key or list item disappears. */
    static final Object NO_VALUE = new Object() {
        @Override
        public String toString() {
            return "AWS::NoValue";
        }
    };

    /** Local values of the template's resources. */
    interface ResourceValues {
        /** {@code Ref: name}, or null when no resource answers to that name. */
        Object ref(String name);

        /** {@code Fn::GetAtt: [resource, attribute]}, or null when there is no such resource. */
        Object getAtt(String resource, String attribute, String location);
    }

    private static final Set<String> UNSUPPORTED_HINTS = Set.of("Fn::Cidr", "Fn::Transform");

    private final TemplateParameters parameters;
    private final Map<String, Object> conditions;
    private final Map<String, Object> mappings;
    private final Map<String, Object> pseudoParameters;
    private final String region;
    private final ResourceValues resources;
    private final Map<String, Boolean> conditionValues = new HashMap<>();
    private final Set<String> conditionsInProgress = new HashSet<>();

    /**
     * @param template           the whole template (Parameters, Conditions, Mappings are read from it)
     * @param parameterOverrides parameter values that replace the templates' defaults
     */
    Intrinsics(Map<String, Object> template, Map<String, String> parameterOverrides, LocalSettings settings,
               ResourceValues resources) {
        Map<String, Object> declaredParameters = mapping(template.get("Parameters"), "Parameters");
        this.conditions = mapping(template.get("Conditions"), "Conditions");
        this.mappings = mapping(template.get("Mappings"), "Mappings");
        this.resources = resources;
        this.region = settings.region();
        this.pseudoParameters = PseudoParameters.of(settings);
        this.parameters = new TemplateParameters(declaredParameters, parameterOverrides);
    }

    /** True when the template declares a parameter of that name. */
    boolean isParameter(String name) {
        return parameters.declares(name);
    }

    /** Resolves every intrinsic function inside {@code value}; may return {@link #NO_VALUE}. */
    Object resolve(Object value, String location) {
        if (value instanceof Map<?, ?> map) {
            if (map.size() == 1) {
                String key = (String) map.keySet().iterator().next();
                if (key.equals("Ref") || key.startsWith("Fn::")) {
                    return withoutDynamicReference(function(key, map.get(key), location + "." + key), location);
                }
            }
            Map<String, Object> out = new LinkedHashMap<>();
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                Object resolved = resolve(entry.getValue(), location + "." + entry.getKey());
                if (resolved != NO_VALUE) {
                    out.put((String) entry.getKey(), resolved);
                }
            }
            return out;
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                Object resolved = resolve(list.get(i), location + "[" + i + "]");
                if (resolved != NO_VALUE) {
                    out.add(resolved);
                }
            }
            return out;
        }
        return withoutDynamicReference(value, location);
    }

    /** CloudFormation reads {@code {{resolve:ssm:...}}} from SSM or Secrets Manager at deploy time; ws-local cannot. */
    private static Object withoutDynamicReference(Object value, String location) {
        if (value instanceof String text && text.contains("{{resolve:")) {
            throw new TemplateProblem(location, "the dynamic reference in \"" + text + "\" cannot be resolved locally "
                    + "(ws-local reads no SSM parameters or secrets): put the value in a parameter and Ref it, with a "
                    + "Default or a parameter override");
        }
        return value;
    }

    /** Resolves {@code value} to text: numbers and booleans become their text, null stays null. */
    String resolveString(Object value, String location) {
        Object resolved = resolve(value, location);
        return resolved == NO_VALUE || resolved == null ? null : text(resolved, location);
    }

    /** The value of a named condition of the Conditions section. */
    boolean condition(String name, String location) {
        Boolean known = conditionValues.get(name);
        if (known != null) {
            return known;
        }
        if (!conditions.containsKey(name)) {
            throw new TemplateProblem(location, "condition " + name + " is not declared in Conditions: declare it or fix the name");
        }
        if (!conditionsInProgress.add(name)) {
            throw new TemplateProblem("Conditions." + name, "the condition depends on itself: break the cycle");
        }
        boolean value = conditionExpression(conditions.get(name), "Conditions." + name);
        conditionsInProgress.remove(name);
        conditionValues.put(name, value);
        return value;
    }

    private boolean conditionExpression(Object expression, String location) {
        if (expression instanceof Map<?, ?> map && map.size() == 1 && map.containsKey("Condition")) {
            Object name = map.get("Condition");
            if (!(name instanceof String conditionName)) {
                throw new TemplateProblem(location, "Condition needs the name of a condition");
            }
            return condition(conditionName, location);
        }
        Object value = resolve(expression, location);
        if (value instanceof Boolean bool) {
            return bool;
        }
        if (value instanceof String text && (text.equals("true") || text.equals("false"))) {
            return Boolean.parseBoolean(text);
        }
        throw new TemplateProblem(location, "expected a condition (Fn::Equals, Fn::Not, Fn::And, Fn::Or, "
                + "Condition), found " + describe(value));
    }

    private Object function(String name, Object argument, String location) {
        switch (name) {
            case "Ref":
                return ref(argument, location);
            case "Fn::GetAtt":
                return getAtt(argument, location);
            case "Fn::Sub":
                return sub(argument, location);
            case "Fn::Join": {
                List<?> args = arguments(argument, 2, 2, "[delimiter, [values]]", location);
                String delimiter = text(resolve(args.get(0), location + "[0]"), location + "[0]");
                List<?> values = list(resolve(args.get(1), location + "[1]"), location + "[1]");
                List<String> parts = new ArrayList<>();
                for (int i = 0; i < values.size(); i++) {
                    parts.add(text(values.get(i), location + "[1][" + i + "]"));
                }
                return String.join(delimiter, parts);
            }
            case "Fn::Select": {
                List<?> args = arguments(argument, 2, 2, "[index, [values]]", location);
                String indexText = text(resolve(args.get(0), location + "[0]"), location + "[0]");
                List<?> values = list(resolve(args.get(1), location + "[1]"), location + "[1]");
                int index;
                try {
                    index = Integer.parseInt(indexText);
                } catch (NumberFormatException e) {
                    throw new TemplateProblem(location, "the index must be a number, found " + indexText);
                }
                if (index < 0 || index >= values.size()) {
                    throw new TemplateProblem(location, "index " + index + " is outside the list of "
                            + values.size() + " values: " + values);
                }
                return values.get(index);
            }
            case "Fn::Split": {
                List<?> args = arguments(argument, 2, 2, "[delimiter, string]", location);
                String delimiter = text(resolve(args.get(0), location + "[0]"), location + "[0]");
                String source = text(resolve(args.get(1), location + "[1]"), location + "[1]");
                if (delimiter.isEmpty()) {
                    throw new TemplateProblem(location, "the delimiter must not be empty");
                }
                return List.of(source.split(Pattern.quote(delimiter), -1));
            }
            case "Fn::FindInMap":
                return findInMap(argument, location);
            case "Fn::If": {
                List<?> args = arguments(argument, 3, 3, "[condition name, value if true, value if false]", location);
                if (!(args.get(0) instanceof String conditionName)) {
                    throw new TemplateProblem(location, "the first item must be the name of a condition");
                }
                boolean chosen = condition(conditionName, location);
                return resolve(args.get(chosen ? 1 : 2), location + (chosen ? "[1]" : "[2]"));
            }
            case "Fn::Equals": {
                List<?> args = arguments(argument, 2, 2, "[value, value]", location);
                return comparable(resolve(args.get(0), location + "[0]"))
                        .equals(comparable(resolve(args.get(1), location + "[1]")));
            }
            case "Fn::Not":
                return !conditionExpression(arguments(argument, 1, 1, "[condition]", location).get(0), location + "[0]");
            case "Fn::And":
            case "Fn::Or": {
                List<?> args = arguments(argument, 2, 10, "[condition, condition, ...]", location);
                boolean and = name.equals("Fn::And");
                for (int i = 0; i < args.size(); i++) {
                    if (conditionExpression(args.get(i), location + "[" + i + "]") != and) {
                        return !and;
                    }
                }
                return and;
            }
            case "Fn::Base64":
                return Base64.getEncoder().encodeToString(
                        text(resolve(argument, location), location).getBytes(StandardCharsets.UTF_8));
            case "Fn::GetAZs": {
                String azRegion = text(resolve(argument, location), location);
                String of = azRegion.isEmpty() ? region : azRegion;
                // Locally a region has three zones, named like the real ones.
                return List.of(of + "a", of + "b", of + "c");
            }
            case "Fn::Length":
                return list(resolve(argument, location), location).size();
            case "Fn::ImportValue":
                throw new ImportedValue(location, text(resolve(argument, location), location));
            case "Fn::ToJsonString": {
                Object value = resolve(argument, location);
                return value instanceof String text ? text : new Gson().toJson(value);
            }
            default:
                if (UNSUPPORTED_HINTS.contains(name)) {
                    throw new TemplateProblem(location, name + " cannot be resolved locally (not emulated): put "
                            + "the value in a parameter and Ref it, or give that parameter an override");
                }
                throw new TemplateProblem(location, name + " is not an intrinsic function ws-local knows: "
                        + "use Ref, Fn::GetAtt, Fn::Sub, Fn::Join, Fn::Select, Fn::Split, Fn::FindInMap, Fn::If, "
                        + "Fn::Equals, Fn::Not, Fn::And, Fn::Or, Fn::Base64, Fn::GetAZs, Fn::Length or Fn::ToJsonString");
        }
    }

    private Object ref(Object argument, String location) {
        if (!(argument instanceof String name)) {
            throw new TemplateProblem(location, "Ref needs the name of a parameter or resource, found " + describe(argument));
        }
        return refName(name, location);
    }

    private Object refName(String name, String location) {
        if (name.equals("AWS::NoValue")) {
            return NO_VALUE;
        }
        if (pseudoParameters.containsKey(name)) {
            return pseudoParameters.get(name);
        }
        if (parameters.declares(name)) {
            return parameters.value(name);
        }
        Object resource = resources.ref(name);
        if (resource != null) {
            return resource;
        }
        throw new TemplateProblem(location, "Ref " + name + ": no parameter, pseudo parameter or resource has this "
                + "name (resources whose Condition is false do not exist): fix the name or declare it");
    }

    private Object getAtt(Object argument, String location) {
        List<?> args;
        if (argument instanceof String text && text.indexOf('.') > 0) {
            args = List.of(text.substring(0, text.indexOf('.')), text.substring(text.indexOf('.') + 1));
        } else {
            args = arguments(argument, 2, 2, "[resource, attribute] or Resource.Attribute", location);
        }
        if (!(args.get(0) instanceof String resource)) {
            throw new TemplateProblem(location, "the first item must be a resource's logical id");
        }
        String attribute = text(resolve(args.get(1), location + "[1]"), location + "[1]");
        Object value = resources.getAtt(resource, attribute, location);
        if (value == null) {
            throw new TemplateProblem(location, "GetAtt " + resource + "." + attribute + ": there is no resource "
                    + resource + " (resources whose Condition is false do not exist): fix the logical id");
        }
        return value;
    }

    private String sub(Object argument, String location) {
        String template;
        Map<String, Object> variables = Map.of();
        if (argument instanceof String text) {
            template = text;
        } else {
            List<?> args = arguments(argument, 2, 2, "string or [string, {variable: value}]", location);
            template = text(args.get(0), location + "[0]");
            if (!(args.get(1) instanceof Map<?, ?> map)) {
                throw new TemplateProblem(location + "[1]", "the second item must be a map of variables");
            }
            variables = new HashMap<>();
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                String at = location + "[1]." + entry.getKey();
                variables.put((String) entry.getKey(), text(resolve(entry.getValue(), at), at));
            }
        }
        StringBuilder out = new StringBuilder();
        int from = 0;
        while (true) {
            int start = template.indexOf("${", from);
            if (start < 0) {
                return out.append(template, from, template.length()).toString();
            }
            int end = template.indexOf('}', start);
            if (end < 0) {
                throw new TemplateProblem(location, "\"${\" without a closing \"}\" in \"" + template
                        + "\": close it, or write ${!...} for a literal ${...}");
            }
            out.append(template, from, start);
            String variable = template.substring(start + 2, end);
            if (variable.startsWith("!")) {
                out.append("${").append(variable, 1, variable.length()).append('}');
            } else {
                out.append(subVariable(variable.trim(), variables, location));
            }
            from = end + 1;
        }
    }

    private String subVariable(String variable, Map<String, Object> variables, String location) {
        String at = location + " ${" + variable + "}";
        if (variables.containsKey(variable)) {
            return (String) variables.get(variable);
        }
        int dot = variable.indexOf('.');
        if (dot < 0 || variable.startsWith("AWS::")) {
            return text(refName(variable, at), at);
        }
        // ${Function.Alias} is SAM's Ref to a generated resource; other dotted names are GetAtt.
        Object refValue = resources.ref(variable);
        if (refValue != null) {
            return text(refValue, at);
        }
        return text(getAtt(variable, at), at);
    }

    private Object findInMap(Object argument, String location) {
        List<?> args = arguments(argument, 3, 4, "[map name, top-level key, second-level key]", location);
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            keys.add(text(resolve(args.get(i), location + "[" + i + "]"), location + "[" + i + "]"));
        }
        Object top = mappings.get(keys.get(0));
        Object second = top instanceof Map<?, ?> topMap ? topMap.get(keys.get(1)) : null;
        Object value = second instanceof Map<?, ?> secondMap ? secondMap.get(keys.get(2)) : null;
        if (value != null) {
            return resolve(value, "Mappings." + String.join(".", keys));
        }
        if (args.size() == 4 && args.get(3) instanceof Map<?, ?> options && options.containsKey("DefaultValue")) {
            return resolve(options.get("DefaultValue"), location + "[3].DefaultValue");
        }
        throw new TemplateProblem(location, "Mappings." + String.join(".", keys) + " does not exist: add it to "
                + "Mappings or fix the keys");
    }

    /** Numbers and booleans as the text CloudFormation passes on; anything else is an error. */
    static String text(Object value, String location) {
        if (value instanceof String || value instanceof Number || value instanceof Boolean) {
            return String.valueOf(value);
        }
        throw new TemplateProblem(location, "expected a string, found " + describe(value));
    }

    private static List<?> list(Object value, String location) {
        if (value instanceof List<?> list) {
            return list;
        }
        throw new TemplateProblem(location, "expected a list, found " + describe(value));
    }

    private static List<?> arguments(Object argument, int min, int max, String shape, String location) {
        if (argument instanceof List<?> list && list.size() >= min && list.size() <= max) {
            return list;
        }
        throw new TemplateProblem(location, "expected " + shape + ", found " + describe(argument));
    }

    private static Object comparable(Object value) {
        return value instanceof Number || value instanceof Boolean ? String.valueOf(value) : value;
    }

    /** A mapping, or an empty one where the value is absent. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> mapping(Object value, String location) {
        if (value == null || value == NO_VALUE) {
            return Map.of();
        }
        if (value instanceof Map) {
            return (Map<String, Object>) value;
        }
        throw new TemplateProblem(location, "expected a mapping, found " + describe(value));
    }

    static String describe(Object value) {
        if (value == null) {
            return "nothing (null)";
        }
        if (value == NO_VALUE) {
            return "AWS::NoValue";
        }
        if (value instanceof Map) {
            return "a mapping " + value;
        }
        if (value instanceof List) {
            return "a list " + value;
        }
        return "\"" + value + "\"";
    }
}
