package com.example.wsapi.local.template;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The template's Parameters: each one's value (a parameter override, else its Default), checked against its Type,
 * AllowedValues, AllowedPattern and bounds as CloudFormation checks them at deploy time.
 */
final class TemplateParameters {

    private final Map<String, Object> parameters;
    private final Map<String, String> parameterOverrides;
    private final Map<String, Object> resolvedParameters = new HashMap<>();

    /**
     * @param parameters         the template's Parameters section
     * @param parameterOverrides parameter values that replace the templates' defaults; each must be declared
     */
    TemplateParameters(Map<String, Object> parameters, Map<String, String> parameterOverrides) {
        this.parameters = parameters;
        this.parameterOverrides = Map.copyOf(parameterOverrides);
        for (String name : parameterOverrides.keySet()) {
            if (!parameters.containsKey(name)) {
                throw new TemplateProblem("Parameters", "an override is given for parameter " + name
                        + ", which the template does not declare: check its spelling");
            }
        }
        checkEveryValue();
    }

    /**
     * Checks now every parameter that has a value here (an override, or a Default that is not an SSM parameter's name),
     * referenced or not: CloudFormation refuses a bad one at deploy time even if nothing uses it (a Stage's throttling
     * is read by no part of ws-local). One without a value fails only where it is used.
     */
    private void checkEveryValue() {
        for (Map.Entry<String, Object> parameter : parameters.entrySet()) {
            boolean hasValue = parameterOverrides.containsKey(parameter.getKey())
                    || parameter.getValue() instanceof Map<?, ?> declaration && declaration.get("Default") != null
                    && !String.valueOf(declaration.get("Type")).startsWith("AWS::SSM::Parameter");
            if (hasValue) {
                value(parameter.getKey());
            }
        }
    }

    /** True when the template declares a parameter of that name. */
    boolean declares(String name) {
        return parameters.containsKey(name);
    }

    /** The parameter's value: its override or Default, checked as CloudFormation checks it; a list for list types. */
    Object value(String name) {
        Object known = resolvedParameters.get(name);
        if (known != null) {
            return known;
        }
        String location = "Parameters." + name;
        if (!(parameters.get(name) instanceof Map<?, ?> declaration)) {
            throw new TemplateProblem(location, "a parameter must be a mapping with a Type");
        }
        String type = declaration.get("Type") == null ? "String" : String.valueOf(declaration.get("Type"));
        String value = parameterOverrides.get(name);
        if (value == null && type.startsWith("AWS::SSM::Parameter")) {
            // Its Default is the SSM parameter's name: what the value is looked up by (a CDK app's ids are hashed).
            throw new TemplateProblem(location, "an SSM parameter (" + type + (declaration.get("Default") == null
                    ? "" : ", the value of " + declaration.get("Default") + " in Parameter Store") + ") cannot be "
                    + "read locally: give " + name + " a parameter override with the value");
        }
        if (value == null) {
            Object defaultValue = declaration.get("Default");
            if (defaultValue == null) {
                throw new TemplateProblem(location, "parameter " + name + " has no Default and no override: give "
                        + "it a value with --parameter-overrides " + name + "=<value> (or parameter_overrides in the "
                        + "SAM CLI's config file beside the template), or add a Default to the template");
            }
            value = defaultValue instanceof List<?> items ? String.join(",", items.stream().map(String::valueOf).toList())
                    : Intrinsics.text(defaultValue, location + ".Default");
        }
        if (declaration.get("AllowedValues") instanceof List<?> allowed
                && allowed.stream().map(String::valueOf).noneMatch(value::equals)) {
            throw new TemplateProblem(location, "value \"" + value + "\" is not one of its AllowedValues " + allowed
                    + ": use one of them");
        }
        if (declaration.get("AllowedPattern") instanceof String pattern && !value.matches(pattern)) {
            throw new TemplateProblem(location, "value \"" + value + "\" does not match its AllowedPattern " + pattern);
        }
        checkConstraints(declaration, type, value, location);
        Object resolved = type.startsWith("List<") || type.equals("CommaDelimitedList")
                || type.startsWith("AWS::SSM::Parameter::Value<List<")
                || type.equals("AWS::SSM::Parameter::Value<CommaDelimitedList>")
                ? List.of(value.split(",", -1)) : value;
        resolvedParameters.put(name, resolved);
        return resolved;
    }

    /** Type Number (and List<Number>), MinValue/MaxValue and MinLength/MaxLength, as CloudFormation checks them. */
    private static void checkConstraints(Map<?, ?> declaration, String type, String value, String location) {
        boolean numbers = type.equals("Number") || type.equals("List<Number>");
        for (String item : numbers ? value.split(",", -1) : new String[] {value}) {
            if (numbers) {
                BigDecimal number;
                try {
                    number = new BigDecimal(item.trim());
                } catch (NumberFormatException e) {
                    throw new TemplateProblem(location, "value \"" + item + "\" is not a number, as its Type " + type
                            + " requires");
                }
                bound(declaration, "MinValue", location, min -> number.compareTo(min) >= 0, item);
                bound(declaration, "MaxValue", location, max -> number.compareTo(max) <= 0, item);
            } else {
                BigDecimal length = BigDecimal.valueOf(item.length());
                bound(declaration, "MinLength", location, min -> length.compareTo(min) >= 0, item);
                bound(declaration, "MaxLength", location, max -> length.compareTo(max) <= 0, item);
            }
        }
    }

    private static void bound(Map<?, ?> declaration, String name, String location, Predicate<BigDecimal> holds,
                              String value) {
        Object limit = declaration.get(name);
        if (limit == null) {
            return;
        }
        BigDecimal bound;
        try {
            bound = new BigDecimal(Intrinsics.text(limit, location + "." + name));
        } catch (NumberFormatException e) {
            throw new TemplateProblem(location + "." + name, name + " must be a number, found " + Intrinsics.describe(limit));
        }
        if (!holds.test(bound)) {
            throw new TemplateProblem(location, "value \"" + value + "\" is outside its " + name + " " + limit
                    + ": CloudFormation would refuse it");
        }
    }
}
