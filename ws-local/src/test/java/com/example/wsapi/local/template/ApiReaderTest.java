package com.example.wsapi.local.template;

import static com.example.wsapi.local.template.TemplateFixture.API;
import static com.example.wsapi.local.template.TemplateFixture.context;
import static com.example.wsapi.local.template.TemplateFixture.problem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApiReaderTest {

    @TempDir
    Path folder;

    private static final String TWO_STAGES = API.replace("""
                  StageName: dev
            """, """
                  StageName: dev
                  StageVariables:
                    backend: 127.0.0.1:8080
                    retries: 3
              ProdStage:
                Type: AWS::ApiGatewayV2::Stage
                Properties:
                  ApiId: !Ref Api
                  StageName: prod
                  StageVariables:
                    backend: backend.example.com
            """);

    @Test
    void stage_readsItsNameAndVariables_numbersAsText() {
        String oneStage = API.replace("""
                      StageName: dev
                """, """
                      StageName: dev
                      StageVariables:
                        backend: 127.0.0.1:8080
                        retries: 3
                """);

        ApiReader.Stage stage = new ApiReader(context(folder, oneStage)).stage();

        assertEquals(new ApiReader.Stage("dev", Map.of("backend", "127.0.0.1:8080", "retries", "3")), stage);
    }

    @Test
    void stage_withoutVariables_hasNone() {
        assertEquals(new ApiReader.Stage("dev", Map.of()), new ApiReader(context(folder, API)).stage());
    }

    @Test
    void stage_overrideAmongSeveralStages_takesTheVariablesOfTheStageOfThatName() {
        ApiReader.Stage prod = new ApiReader(context(folder, TWO_STAGES, "prod")).stage();
        ApiReader.Stage unknown = new ApiReader(context(folder, TWO_STAGES, "test")).stage();

        assertEquals(new ApiReader.Stage("prod", Map.of("backend", "backend.example.com")), prod);
        assertEquals(new ApiReader.Stage("test", Map.of()), unknown);
    }

    @Test
    void stage_overrideOfTheOneStage_renamesItAndKeepsItsVariables() {
        String oneStage = API.replace("""
                      StageName: dev
                """, """
                      StageName: dev
                      StageVariables:
                        backend: 127.0.0.1:8080
                """);

        assertEquals(new ApiReader.Stage("local", Map.of("backend", "127.0.0.1:8080")),
                new ApiReader(context(folder, oneStage, "local")).stage());
    }

    @Test
    void stage_severalWithoutOverride_failsNamingThem() {
        problem(() -> new ApiReader(context(folder, TWO_STAGES)).stage(), "several stages", "Stage (dev)",
                "ProdStage (prod)", "--stage");
    }

    @Test
    void stage_withAnInvalidVariableName_failsNamingIt() {
        String invalid = API.replace("""
                      StageName: dev
                """, """
                      StageName: dev
                      StageVariables:
                        backend-url: x
                """);

        problem(() -> new ApiReader(context(folder, invalid)).stage(),
                "Resources.Stage.Properties.StageVariables.backend-url", "letters, digits and '_'");
    }

    @Test
    void routeSelectionExpression_isRequired() {
        problem(() -> new ApiReader(context(folder, API.replace("      RouteSelectionExpression: $request.body.action\n",
                ""))).routeSelectionExpression(), "Resources.Api.Properties", "RouteSelectionExpression");
    }

    @Test
    void routeSelectionExpression_ofAFormWsLocalDoesNotEvaluate_failsAtStartNamingTheProperty() {
        // Before, ws-local refused it only when the gateway started, naming neither the template nor the property.
        for (String expression : List.of("$request.header.x-route", "\\$default", "${request.body.a}-${request.body.b}")) {
            problem(() -> new ApiReader(context(folder, API.replace("$request.body.action", expression)))
                            .routeSelectionExpression(),
                    "Resources.Api.Properties.RouteSelectionExpression", expression, "$request.body.<property>");
        }
        assertEquals("${request.body.message}", new ApiReader(context(folder,
                API.replace("$request.body.action", "\"${request.body.message}\""))).routeSelectionExpression());
    }
}
