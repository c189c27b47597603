package com.example.wsapi.local.template;

import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Points URLs of the API's execute-api host in function environment values at the stage ws-local serves. An
 * {@code https://} URL becomes the local gateway's ({@code http://127.0.0.1:<port>}), which every HTTP client
 * reaches. A {@code wss://} URL (what {@code !GetAtt Api.ApiEndpoint} gives) keeps its scheme and the API's host, in
 * the served region: code turns it into the {@code @connections} endpoint by string surgery on {@code wss://}
 * ({@code replace("wss://", "https://")}, {@code substring(6)}), which a {@code ws://127.0.0.1} URL defeats, and the
 * functions' proxy answers that host for HTTPS and WebSocket alike.
 */
final class EndpointRewriter {

    private final Pattern url;
    private final Set<String> templateStages;
    private final String stage;
    private final String localHttp;
    private final String apiHost;

    /**
     * @param apiId          the API whose URLs are rewritten
     * @param templateStages the API's stage names in the template: a first path segment naming one becomes
     *                       {@code stage}
     * @param stage          the stage served
     * @param settings       the local gateway's endpoint, and the region the API is served in
     */
    EndpointRewriter(String apiId, Set<String> templateStages, String stage, LocalSettings settings) {
        this.stage = stage;
        this.templateStages = Set.copyOf(templateStages);
        this.url = Pattern.compile("(?i)\\b(https|wss)://" + Pattern.quote(apiId)
                + "\\.execute-api\\.[a-z0-9-]+\\.amazonaws\\.com(?:\\.cn)?(?![\\w.-])(/[^/?#\\s\"']*)?");
        this.localHttp = settings.localEndpoint().toString().replaceAll("/+$", "");
        // The host the functions' proxy answers (GatewaySettings.domainName): a URL naming another region gets it.
        this.apiHost = apiId + ".execute-api." + settings.region() + ".amazonaws.com";
    }

    String toLocal(String value) {
        Matcher matcher = url.matcher(value);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String base = matcher.group(1).equalsIgnoreCase("https") ? localHttp : "wss://" + apiHost;
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
