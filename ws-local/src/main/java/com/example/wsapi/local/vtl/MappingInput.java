package com.example.wsapi.local.vtl;

import java.util.Map;

/**
 * Everything a mapping template sees of one request or integration response: {@code $input}, {@code $context} and
 * {@code $stageVariables}.
 *
 * @param body           what {@code $input.body} is: the frame as received (JSON or not) for a request template, the
 *                       backend's response body for a response template; null or empty (no body, e.g. on
 *                       {@code $connect}) renders as {@code {}}, as API Gateway renders an empty body
 * @param headers        the request's headers, for {@code $input.params()} (only {@code $connect} has any)
 * @param queryString    the query string's parameters, for {@code $input.params()} (only {@code $connect} has any)
 * @param context        {@code $context}: {@code connectionId}, {@code routeKey}, ... with nested maps for
 *                       {@code identity}, {@code authorizer} and {@code error}; iteration order is the order
 *                       {@code $context} prints in
 * @param stageVariables {@code $stageVariables}
 */
public record MappingInput(String body, Map<String, String> headers, Map<String, String> queryString,
                           Map<String, Object> context, Map<String, String> stageVariables) {}
