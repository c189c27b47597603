package com.example.wsapi.local.template;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class TemplateYamlTest {

    private static Map<String, Object> shortTags() throws TemplateException {
        return TemplateYaml.read(Path.of("src/test/resources/templates/short-tags.yaml"));
    }

    @Test
    void read_turnsShortTagsIntoLongForms() throws Exception {
        Map<String, Object> yaml = shortTags();

        assertEquals(Map.of("Ref", "Thing"), yaml.get("Ref"));
        assertEquals(Map.of("Fn::Sub", "${Thing}-x"), yaml.get("SubScalar"));
        assertEquals(Map.of("Fn::Sub", List.of("${A}", Map.of("A", "b"))), yaml.get("SubList"));
        assertEquals(Map.of("Fn::Join", List.of(",", List.of("a", "b"))), yaml.get("Join"));
        assertEquals(Map.of("Fn::Select", List.of(0, Map.of("Fn::GetAZs", ""))), yaml.get("Select"));
        assertEquals(Map.of("Fn::Split", List.of(",", "a,b")), yaml.get("Split"));
        assertEquals(Map.of("Fn::If", List.of("Cond", "a", "b")), yaml.get("If"));
        assertEquals(Map.of("Fn::Equals", List.of("a", "b")), yaml.get("Equals"));
        assertEquals(Map.of("Fn::Not", List.of(Map.of("Condition", "Cond"))), yaml.get("Not"));
        assertEquals(Map.of("Fn::And", List.of(Map.of("Condition", "A"), Map.of("Condition", "B"))), yaml.get("And"));
        assertEquals(Map.of("Fn::Or", List.of(Map.of("Condition", "A"), Map.of("Condition", "B"))), yaml.get("Or"));
        assertEquals(Map.of("Fn::FindInMap", List.of("M", "a", "b")), yaml.get("FindInMap"));
        assertEquals(Map.of("Fn::ImportValue", "exported"), yaml.get("ImportValue"));
        assertEquals(Map.of("Fn::Base64", "text"), yaml.get("Base64"));
        assertEquals(Map.of("Fn::Cidr", List.of("10.0.0.0/16", 4, 8)), yaml.get("Cidr"));
        assertEquals(Map.of("Fn::Transform", Map.of("Name", "AWS::Include", "Parameters", Map.of("Location", "s3://b/k"))),
                yaml.get("Transform"));
    }

    @Test
    void read_splitsScalarGetAttAtTheFirstDot() throws Exception {
        Map<String, Object> yaml = shortTags();

        assertEquals(Map.of("Fn::GetAtt", List.of("Thing", "Endpoint.Address")), yaml.get("GetAttDotted"));
        assertEquals(Map.of("Fn::GetAtt", List.of("Thing", "Arn")), yaml.get("GetAttList"));
    }

    @Test
    void read_keepsDatesAsTextAndKeysAsStrings() throws Exception {
        Map<String, Object> yaml = shortTags();

        assertEquals("2025-01-31", yaml.get("Date"), "CloudFormation has no timestamp type");
        assertEquals(42, yaml.get("Number"));
        assertEquals(true, yaml.get("Bool"));
        assertEquals("numeric key", yaml.get("123"));
    }
}
