package com.example.wsapi.local.template;

/**
 * A problem found while reading a template, before the file name is known to the code that found it;
 * {@link TemplateLoader} turns it into a {@link TemplateException}.
 */
final class TemplateProblem extends RuntimeException {

    /** @param location where in the template, e.g. {@code Resources.EchoFunction.Properties.CodeUri} */
    TemplateProblem(String location, String message) {
        super(location + ": " + message);
    }
}
