package com.example.wsapi.local.template;

/**
 * A problem found while reading a template, before the file name is known to the code that found it;
 * {@link TemplateLoader} turns it into a {@link TemplateException}.
 */
class TemplateProblem extends RuntimeException {

    private final String location;

    /** @param location where in the template, e.g. {@code Resources.EchoFunction.Properties.CodeUri} */
    TemplateProblem(String location, String message) {
        super(location + ": " + message);
        this.location = location;
    }

    /** Where in the template, e.g. {@code Resources.EchoFunction.Properties.CodeUri}. */
    String location() {
        return location;
    }
}
