package com.example.wsapi.local.template;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The resources CloudFormation creates before a given one: those its {@code DependsOn} names and those its properties
 * name in a {@code Ref}, {@code Fn::GetAtt} or {@code Fn::Sub}, and theirs in turn. Any other resource may be created
 * before or after it, in parallel.
 */
final class ResourceDependencies {

    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^}!][^}]*)}");

    private final TemplateContext context;

    ResourceDependencies(TemplateContext context) {
        this.context = context;
    }

    /** Every resource {@code id} waits for, directly or through others. */
    Set<String> of(String id) {
        Set<String> found = new LinkedHashSet<>();
        Deque<String> pending = new ArrayDeque<>(List.of(id));
        while (!pending.isEmpty()) {
            String next = pending.pop();
            Set<String> direct = new LinkedHashSet<>(context.dependsOn(next));
            named(context.properties(next), direct);
            for (String dependency : direct) {
                if (context.typeIfActive(dependency) != null && found.add(dependency)) {
                    pending.push(dependency);
                }
            }
        }
        return found;
    }

    /** Adds the logical ids a value names; SAM's {@code Fn.Alias} names {@code Fn}. Parameters are dropped later. */
    private static void named(Object value, Set<String> into) {
        if (value instanceof List<?> list) {
            list.forEach(item -> named(item, into));
            return;
        }
        if (!(value instanceof Map<?, ?> map)) {
            return;
        }
        if (map.size() == 1 && map.get("Ref") instanceof String name) {
            into.add(name.split("\\.", 2)[0]);
            return;
        }
        Object getAtt = map.get("Fn::GetAtt");
        if (map.size() == 1 && getAtt != null) {
            Object resource = getAtt instanceof String text ? text.split("\\.", 2)[0]
                    : getAtt instanceof List<?> list && !list.isEmpty() ? list.get(0) : null;
            if (resource instanceof String name) {
                into.add(name);
            }
            return;
        }
        Object sub = map.get("Fn::Sub");
        if (map.size() == 1 && sub != null) {
            Object text = sub instanceof List<?> list && !list.isEmpty() ? list.get(0) : sub;
            if (text instanceof String template) {
                Matcher variable = SUB_VARIABLE.matcher(template);
                while (variable.find()) {
                    into.add(variable.group(1).trim().split("\\.", 2)[0]);
                }
            }
            if (sub instanceof List<?> list && list.size() > 1) {
                named(list.get(1), into);
            }
            return;
        }
        map.values().forEach(item -> named(item, into));
    }
}
