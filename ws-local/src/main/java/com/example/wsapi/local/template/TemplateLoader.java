package com.example.wsapi.local.template;

import com.example.wsapi.local.vtl.MappingTemplates;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a SAM/CloudFormation template into the records ws-local runs, every intrinsic function resolved to its local
 * value ({@link LocalResourceValues}) and the API's URLs in function environments pointed at ws-local
 * ({@link EndpointRewriter}). Each part of the template has a reader of its own: {@link ApiReader} (the API and its
 * stage), {@link RoutesReader} (routes and route responses), {@link IntegrationsReader} (integrations and their
 * responses), {@link AuthorizersReader}, {@link FunctionsReader} and {@link TablesReader}, sharing a
 * {@link TemplateContext}.
 */
public final class TemplateLoader {

    private static final Pattern STAGE_NAME = Pattern.compile("[A-Za-z0-9_-]{1,128}");

    private TemplateLoader() {}

    /** Same as {@link #load(Path, LocalSettings, Map)} without parameter overrides. */
    public static SamTemplate load(Path templateFile, LocalSettings settings) throws TemplateException {
        return load(templateFile, settings, Map.of());
    }

    /** As {@link #load(Path, LocalSettings, Map, MappingTemplates)}, checking mapping templates with a new engine. */
    public static SamTemplate load(Path templateFile, LocalSettings settings, Map<String, String> parameterOverrides)
            throws TemplateException {
        return load(templateFile, settings, parameterOverrides, new MappingTemplates());
    }

    /**
     * Reads the template.
     *
     * @param parameterOverrides values for the template's Parameters, like {@code sam deploy --parameter-overrides}
     * @param mappingTemplates   checks that every mapping template parses
     * @throws TemplateException naming the file, the resource or property, and what to fix
     */
    public static SamTemplate load(Path templateFile, LocalSettings settings, Map<String, String> parameterOverrides,
                                   MappingTemplates mappingTemplates) throws TemplateException {
        Objects.requireNonNull(templateFile, "templateFile");
        Objects.requireNonNull(mappingTemplates, "mappingTemplates");
        checkSettings(settings);
        Map<String, Object> template = TemplateYaml.read(templateFile);
        try {
            TemplateReferences.check(template);
            Map<String, String> overrides = parameterOverrides;
            String stageParameter = settings.stageOverride() == null ? null
                    : new ApiReader(context(templateFile, template, settings, overrides, new LocalPlaceholders()))
                            .stageParameter();
            if (stageParameter != null) {
                // The stage's name comes from a parameter: overriding it renames the stage everywhere it is used.
                overrides = new HashMap<>(overrides);
                overrides.put(stageParameter, settings.stageOverride());
            }
            LocalPlaceholders placeholders = new LocalPlaceholders();
            return read(context(templateFile, template, settings, overrides, placeholders), mappingTemplates,
                    placeholders);
        } catch (TemplateProblem e) {
            throw new TemplateException(templateFile + ": " + withConstructPath(template, e), e);
        }
    }

    /**
     * The problem's message, with the construct path of the resource it is in after its location when the CDK made
     * that resource ({@code aws:cdk:path}): a logical id such as {@code EchoHandlerB75BC5D4} is the construct's path
     * hashed, which the CDK app's author never wrote.
     */
    private static String withConstructPath(Map<String, Object> template, TemplateProblem problem) {
        String location = problem.location();
        if (location.startsWith("Resources.") && template.get("Resources") instanceof Map<?, ?> resources
                && resources.get(location.substring("Resources.".length()).split("\\.", 2)[0]) instanceof Map<?, ?> resource
                && resource.get("Metadata") instanceof Map<?, ?> metadata
                && metadata.get("aws:cdk:path") instanceof String path) {
            return location + " (" + path + " in the CDK app)" + problem.getMessage().substring(location.length());
        }
        return problem.getMessage();
    }

    /** A stable API id of 10 lowercase alphanumerics derived from the API's logical id, like a real one. */
    static String apiId(String logicalId) {
        return ApiReader.apiId(logicalId);
    }

    private static TemplateContext context(Path file, Map<String, Object> template, LocalSettings settings,
                                           Map<String, String> overrides, LocalPlaceholders placeholders) {
        return new TemplateContext(file, template, settings, overrides,
                context -> new LocalResourceValues(context, placeholders));
    }

    /** @param placeholders the GetAtt values of {@code context} ws-local cannot know, noted for the banner */
    private static SamTemplate read(TemplateContext context, MappingTemplates mappingTemplates,
                                    LocalPlaceholders placeholders) {
        ApiReader api = new ApiReader(context);
        String routeSelection = api.routeSelectionExpression();
        ApiReader.Stage stage = api.stage();
        // Before the routes: a route refused for its ApiId would otherwise just be missing from them.
        List<String> notes = new ArrayList<>(new ApiMembership(context, api).notes());
        Set<String> templateStages = new HashSet<>();
        for (String id : api.apiStages()) {
            templateStages.add(api.templateStageName(id));
        }
        FunctionsReader functions = new FunctionsReader(context,
                new EndpointRewriter(api.webSocketApiId(), templateStages, stage.name(), context.settings()));
        functions.functions();
        RoutesReader routes = new RoutesReader(context, api,
                new IntegrationsReader(context, stage.variables(), mappingTemplates, functions),
                new AuthorizersReader(context, functions), functions);
        WebSocketApi webSocket = new WebSocketApi(api.webSocketApi(), api.webSocketApiId(), routeSelection,
                stage.name(), stage.variables(), routes.routes());
        notes.addAll(new StageDeployment(context, api).notes());
        Set<String> stages = new HashSet<>(templateStages);
        stages.add(stage.name());
        notes.addAll(new InvokePermissions(context, api.webSocketApiId(), stages)
                .notes(api.webSocketApi(), webSocket.routes()));
        List<Table> tables = new TablesReader(context).tables();
        notes.addAll(HandlerNames.notes(webSocket, functions.functions(), context.functionGlobals().get("Handler")));
        notes.addAll(ThrottledFunctions.notes(webSocket, functions.functions()));
        notes.addAll(placeholders.notes());
        return new SamTemplate(context.file(), webSocket, functions.functions(), tables, notes, functions.notRun());
    }

    private static void checkSettings(LocalSettings settings) throws TemplateException {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(settings.region(), "settings.region");
        Objects.requireNonNull(settings.accountId(), "settings.accountId");
        Objects.requireNonNull(settings.stackName(), "settings.stackName");
        URI endpoint = Objects.requireNonNull(settings.localEndpoint(), "settings.localEndpoint");
        if (!"http".equals(endpoint.getScheme()) && !"https".equals(endpoint.getScheme())) {
            throw new IllegalArgumentException("the local endpoint must be http:// or https://, was " + endpoint);
        }
        if (settings.stageOverride() != null && !STAGE_NAME.matcher(settings.stageOverride()).matches()) {
            throw new TemplateException("stage \"" + settings.stageOverride() + "\" is not a valid stage name: use "
                    + "1 to 128 letters, digits, '-' or '_'");
        }
    }
}
