package com.example.wsapi.local.template;

import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Rewrites URLs of the API's execute-api host to the local gateway, with the stage it serves. */
final class EndpointRewriter {

    private final Pattern url;
    private final Set<String> templateStages;
    private final String stage;
    private final String localHttp;
    private final String localWs;

    /**
     * @param apiId          the API whose URLs are rewritten
     * @param templateStages the API's stage names in the template: a first path segment naming one becomes
     *                       {@code stage}
     * @param stage          the stage served
     */
    EndpointRewriter(String apiId, Set<String> templateStages, String stage, LocalSettings settings) {
        this.stage = stage;
        this.templateStages = Set.copyOf(templateStages);
        this.url = Pattern.compile("(?i)\\b(https|wss)://" + Pattern.quote(apiId)
                + "\\.execute-api\\.[a-z0-9-]+\\.amazonaws\\.com(?:\\.cn)?(?![\\w.-])(/[^/?#\\s\"']*)?");
        String local = settings.localEndpoint().toString().replaceAll("/+$", "");
        boolean secure = settings.localEndpoint().getScheme().equals("https");
        this.localHttp = local;
        this.localWs = (secure ? "wss" : "ws") + local.substring(local.indexOf(':'));
    }

    String toLocal(String value) {
        Matcher matcher = url.matcher(value);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String base = matcher.group(1).equalsIgnoreCase("https") ? localHttp : localWs;
            String firstSegment = matcher.group(2);
            if (firstSegment != null && templateStages.contains(firstSegment.substring(1))) {
                firstSegment = "/" + stage;
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(base + Objects.requireNonNullElse(firstSegment, "")));
        }
        matcher.appendTail(out);
        return out.toString();
    }
}
