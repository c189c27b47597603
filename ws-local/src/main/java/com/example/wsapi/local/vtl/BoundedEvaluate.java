package com.example.wsapi.local.vtl;

import org.apache.velocity.context.InternalContextAdapter;
import org.apache.velocity.exception.VelocityException;
import org.apache.velocity.runtime.directive.Evaluate;
import org.apache.velocity.runtime.parser.node.Node;
import org.apache.velocity.util.StringUtils;

import java.io.IOException;
import java.io.Writer;

/**
 * Velocity's {@code #evaluate}, nested at most {@value #MAX_DEPTH} deep: a string that evaluates itself fails at the
 * outermost {@code #evaluate}'s place instead of parsing itself until the stack overflows.
 */
public final class BoundedEvaluate extends Evaluate {

    static final int MAX_DEPTH = 10;

    /** The #evaluate calls this thread is in now: a rendering runs on one thread from start to end. */
    private static final ThreadLocal<Nesting> NESTING = ThreadLocal.withInitial(Nesting::new);

    @Override
    public boolean render(InternalContextAdapter context, Writer writer, Node node) throws IOException {
        Nesting nesting = NESTING.get();
        if (nesting.depth == 0) {
            nesting.outermost = StringUtils.formatFileString(this);
        } else if (nesting.depth >= MAX_DEPTH) {
            throw new VelocityException("#evaluate is nested more than " + MAX_DEPTH + " deep at " + nesting.outermost);
        }
        nesting.depth++;
        try {
            return super.render(context, writer, node);
        } finally {
            nesting.depth--;
        }
    }

    private static final class Nesting {
        int depth;
        String outermost;
    }
}
