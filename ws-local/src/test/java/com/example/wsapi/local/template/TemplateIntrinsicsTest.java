package com.example.wsapi.local.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The resolver on its own, with long-form intrinsics written as maps and resources answered by a stub. */
class TemplateIntrinsicsTest {

    private static final LocalSettings SETTINGS =
            new LocalSettings("eu-west-1", "111122223333", "stack", null, URI.create("http://127.0.0.1:3001"));

    /** Resources: Queue (Ref gives its logical id), nothing else. */
    private static final Intrinsics.ResourceValues RESOURCES = new Intrinsics.ResourceValues() {
        @Override
        public Object ref(String name) {
            return name.equals("Queue") ? "Queue" : null;
        }

        @Override
        public Object getAtt(String resource, String attribute, String location) {
            return resource.equals("Queue") ? "arn:queue:" + attribute : null;
        }
    };

    private static Intrinsics intrinsics(Map<String, Object> template, Map<String, String> overrides) {
        return new Intrinsics(template, overrides, SETTINGS, RESOURCES);
    }

    private static Intrinsics empty() {
        return intrinsics(Map.of(), Map.of());
    }

    private static String failure(Intrinsics intrinsics, Object value) {
        return assertThrows(TemplateProblem.class, () -> intrinsics.resolve(value, "Here")).getMessage();
    }

    @Test
    void resolve_pseudoParameters() {
        Intrinsics intrinsics = empty();

        assertEquals("eu-west-1", intrinsics.resolve(Map.of("Ref", "AWS::Region"), "Here"));
        assertEquals("111122223333", intrinsics.resolve(Map.of("Ref", "AWS::AccountId"), "Here"));
        assertEquals("stack", intrinsics.resolve(Map.of("Ref", "AWS::StackName"), "Here"));
        assertEquals("aws", intrinsics.resolve(Map.of("Ref", "AWS::Partition"), "Here"));
        assertEquals("amazonaws.com", intrinsics.resolve(Map.of("Ref", "AWS::URLSuffix"), "Here"));
        assertSame(Intrinsics.NO_VALUE, intrinsics.resolve(Map.of("Ref", "AWS::NoValue"), "Here"));
    }

    @Test
    void resolve_noValueRemovesKeysAndListItems() {
        Object resolved = empty().resolve(Map.of("Keep", List.of("a", Map.of("Ref", "AWS::NoValue")),
                "Drop", Map.of("Ref", "AWS::NoValue")), "Here");

        assertEquals(Map.of("Keep", List.of("a")), resolved);
    }

    @Test
    void resolve_subWithVariableMapResourcesAttributesAndEscapes() {
        Object sub = Map.of("Fn::Sub", List.of("${Name}:${Queue}:${Queue.Url}:${AWS::Region}:${!Literal}",
                Map.of("Name", Map.of("Fn::Join", List.of("-", List.of("a", "b"))))));

        assertEquals("a-b:Queue:arn:queue:Url:eu-west-1:${Literal}", empty().resolve(sub, "Here"));
    }

    @Test
    void resolve_subWithUnclosedVariable_failsSayingHowToWriteALiteral() {
        String message = failure(empty(), Map.of("Fn::Sub", "cost ${Price"));

        assertTrue(message.contains("without a closing") && message.contains("${!"), message);
    }

    @Test
    void resolve_commaDelimitedListParameter_feedsJoinAndSelect() {
        Intrinsics intrinsics = intrinsics(Map.of("Parameters",
                Map.of("Hosts", Map.of("Type", "CommaDelimitedList", "Default", "a,b,c"))), Map.of());

        assertEquals(List.of("a", "b", "c"), intrinsics.resolve(Map.of("Ref", "Hosts"), "Here"));
        assertEquals("a|b|c", intrinsics.resolve(Map.of("Fn::Join", List.of("|", Map.of("Ref", "Hosts"))), "Here"));
        assertEquals("c", intrinsics.resolve(Map.of("Fn::Select", List.of("2", Map.of("Ref", "Hosts"))), "Here"));
    }

    @Test
    void resolve_dynamicReference_failsAskingForAParameter_writtenOrBuiltBySub() {
        Intrinsics intrinsics = intrinsics(Map.of("Parameters", Map.of("Env", Map.of("Default", "dev"))), Map.of());

        String written = failure(intrinsics, Map.of("TABLE", "{{resolve:ssm:/app/table}}"));
        String built = failure(intrinsics, Map.of("Fn::Sub", "{{resolve:secretsmanager:app-${Env}:SecretString:key}}"));

        assertTrue(written.startsWith("Here.TABLE") && written.contains("{{resolve:ssm:/app/table}}")
                && written.contains("cannot be resolved locally"), written);
        assertTrue(built.contains("app-dev") && built.contains("parameter override"), built);
    }

    @Test
    void resolve_selectOutOfRange_failsNamingIndexAndList() {
        String message = failure(empty(), Map.of("Fn::Select", List.of(3, List.of("a", "b"))));

        assertTrue(message.contains("index 3") && message.contains("[a, b]"), message);
    }

    @Test
    void resolve_findInMapWithMissingKey_failsNamingTheKeys() {
        Intrinsics intrinsics = intrinsics(Map.of("Mappings", Map.of("Sizes", Map.of("dev", Map.of("Memory", 512)))),
                Map.of());

        assertEquals(512, intrinsics.resolve(Map.of("Fn::FindInMap", List.of("Sizes", "dev", "Memory")), "Here"));
        String message = failure(intrinsics, Map.of("Fn::FindInMap", List.of("Sizes", "prod", "Memory")));
        assertTrue(message.contains("Mappings.Sizes.prod.Memory"), message);
    }

    @Test
    void condition_combinesEqualsNotAndOr() {
        Map<String, Object> conditions = Map.of(
                "IsEu", Map.of("Fn::Equals", List.of(Map.of("Ref", "AWS::Region"), "eu-west-1")),
                "IsUs", Map.of("Fn::Not", List.of(Map.of("Condition", "IsEu"))),
                "Either", Map.of("Fn::Or", List.of(Map.of("Condition", "IsEu"), Map.of("Condition", "IsUs"))),
                "Both", Map.of("Fn::And", List.of(Map.of("Condition", "IsEu"), Map.of("Condition", "IsUs"))));
        Intrinsics intrinsics = intrinsics(Map.of("Conditions", conditions), Map.of());

        assertTrue(intrinsics.condition("IsEu", "Here"));
        assertEquals(false, intrinsics.condition("IsUs", "Here"));
        assertTrue(intrinsics.condition("Either", "Here"));
        assertEquals(false, intrinsics.condition("Both", "Here"));
        assertEquals("eu", intrinsics.resolve(Map.of("Fn::If", List.of("IsEu", "eu", "us")), "Here"));
    }

    @Test
    void condition_thatDependsOnItself_failsNamingIt() {
        Intrinsics intrinsics = intrinsics(Map.of("Conditions",
                Map.of("Loop", Map.of("Fn::Not", List.of(Map.of("Condition", "Loop"))))), Map.of());

        TemplateProblem problem = assertThrows(TemplateProblem.class, () -> intrinsics.condition("Loop", "Here"));
        assertTrue(problem.getMessage().contains("Conditions.Loop"), problem.getMessage());
    }

    @Test
    void resolve_base64AndGetAZs() {
        Intrinsics intrinsics = empty();

        assertEquals(Base64.getEncoder().encodeToString("hi".getBytes(StandardCharsets.UTF_8)),
                intrinsics.resolve(Map.of("Fn::Base64", "hi"), "Here"));
        assertEquals(List.of("eu-west-1a", "eu-west-1b", "eu-west-1c"), intrinsics.resolve(Map.of("Fn::GetAZs", ""), "Here"));
    }

    @Test
    void resolve_refToUnknownName_failsNamingIt() {
        String message = failure(empty(), Map.of("Ref", "Quuee"));

        assertTrue(message.startsWith("Here.Ref: Ref Quuee"), message);
    }

    @Test
    void resolve_unknownFunction_failsListingTheKnownOnes() {
        String message = failure(empty(), Map.of("Fn::Reverse", "abc"));

        assertTrue(message.contains("Fn::Reverse") && message.contains("Fn::Sub"), message);
    }
}
