package com.example.wsapi.local.gateway.integration;

import com.example.wsapi.local.template.RequestTemplates;
import com.example.wsapi.local.vtl.MappingInput;
import com.example.wsapi.local.vtl.MappingTemplateException;
import com.example.wsapi.local.vtl.MappingTemplates;

/**
 * An integration's request templates: the {@code TemplateSelectionExpression} picks a template, else the
 * {@code $default} one; with neither, {@code PassthroughBehavior} decides whether the body passes unmapped.
 */
final class RequestMapping {

    private final String integration;
    private final RequestTemplates templates;
    private final MappingTemplates engine;

    /** @param integration the integration's logical id, naming its templates in messages */
    RequestMapping(String integration, RequestTemplates templates, MappingTemplates engine) {
        this.integration = integration;
        this.templates = templates;
        this.engine = engine;
    }

    /**
     * What the backend receives: the rendered template, or the request's body (null for none) passed through.
     *
     * @throws IntegrationFailure when no template is picked and the body may not pass, or the template fails
     */
    String body(IntegrationRequest request, MappingInput input) {
        String key = SelectionExpressions.evaluate(templates.selectionExpression(), request.body(), null, null);
        String template = templates.templates().get(key);
        if (template == null) {
            key = SelectionExpressions.DEFAULT;
            template = templates.templates().get(key);
        }
        if (template == null) {
            boolean passes = switch (templates.passthrough()) {
                case WHEN_NO_MATCH -> true;
                case WHEN_NO_TEMPLATES -> templates.templates().isEmpty();
                case NEVER -> false;
            };
            if (!passes) {
                // Unconfirmed: API Gateway's answer here is not documented for WebSocket APIs; a failed integration.
                throw new IntegrationFailure("no request template matches and PassthroughBehavior "
                        + templates.passthrough() + " lets no body pass");
            }
            return request.body();
        }
        String name = "Resources." + integration + ".Properties.RequestTemplates." + key;
        try {
            return engine.render(name, template, input);
        } catch (MappingTemplateException e) {
            throw new IntegrationFailure("the request template failed: " + e.getMessage());
        }
    }
}
