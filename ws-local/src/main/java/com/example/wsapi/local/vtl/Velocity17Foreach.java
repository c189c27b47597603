package com.example.wsapi.local.vtl;

import org.apache.velocity.context.InternalContextAdapter;
import org.apache.velocity.runtime.directive.Foreach;
import org.apache.velocity.runtime.directive.ForeachScope;
import org.apache.velocity.runtime.parser.node.Node;

import java.io.IOException;
import java.io.Writer;

/**
 * {@code #foreach} with Velocity 1.7's loop variables beside 2.x's {@code $foreach}: {@code $velocityCount} (1, 2, ...)
 * and {@code $velocityHasNext}, which templates written for API Gateway's (1.7) engine use; an inner loop's end puts
 * back the outer loop's values, as 1.7 did.
 */
public final class Velocity17Foreach extends Foreach {

    private static final String COUNT = "velocityCount";
    private static final String HAS_NEXT = "velocityHasNext";

    @Override
    protected void renderBlock(InternalContextAdapter context, Writer writer, Node block) throws IOException {
        showLoop(context);
        super.renderBlock(context, writer, block);
    }

    @Override
    protected void clean(InternalContextAdapter context, Object element) {
        super.clean(context, element);
        showLoop(context);
    }

    /** The 1.7 variables of the loop whose $foreach is in scope now; none outside every loop. */
    private void showLoop(InternalContextAdapter context) {
        if (context.get(getScopeName()) instanceof ForeachScope loop) {
            context.put(COUNT, loop.getCount());
            context.put(HAS_NEXT, loop.hasNext());
        } else {
            context.remove(COUNT);
            context.remove(HAS_NEXT);
        }
    }
}
