package com.example.wsapi.local.vtl;

import java.util.LinkedHashMap;
import java.util.Map;

/** Renders templates as the gateway does: one {@link MappingTemplates}, inputs shaped like a message or a $connect. */
final class Templates {

    static final String NAME = "Resources.Integration.Properties.RequestTemplates.$default";

    private final MappingTemplates templates = new MappingTemplates();

    MappingTemplates engine() {
        return templates;
    }

    /** A template rendered for a message route: the frame as body, no headers, no query string. */
    String onMessage(String template, String frame) throws MappingTemplateException {
        return templates.render(NAME, template, new MappingInput(frame, Map.of(), Map.of(), context(), Map.of()));
    }

    String render(String template, MappingInput input) throws MappingTemplateException {
        return templates.render(NAME, template, input);
    }

    /** The failure a template gets, for a message route with this frame. */
    MappingTemplateException failure(String template, String frame) {
        try {
            String output = onMessage(template, frame);
            throw new AssertionError("expected the template to fail, it rendered: " + output);
        } catch (MappingTemplateException e) {
            return e;
        }
    }

    /** A message's $context, in the order API Gateway's own keys come. */
    static Map<String, Object> context() {
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("routeKey", "$default");
        context.put("eventType", "MESSAGE");
        context.put("connectionId", "BFHPhfCWIAMCKlQ=");
        context.put("identity", new LinkedHashMap<>(Map.of("sourceIp", "127.0.0.1")));
        return context;
    }
}
