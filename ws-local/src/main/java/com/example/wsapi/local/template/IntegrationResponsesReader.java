package com.example.wsapi.local.template;

import static com.example.wsapi.local.template.ResourceTypes.INTEGRATION_RESPONSE;

import com.example.wsapi.local.vtl.MappingTemplates;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Reads {@code AWS::ApiGatewayV2::IntegrationResponse}s, grouped by the integration they answer for. */
final class IntegrationResponsesReader {

    private final TemplateContext context;
    private final MappingTemplates mappingTemplates;
    private Map<String, List<String>> idsByIntegration;

    IntegrationResponsesReader(TemplateContext context, MappingTemplates mappingTemplates) {
        this.context = context;
        this.mappingTemplates = mappingTemplates;
    }

    /** The integration responses of one integration, in template order; keys are unique. */
    List<IntegrationResponse> of(String integrationId) {
        List<IntegrationResponse> responses = new ArrayList<>();
        Map<String, String> idsByKey = new HashMap<>();
        for (String id : byIntegration().getOrDefault(integrationId, List.of())) {
            IntegrationResponse response = read(id);
            String duplicate = idsByKey.put(response.key(), id);
            if (duplicate != null) {
                throw new TemplateProblem("Resources." + id + ".Properties.IntegrationResponseKey", "integration "
                        + "responses " + duplicate + " and " + id + " of " + integrationId + " both have key "
                        + response.key() + ": keys of one integration must be unique");
            }
            responses.add(response);
        }
        return responses;
    }

    private Map<String, List<String>> byIntegration() {
        if (idsByIntegration == null) {
            idsByIntegration = new HashMap<>();
            for (String id : context.resourcesOfType(Set.of(INTEGRATION_RESPONSE))) {
                String at = "Resources." + id + ".Properties";
                String integration = context.requiredString(context.properties(id), "IntegrationId", at,
                        "IntegrationId: !Ref YourIntegration");
                idsByIntegration.computeIfAbsent(integration, key -> new ArrayList<>()).add(id);
            }
        }
        return idsByIntegration;
    }

    private IntegrationResponse read(String id) {
        String at = "Resources." + id + ".Properties";
        Map<String, Object> props = context.properties(id);
        String key = context.requiredString(props, "IntegrationResponseKey", at, "IntegrationResponseKey: $default, "
                + "or /regex/ matched against the status code");
        checkKey(key, at + ".IntegrationResponseKey");
        for (String unsupported : List.of("ContentHandlingStrategy", "ResponseParameters")) {
            Object value = context.resolve(props.get(unsupported), at + "." + unsupported);
            if (value != null && value != Intrinsics.NO_VALUE) {
                throw new TemplateProblem(at + "." + unsupported, unsupported + " is not emulated by ws-local "
                        + (unsupported.equals("ContentHandlingStrategy") ? "(binary conversions; ws-local accepts "
                        + "text frames only)" : "(a WebSocket client receives a frame's body, no headers)")
                        + ": remove it");
            }
        }
        Map<String, String> templates = new LinkedHashMap<>();
        for (Map.Entry<String, Object> entry : context.resolveMapping(props, "ResponseTemplates", at).entrySet()) {
            String tat = at + ".ResponseTemplates." + entry.getKey();
            String template = Intrinsics.text(entry.getValue(), tat);
            IntegrationsReader.checkMappingTemplate(mappingTemplates, tat, template);
            templates.put(entry.getKey(), template);
        }
        String selection = context.resolveString(props.get("TemplateSelectionExpression"),
                at + ".TemplateSelectionExpression");
        if (selection != null) {
            IntegrationsReader.checkSelectionExpression(selection, true, at + ".TemplateSelectionExpression");
        }
        return new IntegrationResponse(id, key, templates, selection);
    }

    private static void checkKey(String key, String location) {
        if (key.equals(IntegrationResponse.DEFAULT_KEY)) {
            return;
        }
        if (key.length() < 2 || !key.startsWith("/") || !key.endsWith("/")) {
            throw new TemplateProblem(location, "\"" + key + "\" is not an integration response key: use $default "
                    + "or a regular expression between slashes, e.g. /4\\d\\d/");
        }
        try {
            Pattern.compile(key.substring(1, key.length() - 1));
        } catch (PatternSyntaxException e) {
            throw new TemplateProblem(location, "\"" + key + "\" is not a valid regular expression: "
                    + e.getDescription());
        }
    }
}
