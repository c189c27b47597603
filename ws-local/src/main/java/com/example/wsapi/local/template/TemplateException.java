package com.example.wsapi.local.template;

/** A template ws-local cannot run; the message names the file, the resource or property, and what to fix. */
public class TemplateException extends Exception {

    public TemplateException(String message) {
        super(message);
    }

    public TemplateException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Whether the problem is with the template's Parameters or the values given for them. */
    public boolean concernsParameters() {
        return getCause() instanceof TemplateProblem problem
                && (problem.location().equals("Parameters") || problem.location().startsWith("Parameters."));
    }
}
