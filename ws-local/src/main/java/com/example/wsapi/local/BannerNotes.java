package com.example.wsapi.local;

import com.example.wsapi.local.template.IntegrationSpec;
import com.example.wsapi.local.template.LambdaFunction;
import com.example.wsapi.local.template.Route;
import com.example.wsapi.local.template.SamTemplate;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The banner's notes: what ws-local runs although it would not work the same on AWS. The template's own notes
 * ({@link SamTemplate#notes()}), and routed functions that may post to {@code @connections} (their policies allow
 * {@code execute-api:ManageConnections}) but have no environment variable holding the API's URL, which ws-local
 * would point at itself. Such a function, like most published samples, builds the endpoint from the event's
 * {@code domainName} and {@code stage}: AWS's host, which reaches ws-local only through the HTTPS proxy function JVMs
 * are given ({@link ApiHostRouting}), which the SDK's url-connection client and the JDK's HTTPS clients use but its
 * Apache and Netty clients do not (they read {@code http.proxyHost} only); their posts would leave the machine (or
 * hang offline), and nothing else would say why the clients get nothing.
 */
final class BannerNotes {

    /** The banner's width: notes are wrapped to it. */
    private static final int WIDTH = 118;

    private BannerNotes() {}

    /**
     * @param connections the local {@code @connections} URL, e.g. {@code http://127.0.0.1:3001/dev/@connections}
     * @return the notes' lines, each note after an empty line, or an empty string when there is none
     */
    static String of(SamTemplate template, URI connections) {
        StringBuilder notes = new StringBuilder(connectionsEndpoint(template, connections));
        for (String note : template.notes()) {
            notes.append(String.format("%n")).append(wrap("Note: " + note));
        }
        return notes.toString();
    }

    /** The note on functions that may post to @connections with no local endpoint, or an empty string. */
    static String connectionsEndpoint(SamTemplate template, URI connections) {
        Set<String> routed = new LinkedHashSet<>();
        for (Route route : template.api().routes()) {
            if (route.integration() instanceof IntegrationSpec.CallsFunction calls) {
                routed.add(calls.functionLogicalId());
            }
        }
        List<String> without = new ArrayList<>();
        for (String id : routed) {
            LambdaFunction function = template.functions().get(id);
            if (function != null && function.managesConnections() && !holdsLocalUrl(function, connections)) {
                without.add(id);
            }
        }
        if (without.isEmpty()) {
            return "";
        }
        String stageUrl = connections.toString().substring(0, connections.toString().lastIndexOf("/@connections"));
        return String.format("%nNote: %s may post to @connections (%s policies allow execute-api:ManageConnections), but "
                        + "no variable of %s Environment holds the API's URL.%n"
                        + "      An endpoint built from the event's domainName and stage reaches ws-local through its HTTPS "
                        + "proxy with the%n"
                        + "      SDK's url-connection client; the SDK's Apache and Netty clients ignore that proxy and "
                        + "post to AWS: with them,%n"
                        + "      set a variable, e.g. CONNECTIONS_ENDPOINT: !Sub https://${%s}.execute-api.${AWS::Region}"
                        + ".amazonaws.com/%s%n"
                        + "      (ws-local points it at %s) and build the @connections client with that endpoint.%n",
                String.join(", ", without), without.size() == 1 ? "its" : "their",
                without.size() == 1 ? "its" : "their", template.api().logicalId(), template.api().stageName(),
                stageUrl);
    }

    /** Words of {@code text} in lines of at most {@link #WIDTH} characters, the later ones indented. */
    static String wrap(String text) {
        StringBuilder out = new StringBuilder();
        StringBuilder line = new StringBuilder();
        boolean empty = true;
        for (String word : text.split(" ")) {
            if (!empty && line.length() + 1 + word.length() > WIDTH) {
                out.append(line).append(String.format("%n"));
                line.setLength(0);
                line.append("      ");
                empty = true;
            }
            line.append(empty ? "" : " ").append(word);
            empty = false;
        }
        return out.append(line).append(String.format("%n")).toString();
    }

    /** Whether an environment value holds a URL of the local gateway (an API URL ws-local rewrote, or written so). */
    private static boolean holdsLocalUrl(LambdaFunction function, URI connections) {
        String authority = "://" + connections.getRawAuthority();
        return function.environment().values().stream().anyMatch(value -> value.contains(authority));
    }
}
