package com.example.wsapi.local.template;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which functions run with SnapStart: those whose published versions (an AutoPublishAlias) it applies to. */
class SnapStartTemplateTest {

    private static Map<String, LambdaFunction> functions(Path template) throws TemplateException {
        return TemplateLoader.load(template, new LocalSettings("us-east-1", "123456789012", "test", null,
                URI.create("http://127.0.0.1:3001"))).functions();
    }

    @Test
    void snapStart_isOnForPublishedVersions_whenSamPublishesThemForAnAlias() throws Exception {
        Map<String, LambdaFunction> functions = functions(Path.of("src/test/resources/templates/snapstart.yaml"));

        assertTrue(functions.get("Primed").snapStart(), "Globals' SnapStart with an AutoPublishAlias");
        assertFalse(functions.get("NoAlias").snapStart(), "no alias: routes can only reach $LATEST, never a snapshot");
        assertFalse(functions.get("NotPrimed").snapStart(), "ApplyOn: None");
    }

    @Test
    void snapStart_isOnForEveryFunctionOfTheProjectsTemplate() throws Exception {
        Map<String, LambdaFunction> functions = functions(Path.of("../template.yaml"));

        assertFalse(functions.isEmpty());
        functions.values().forEach(function -> assertTrue(function.snapStart(), function.logicalId()));
    }

    @Test
    void snapStart_isOffWhereTheTemplateSaysNothing() throws Exception {
        functions(Path.of("src/test/resources/templates/literal-stage.yaml")).values()
                .forEach(function -> assertFalse(function.snapStart(), function.logicalId()));
    }
}
