package com.example.wsapi.local.template;

/**
 * An {@code Fn::ImportValue} where a value was needed: the output another stack exports, which ws-local, running no
 * other stacks, cannot know. A refusal wherever ws-local needs the value; where it only tells which API a resource
 * joins (its ApiId), the resource belongs to another stack's API ({@link ApiMembership}).
 */
final class ImportedValue extends TemplateProblem {

    private final String exportName;

    ImportedValue(String location, String exportName) {
        super(location, "Fn::ImportValue cannot be resolved locally (ws-local runs no other stacks): put the value in "
                + "a parameter and Ref it, or give that parameter an override");
        this.exportName = exportName;
    }

    /** The name of the export imported, as the template gives it (resolved). */
    String exportName() {
        return exportName;
    }
}
