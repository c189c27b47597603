package com.example.wsapi.local.gateway.integration;

import com.example.wsapi.local.template.IntegrationResponse;
import com.example.wsapi.local.vtl.MappingInput;
import com.example.wsapi.local.vtl.MappingTemplateException;
import com.example.wsapi.local.vtl.MappingTemplates;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * An integration's responses: the one whose {@code /regex/} key matches the selection value (the status code, or a
 * function's {@code errorMessage}), else the {@code $default} one; then its response template, picked by its
 * {@code TemplateSelectionExpression}, renders the reply.
 */
final class ResponseMapping {

    private record Keyed(IntegrationResponse response, Pattern pattern) {}

    private final List<Keyed> responses = new ArrayList<>();
    private final MappingTemplates engine;

    ResponseMapping(List<IntegrationResponse> responses, MappingTemplates engine) {
        for (IntegrationResponse response : responses) {
            this.responses.add(new Keyed(response, response.regex() == null ? null : Pattern.compile(response.regex())));
        }
        this.engine = engine;
    }

    /**
     * The reply for an answer.
     *
     * @param selectionValue matched against the {@code /regex/} keys; null to take the {@code $default} response only
     * @param input          the template's input: {@code $input.body} is the backend's answer
     * @param response       the backend's HTTP response, for {@code ${integration.response.header.X}}, or null
     * @param status         the integration's status, for {@code ${integration.response.statuscode}}
     * @param requestBody    the request's body, for {@code ${request.body.X}}
     * @return the reply: the rendered template, or the answer unchanged when the response has no templates; null when
     *         that is empty (unconfirmed: an empty reply sends no frame)
     * @throws IntegrationFailure when no integration response takes the answer, or its template fails
     */
    String reply(String selectionValue, MappingInput input, BackendResponse response, int status, String requestBody) {
        IntegrationResponse chosen = choose(selectionValue);
        if (chosen == null) {
            // Unconfirmed for WebSocket APIs: a REST API fails so ("no match for output mapping and no default").
            throw new IntegrationFailure("no integration response matches " + (selectionValue == null ? "the answer"
                    : "\"" + selectionValue + "\"") + " and there is no $default integration response");
        }
        if (chosen.templates().isEmpty()) {
            return nullIfEmpty(input.body());
        }
        String key = SelectionExpressions.evaluate(chosen.templateSelectionExpression(), requestBody, response, status);
        String template = chosen.templates().get(key);
        if (template == null) {
            key = SelectionExpressions.DEFAULT;
            template = chosen.templates().get(key);
        }
        if (template == null) {
            // Unconfirmed: with templates but none picked, the answer passes unchanged (as without templates).
            return nullIfEmpty(input.body());
        }
        String name = "Resources." + chosen.logicalId() + ".Properties.ResponseTemplates." + key;
        try {
            return nullIfEmpty(engine.render(name, template, input));
        } catch (MappingTemplateException e) {
            throw new IntegrationFailure("the response template failed: " + e.getMessage());
        }
    }

    private static String nullIfEmpty(String reply) {
        return reply == null || reply.isEmpty() ? null : reply;
    }

    /** The first {@code /regex/} response (template order) matching the whole value, else {@code $default}, or null. */
    private IntegrationResponse choose(String selectionValue) {
        IntegrationResponse fallback = null;
        for (Keyed keyed : responses) {
            if (keyed.pattern() == null) {
                fallback = keyed.response();
            } else if (selectionValue != null && keyed.pattern().matcher(selectionValue).matches()) {
                // Unconfirmed: the whole value must match (as REST APIs' selection patterns), first key in template order.
                return keyed.response();
            }
        }
        return fallback;
    }
}
