package com.example.wsapi.local.template;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An integration's request mapping: {@code RequestTemplates}, the {@code TemplateSelectionExpression} that picks one,
 * and the {@code PassthroughBehavior} when none is picked.
 *
 * @param templates           by key (e.g. {@code $default}), in template order
 * @param selectionExpression a static key, {@code ${request.body.<path>}} or {@code \$default}; null when absent
 * @param passthrough         what happens when no template is picked
 */
public record RequestTemplates(Map<String, String> templates, String selectionExpression,
                               PassthroughBehavior passthrough) {

    public RequestTemplates {
        templates = Collections.unmodifiableMap(new LinkedHashMap<>(templates));
    }

    /** No templates, passthrough when no match: API Gateway's defaults. */
    public static final RequestTemplates NONE = new RequestTemplates(Map.of(), null, PassthroughBehavior.WHEN_NO_MATCH);

    /** {@code PassthroughBehavior}: whether the body passes unmapped when no request template is picked. */
    public enum PassthroughBehavior {
        /** The body passes when no template is picked (API Gateway's default). */
        WHEN_NO_MATCH,
        /** The body passes only when the integration has no templates at all. */
        WHEN_NO_TEMPLATES,
        /** The body never passes: a request without a picked template is rejected. */
        NEVER
    }
}
