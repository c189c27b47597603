package com.example.wsapi.local.template;

/**
 * One entry of an integration's {@code RequestParameters}: where a value goes in the backend request, and where it
 * comes from.
 *
 * @param target where it goes
 * @param name   the header or query parameter name
 * @param source as written: {@code route.request.header.X}, {@code route.request.querystring.X},
 *               {@code route.request.body.<path>}, {@code context.X}, {@code stageVariables.X} or {@code 'literal'}
 */
public record RequestParameter(Target target, String name, String source) {

    /** Where a mapped value goes. */
    public enum Target {
        /** {@code integration.request.header.<name>} */
        HEADER,
        /** {@code integration.request.querystring.<name>} */
        QUERYSTRING
    }

    /** True when the source reads the handshake ({@code route.request.header/querystring}), which only $connect has. */
    public boolean readsHandshake() {
        return source.startsWith("route.request.header.") || source.startsWith("route.request.querystring.");
    }
}
