package com.example.wsapi.local.template;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * GetAtt values ws-local cannot know (a custom resource's attribute, a client secret, ...): each gets a local
 * placeholder instead of stopping the start, and the banner lists them in one note, so a function that reads one
 * is not left guessing why it sees {@code Thing.Attr-LOCAL}.
 */
final class LocalPlaceholders {

    private record Use(String where, String resource, String attribute, String type, String value) {}

    /** By location: a value read twice is listed once. */
    private final Map<String, Use> uses = new LinkedHashMap<>();

    /** The placeholder of {@code resource.attribute} read at {@code location}, remembered for the note. */
    String placeholder(String resource, String attribute, String type, String location) {
        String value = resource + "." + attribute + "-LOCAL";
        uses.putIfAbsent(location, new Use(where(location), resource, attribute, type, value));
        return value;
    }

    /** One note listing every placeholder given, or none. */
    List<String> notes() {
        if (uses.isEmpty()) {
            return List.of();
        }
        List<String> items = new ArrayList<>();
        for (Use use : uses.values()) {
            items.add(use.where() + " is GetAtt " + use.resource() + "." + use.attribute() + " (" + use.type()
                    + "), which ws-local cannot know: it gets \"" + use.value() + "\"");
        }
        return List.of(String.join("; ", items) + ". Set " + (items.size() == 1 ? "it" : "each") + " with a parameter "
                + "if the function needs a real value");
    }

    /**
     * A location said the short way: {@code Resources.Fn.Properties.Environment.Variables.QUEUE.Fn::GetAtt} is
     * {@code Fn Environment QUEUE}.
     */
    static String where(String location) {
        int function = location.indexOf(".Fn::");
        String at = function > 0 ? location.substring(0, function) : location;
        if (at.startsWith("Resources.")) {
            at = at.substring("Resources.".length()).replaceFirst("\\.Properties\\.", " ");
        }
        return at.replaceFirst(" Environment\\.Variables\\.", " Environment ");
    }
}
