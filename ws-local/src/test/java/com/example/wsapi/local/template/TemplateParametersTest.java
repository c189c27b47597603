package com.example.wsapi.local.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

/** Parameter values: an override or the Default, checked as CloudFormation checks them. */
class TemplateParametersTest {

    private static String failure(Map<String, Object> declared, Map<String, String> overrides, String name) {
        return assertThrows(TemplateProblem.class, () -> new TemplateParameters(declared, overrides).value(name))
                .getMessage();
    }

    @Test
    void value_isTheOverride_replacingTheDefault() {
        TemplateParameters parameters = new TemplateParameters(Map.of("Size", Map.of("Type", "Number", "Default", 1)),
                Map.of("Size", "5"));

        assertEquals("5", parameters.value("Size"));
    }

    @Test
    void value_ofAnSsmParameterWithoutOverride_failsAskingForOne() {
        String message = failure(Map.of("Secret",
                Map.of("Type", "AWS::SSM::Parameter::Value<String>", "Default", "/app/secret")), Map.of(), "Secret");

        assertTrue(message.contains("Parameters.Secret") && message.contains("override"), message);
        assertTrue(message.contains("the value of /app/secret in Parameter Store"), message);
    }

    @Test
    void value_breakingItsTypeOrBounds_failsAsCloudFormationWould() {
        Map<String, Object> declared = Map.of(
                "Ttl", Map.of("Type", "Number", "Default", 7800, "MinValue", 7200, "MaxValue", 86400),
                "Name", Map.of("Type", "String", "Default", "chat", "MinLength", 1, "MaxLength", 8));

        assertEquals("7800", new TemplateParameters(declared, Map.of()).value("Ttl"));
        String small = failure(declared, Map.of("Ttl", "60"), "Ttl");
        String text = failure(declared, Map.of("Ttl", "2h"), "Ttl");
        String empty = failure(declared, Map.of("Name", ""), "Name");
        String longer = failure(declared, Map.of("Name", "far-too-long"), "Name");

        assertTrue(small.startsWith("Parameters.Ttl") && small.contains("MinValue 7200"), small);
        assertTrue(text.contains("\"2h\" is not a number"), text);
        assertTrue(empty.contains("MinLength 1"), empty);
        assertTrue(longer.contains("MaxLength 8"), longer);
    }

    @Test
    void aBadValueOfAParameterNothingReferences_failsAtOnce_asCloudFormationWould() {
        Map<String, Object> declared = Map.of("Rate", Map.of("Type", "Number", "Default", 50, "MinValue", 1),
                "Secret", Map.of("Type", "AWS::SSM::Parameter::Value<String>", "Default", "/app/secret"),
                "Required", Map.of("Type", "String"));

        TemplateProblem problem = assertThrows(TemplateProblem.class,
                () -> new TemplateParameters(declared, Map.of("Rate", "abc")));

        assertTrue(problem.getMessage().startsWith("Parameters.Rate")
                && problem.getMessage().contains("\"abc\" is not a number"), problem.getMessage());
        // Values that cannot be known here (an SSM parameter, none given) still fail only where they are used.
        assertEquals("50", new TemplateParameters(declared, Map.of()).value("Rate"));
    }

    @Test
    void anOverrideOfAnUndeclaredParameter_failsNamingIt() {
        TemplateProblem problem = assertThrows(TemplateProblem.class,
                () -> new TemplateParameters(Map.of(), Map.of("Stage", "prod")));

        assertTrue(problem.getMessage().contains("parameter Stage") && problem.getMessage().contains("spelling"),
                problem.getMessage());
    }
}
