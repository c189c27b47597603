package com.example.wsapi.local.template;

import static com.example.wsapi.local.template.ResourceTypes.DEPLOYMENT;
import static com.example.wsapi.local.template.ResourceTypes.INTEGRATION_RESPONSE;
import static com.example.wsapi.local.template.ResourceTypes.ROUTE;
import static com.example.wsapi.local.template.ResourceTypes.ROUTE_RESPONSE;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Whether the served stage would serve the template's routes on AWS. A stage serves a deployment, a snapshot of the
 * API as it was when made: the stage's {@code DeploymentId}, a {@code Deployment} naming the stage in its
 * {@code StageName}, or, with {@code AutoDeploy: true}, the one API Gateway makes after every change. With none of
 * them nothing deploys the stage, and a deployment CloudFormation may create before some routes lacks them. ws-local
 * serves every route of the API as if deployed, so it notes both at start; notes rather than refusals, since a
 * pipeline may deploy the API outside the template.
 */
final class StageDeployment {

    private final TemplateContext context;
    private final ApiReader api;

    StageDeployment(TemplateContext context, ApiReader api) {
        this.context = context;
        this.api = api;
    }

    /** The notes on the served stage's deployment; none when it deploys every route (or it is not the template's). */
    List<String> notes() {
        String stage = api.stageId();
        if (stage == null) {
            return List.of();
        }
        String at = "Resources." + stage + ".Properties";
        Map<String, Object> props = context.properties(stage);
        if ("true".equalsIgnoreCase(context.resolveString(props.get("AutoDeploy"), at + ".AutoDeploy"))) {
            return List.of();
        }
        String stageName = api.templateStageName(stage);
        List<String> deployments = new ArrayList<>();
        Object deploymentId = props.get("DeploymentId");
        if (deploymentId != null) {
            String id = deploymentOf(deploymentId);
            if (id == null) {
                return List.of();   // a deployment made outside the template: what it holds cannot be known here
            }
            deployments.add(id);
        }
        for (String id : context.belongingToApi(DEPLOYMENT, api.webSocketApiId())) {
            String named = context.resolveString(context.properties(id).get("StageName"),
                    "Resources." + id + ".Properties.StageName");
            if (stageName.equals(named) && !deployments.contains(id)) {
                deployments.add(id);
            }
        }
        if (deployments.isEmpty()) {
            return List.of(neverDeployed(stage, stageName));
        }
        List<String> notes = new ArrayList<>();
        for (String deployment : deployments) {
            List<String> missing = missing(deployment);
            if (!missing.isEmpty()) {
                notes.add(racing(deployment, stageName, missing));
            }
        }
        return notes;
    }

    /** The Deployment of the template a DeploymentId names ({@code !Ref D}, {@code !GetAtt D.DeploymentId}), or null. */
    private String deploymentOf(Object deploymentId) {
        Object named = null;
        if (deploymentId instanceof Map<?, ?> map && map.size() == 1) {
            Object getAtt = map.get("Fn::GetAtt");
            named = map.get("Ref") != null ? map.get("Ref") : getAtt instanceof String text ? text.split("\\.", 2)[0]
                    : getAtt instanceof List<?> list && !list.isEmpty() ? list.get(0) : null;
        }
        return named instanceof String id && DEPLOYMENT.equals(context.typeIfActive(id)) ? id : null;
    }

    private String neverDeployed(String stage, String stageName) {
        // Unconfirmed: the status a handshake to an undeployed stage gets (users report 403); the note names none.
        return "stage " + stage + " (" + stageName + ") is never deployed: it has no DeploymentId and no AutoDeploy: "
                + "true, and no " + DEPLOYMENT + " names it in StageName. On AWS a stage serves the deployment it "
                + "points to, so this one serves nothing until something outside the template deploys the API to it "
                + "(until then clients cannot connect to wss://.../" + stageName + "); ws-local serves every route as "
                + "if deployed. Add AutoDeploy: true to " + stage + " (API Gateway then deploys after every change), "
                + "or a Deployment with ApiId: !Ref " + api.webSocketApi() + " that DependsOn every route, and "
                + "DeploymentId: !Ref <that Deployment> in " + stage;
    }

    /** The routes, route responses and integration responses of the API the deployment is not made after. */
    private List<String> missing(String deployment) {
        Set<String> dependencies = new ResourceDependencies(context).of(deployment);
        List<String> missing = new ArrayList<>();
        for (String type : List.of(ROUTE, ROUTE_RESPONSE, INTEGRATION_RESPONSE)) {
            for (String id : context.belongingToApi(type, api.webSocketApiId())) {
                if (!dependencies.contains(id)) {
                    missing.add(id);
                }
            }
        }
        return missing;
    }

    private String racing(String deployment, String stageName, List<String> missing) {
        boolean noRoute = context.belongingToApi(ROUTE, api.webSocketApiId()).stream().allMatch(missing::contains);
        return "deployment " + deployment + ", which stage " + stageName + " serves, does not depend on "
                + String.join(", ", missing) + " (by DependsOn, or a Ref in its properties): CloudFormation may "
                + "create it before them, and a deployment holds the API as it is when made, so on AWS the stage "
                + "would serve the API without them" + (noRoute ? " (and with no route made yet the stack fails: "
                + "\"At least one route is required before deploying the Api\")" : "") + "; ws-local serves them "
                + "all. Add DependsOn: [" + String.join(", ", missing) + "] to " + deployment
                + ", or AutoDeploy: true to the stage";
    }
}
