package com.example.wsapi.local.template;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.example.wsapi.local.testing.TestTemplates;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Whether the served stage would serve the template's routes on AWS, through {@link TemplateLoader}. */
class StageDeploymentTest {

    /** The stage without AutoDeploy: nothing in the template deploys it yet. */
    private static final String UNDEPLOYED_API = TemplateFixture.API.replace("      AutoDeploy: true\n", "");

    @TempDir
    Path folder;

    /**
     * The notes of {@code api} with $connect (ConnectFunction) and the two-way route whoami (WhoFunction), both of
     * which API Gateway may invoke, and {@code more} resources.
     */
    private List<String> notes(String api, String more, String stageOverride) throws Exception {
        Path file = folder.resolve("template.yaml");
        Files.writeString(file, "Transform: AWS::Serverless-2016-10-31\n" + api
                + TestTemplates.lambdaRoute("Connect", "$connect", false)
                + TestTemplates.lambdaRoute("Who", "whoami", true) + function("Connect") + function("Who") + more);
        return TemplateLoader.load(file, TemplateFixture.settings(stageOverride)).notes();
    }

    private List<String> notes(String api, String more) throws Exception {
        return notes(api, more, null);
    }

    private static String function(String name) {
        return """
                  %1$sFunction:
                    Type: AWS::Serverless::Function
                    Properties: {Handler: example.Handler, Runtime: java21, CodeUri: .}
                  %1$sPermission:
                    Type: AWS::Lambda::Permission
                    Properties:
                      Action: lambda:InvokeFunction
                      FunctionName: !Ref %1$sFunction
                      Principal: apigateway.amazonaws.com
                """.formatted(name);
    }

    /** A Deployment of the API with {@code more} (its DependsOn, or further properties) after its ApiId. */
    private static String deployment(String more) {
        return """
                  Deployment:
                    Type: AWS::ApiGatewayV2::Deployment
                """ + more.indent(4) + """
                    Properties:
                      ApiId: !Ref Api
                """;
    }

    @Test
    void stageWithAutoDeploy_givesNoNote() throws Exception {
        assertEquals(List.of(), notes(TemplateFixture.API, ""));
    }

    @Test
    void stageNothingDeploys_isNoted_sayingItServesNothingOnAws_andWhatToAdd() throws Exception {
        assertEquals(List.of("stage Stage (dev) is never deployed: it has no DeploymentId and no AutoDeploy: true, and "
                + "no AWS::ApiGatewayV2::Deployment names it in StageName. On AWS a stage serves the deployment it "
                + "points to, so this one serves nothing until something outside the template deploys the API to it "
                + "(until then clients cannot connect to wss://.../dev); ws-local serves every route as if deployed. "
                + "Add AutoDeploy: true to Stage (API Gateway then deploys after every change), or a Deployment with "
                + "ApiId: !Ref Api that DependsOn every route, and DeploymentId: !Ref <that Deployment> in Stage"),
                notes(UNDEPLOYED_API, ""));
        // A Deployment alone deploys no stage: it must be the stage's DeploymentId, or name the stage.
        assertEquals(1, notes(UNDEPLOYED_API, deployment("DependsOn: [ConnectRoute, WhoRoute, WhoRouteResponse]"))
                .size());
    }

    @Test
    void deploymentTheStageServes_madeAfterEveryRouteAndResponse_givesNoNote() throws Exception {
        String api = UNDEPLOYED_API.replace("StageName: dev", "StageName: dev\n      DeploymentId: !Ref Deployment");

        assertEquals(List.of(), notes(api, deployment("DependsOn: [ConnectRoute, WhoRoute, WhoRouteResponse]")));
        // A Sub naming a route makes CloudFormation wait for it too.
        assertEquals(List.of(), notes(api, deployment("DependsOn: [WhoRoute, WhoRouteResponse]")
                + "      Description: !Sub 'after ${ConnectRoute}'\n"));
    }

    @Test
    void deploymentWithoutDependsOn_isNoted_namingWhatItMayBeMadeBefore_andThatTheStackMayFail() throws Exception {
        String api = UNDEPLOYED_API.replace("StageName: dev", "StageName: dev\n      DeploymentId: !Ref Deployment");

        assertEquals(List.of("deployment Deployment, which stage dev serves, does not depend on ConnectRoute, "
                + "WhoRoute, WhoRouteResponse (by DependsOn, or a Ref in its properties): CloudFormation may create "
                + "it before them, and a deployment holds the API as it is when made, so on AWS the stage would serve "
                + "the API without them (and with no route made yet the stack fails: \"At least one route is required "
                + "before deploying the Api\"); ws-local serves them all. Add DependsOn: [ConnectRoute, WhoRoute, "
                + "WhoRouteResponse] to Deployment, or AutoDeploy: true to the stage"),
                notes(api, deployment("")));
    }

    @Test
    void deploymentNamingTheStage_afterSomeRoutesOnly_isNotedNamingTheOthers() throws Exception {
        // WhoRouteResponse is reached through the topic the deployment waits for (a DependsOn of a DependsOn).
        String deployment = deployment("DependsOn: [WhoRoute, Waiting]") + """
                      StageName: dev
                  Waiting:
                    Type: AWS::SNS::Topic
                    DependsOn: WhoRouteResponse
                """;

        List<String> notes = notes(UNDEPLOYED_API, deployment);

        assertEquals(1, notes.size(), notes::toString);
        assertEquals("deployment Deployment, which stage dev serves, does not depend on ConnectRoute (by DependsOn, "
                + "or a Ref in its properties): CloudFormation may create it before them, and a deployment holds the "
                + "API as it is when made, so on AWS the stage would serve the API without them; ws-local serves "
                + "them all. Add DependsOn: [ConnectRoute] to Deployment, or AutoDeploy: true to the stage",
                notes.get(0));
    }

    @Test
    void stageWhoseDeploymentIsMadeOutsideTheTemplate_orStageOverrideNamingNoStage_givesNoNote() throws Exception {
        assertEquals(List.of(), notes(UNDEPLOYED_API.replace("StageName: dev",
                "StageName: dev\n      DeploymentId: abc123"), ""));
        assertEquals(List.of(), notes(UNDEPLOYED_API + """
                  ProdStage:
                    Type: AWS::ApiGatewayV2::Stage
                    Properties: {ApiId: !Ref Api, StageName: prod, AutoDeploy: true}
                """, "", "test"));
    }
}
