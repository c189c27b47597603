package com.example.wsapi.local.vtl;

/**
 * API Gateway's mapping templates: Velocity (VTL) with {@code $input}, {@code $util}, {@code $context} and
 * {@code $stageVariables} as API Gateway defines them. One instance serves every template; thread-safe.
 *
 * <p>SKELETON: the API the gateway's integrations code against; the implementation is being written.
 */
public final class MappingTemplates {

    /**
     * Checks that a template parses, when the template file is read, so a broken one is reported before any request.
     *
     * @param name where the template is, e.g. {@code Resources.EchoIntegration.Properties.RequestTemplates.$default}
     */
    public void check(String name, String template) throws MappingTemplateException {
        throw new UnsupportedOperationException("mapping templates are not implemented yet");
    }

    /**
     * Renders a template.
     *
     * @param name where the template is (for messages)
     * @throws MappingTemplateException naming the template and the place when it does not parse or fails to render
     */
    public String render(String name, String template, MappingInput input) throws MappingTemplateException {
        throw new UnsupportedOperationException("mapping templates are not implemented yet");
    }
}
