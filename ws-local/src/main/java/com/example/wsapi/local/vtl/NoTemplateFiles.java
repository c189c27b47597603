package com.example.wsapi.local.vtl;

import org.apache.velocity.context.InternalContextAdapter;
import org.apache.velocity.exception.TemplateInitException;
import org.apache.velocity.runtime.RuntimeServices;
import org.apache.velocity.runtime.directive.Directive;
import org.apache.velocity.runtime.directive.DirectiveConstants;
import org.apache.velocity.runtime.parser.node.Node;

import java.io.Writer;

/**
 * Takes the place of Velocity's {@code #parse} and {@code #include}: a mapping template is the whole template, it
 * reads no files and no other template, so a template that uses either is rejected when it is read, at its place.
 */
public abstract class NoTemplateFiles extends Directive {

    @Override
    public int getType() {
        return DirectiveConstants.LINE;
    }

    @Override
    public void init(RuntimeServices services, InternalContextAdapter context, Node node) throws TemplateInitException {
        throw new TemplateInitException("#" + getName() + " is not available: a mapping template cannot read files "
                + "or other templates", getTemplateName(), getColumn(), getLine());
    }

    @Override
    public boolean render(InternalContextAdapter context, Writer writer, Node node) {
        throw new IllegalStateException("#" + getName() + " is rejected when its template is read");
    }

    /** Replaces {@code #parse}. */
    public static final class NoParse extends NoTemplateFiles {
        @Override
        public String getName() {
            return "parse";
        }
    }

    /** Replaces {@code #include}. */
    public static final class NoInclude extends NoTemplateFiles {
        @Override
        public String getName() {
            return "include";
        }
    }
}
