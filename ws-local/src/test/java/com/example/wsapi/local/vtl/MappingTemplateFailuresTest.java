package com.example.wsapi.local.vtl;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import java.util.Map;

/** A template that does not parse or fails to render: one message naming the template and the place, no trace. */
class MappingTemplateFailuresTest {

    private static final String NAME = "Resources.ChatIntegration.Properties.RequestTemplates.$default";

    private final MappingTemplates templates = new MappingTemplates();

    private MappingTemplateException checkFails(String template) {
        return assertThrows(MappingTemplateException.class, () -> templates.check(NAME, template));
    }

    private MappingTemplateException renderFails(String template) {
        return assertThrows(MappingTemplateException.class, () -> templates.render(NAME, template,
                new MappingInput("{\"a\":1}", Map.of(), Map.of(), Templates.context(), Map.of())));
    }

    @Test
    void check_acceptsATemplateThatParses() {
        assertDoesNotThrow(() -> templates.check(NAME, "#set($a = $input.path('$'))\n{\"a\": $a.size()}"));
    }

    @Test
    void check_ofASyntaxError_namesTheTemplateLineAndColumn_andWhatWasExpected() {
        MappingTemplateException e = checkFails("{\n  \"a\": $util.escapeJavaScript(\"x\" oops)\n}");
        assertEquals(NAME + ": line 2, column 35: not valid VTL: encountered \"oops\"; expected \"||\", \",\", \")\", "
                + "\"-\", \"+\", \"*\", \"/\", \"%\", <LOGICAL_AND>, <LOGICAL_OR>, ...", e.getMessage());
    }

    @Test
    void check_ofAnUnfinishedDirective_saysTheTemplateEnds() {
        MappingTemplateException e = checkFails("a #if(");
        assertTrue(e.getMessage().startsWith(NAME + ": line 1, column 7: not valid VTL: encountered the end of the "
                + "template; expected \"[\", \"{\", \"(\""), e.getMessage());
    }

    @Test
    void check_ofABlockWithoutEnd_saysSo() {
        MappingTemplateException e = checkFails("{\n#foreach($x in $input.path('$'))\n  $x\n}");
        assertEquals(NAME + ": line 4, column 2: not valid VTL: the template ends inside a block "
                + "(an #if, #foreach, #macro or #define without #end?)", e.getMessage());
    }

    @Test
    void check_ofADirectiveWithTooFewArguments_namesThePlace() {
        MappingTemplateException e = checkFails("ok\n#foreach($x)#end");
        assertEquals(NAME + ": line 2, column 9: Too few arguments to the #foreach directive", e.getMessage());
    }

    @Test
    void check_ofNull_saysTheTemplateIsMissing() {
        assertEquals(NAME + ": the mapping template is missing (null)", checkFails(null).getMessage());
    }

    @Test
    void render_ofATemplateThatDoesNotParse_failsLikeCheck() {
        assertEquals(checkFails("a #if(").getMessage(), renderFails("a #if(").getMessage());
    }

    @Test
    void render_ofAnInvalidJsonPath_namesThePlace() {
        MappingTemplateException e = renderFails("{\n  \"x\": $input.json('$.a[?(@.b ==)]')\n}");
        assertEquals(NAME + ": line 2, column 15: json(...) failed: '$.a[?(@.b ==)]' is not a JSONPath expression: "
                + "Failed to parse filter: [?(@.b ==)], error on position: 9, char: )", e.getMessage());
    }

    @Test
    void render_ofAnEmptyJsonPath_saysSo() {
        assertEquals(NAME + ": line 1, column 8: path(...) failed: the JSONPath is empty; use e.g. '$' or '$.message'",
                renderFails("$input.path('')").getMessage());
    }

    @Test
    void render_ofMacroRecursion_stopsAtTwentyCalls_namingTheMacro() {
        MappingTemplateException e = renderFails("#macro(loop $n)#loop($n)#end\n#loop(1)");
        assertEquals(NAME + ": line 1, column 16: Max calling depth of 20 was exceeded in macro 'loop'", e.getMessage());
    }

    @Test
    void render_ofAStringThatEvaluatesItself_stopsAtTenLevels_atTheOutermostEvaluate() {
        MappingTemplateException e = renderFails("{\n  #set($s = '#evaluate($s)')#evaluate($s)\n}");
        assertEquals(NAME + ": line 2, column 29: #evaluate is nested more than 10 deep", e.getMessage());
    }

    @Test
    void render_ofAnEvaluatedStringThatDoesNotParse_namesTheEvaluateAndTheError() {
        MappingTemplateException e = renderFails("ok\n#evaluate('#foreach($a in [1])')");
        assertEquals(NAME + ": line 2, column 1: the string #evaluate got is not valid VTL: the template ends inside "
                + "a block (an #if, #foreach, #macro or #define without #end?)", e.getMessage());
    }

    @Test
    void render_ofAThousandfoldNestedTemplate_failsInsteadOfOverflowing() {
        int levels = 100_000;
        MappingTemplateException e = renderFails("#if(true)".repeat(levels) + "x" + "#end".repeat(levels));
        assertEquals(NAME + ": the template nests too deeply (thousands of levels?)", e.getMessage());
    }

    @Test
    void messages_areOneOrTwoLines_neverAStackTrace() {
        for (MappingTemplateException e : new MappingTemplateException[] {
                checkFails("{\"a\": $util.escapeJavaScript(\"x\" oops)}"), checkFails("#if(true)"),
                renderFails("$util.parseJson('{')"), renderFails("#macro(m)#m()#end#m()"),
                renderFails("$util.base64Decode('%%%')")}) {
            assertFalse(e.getMessage().contains("\tat "), e.getMessage());
            assertFalse(e.getMessage().contains("Exception"), e.getMessage());
            assertFalse(e.getMessage().contains("mapping template["), e.getMessage());
            assertTrue(e.getMessage().lines().count() <= 2, e.getMessage());
        }
    }
}
