package com.example.wsapi.local.gateway;

import com.example.wsapi.local.log.LogQuote;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.QueryStringDecoder;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Warns when an {@code @connections} request would be refused on AWS for how it is signed: API Gateway wants every one
 * signed with SigV4 for the service {@code execute-api} in the API's region, and answers 403 otherwise. ws-local
 * accepts them all (it cannot verify a signature without the signer's secret key, and unsigned posts are handy
 * locally), so a backend that posts unsigned, or signs for another service or region, would pass here and fail there:
 * each such problem is warned once per client, so that a load of posts does not flood the console. A client is named
 * by its User-Agent's first word ({@code aws-cli/1.45.11}, {@code aws-sdk-java/2.35.10}, {@code curl/8.5.0}): the rest
 * may change from one request to the next (the AWS CLI lists the features it used in a random order).
 */
final class ConnectionsSigning {

    /** The service {@code @connections} requests are signed for. */
    static final String SERVICE = "execute-api";
    /** How many problem and client pairs are warned at most; past that, one line says more are not shown. */
    static final int MAX_WARNINGS = 32;

    /** What is wrong with a request's signing for AWS: {@code what} for the line, {@code fix} for its advice. */
    record Problem(String what, String fix) {}

    private final String region;
    private final GatewayLog log;
    /** The problems warned, each with its client. */
    private final Set<String> warned = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean overflowWarned = new AtomicBoolean();

    ConnectionsSigning(String region, GatewayLog log) {
        this.region = region;
        this.log = log;
    }

    /** Warns about the request's signing problem, unless it was warned for its client already. */
    void check(HttpRequest request) {
        String authorization = request.headers().get(HttpHeaderNames.AUTHORIZATION);
        // Every echo posts here: the query is decoded only for a request without the header, as a presigned one is.
        Problem problem = problem(authorization, authorization != null ? Map.of()
                : new QueryStringDecoder(request.uri()).parameters(), region);
        if (problem == null) {
            return;
        }
        String client = client(request.headers().get(HttpHeaderNames.USER_AGENT));
        String key = problem.what() + "\n" + client;
        if (warned.contains(key)) {
            return;
        }
        if (warned.size() >= MAX_WARNINGS) {
            if (overflowWarned.compareAndSet(false, true)) {
                log.connectionsSigningWarningsCapped(MAX_WARNINGS);
            }
            return;
        }
        if (warned.add(key)) {
            log.connectionsNotSignedForAws(request.method().name(), problem, client);
        }
    }

    /** The client for the log: its User-Agent's first word, quoted, or that it sent none. */
    static String client(String userAgent) {
        String[] words = userAgent == null ? new String[0] : userAgent.strip().split("\\s+", 2);
        if (words.length == 0 || words[0].isEmpty()) {
            return "a client without User-Agent";
        }
        return LogQuote.of(words[0]) + " (its User-Agent's first word)";
    }

    /**
     * What API Gateway would refuse in a request's signing, or null when it is signed with SigV4 for
     * {@code execute-api} in {@code region} (the signature itself is not checked).
     *
     * @param authorization the {@code Authorization} header, or null
     * @param query         the decoded query parameters, for a presigned URL's {@code X-Amz-Credential}
     */
    static Problem problem(String authorization, Map<String, List<String>> query, String region) {
        SigV4Scope scope;
        try {
            if (authorization != null) {
                scope = SigV4Scope.fromAuthorization(authorization);
            } else if (query.containsKey("X-Amz-Signature")) {
                List<String> credential = query.get("X-Amz-Credential");
                if (credential == null) {
                    throw new IllegalArgumentException("it has X-Amz-Signature but no X-Amz-Credential");
                }
                scope = SigV4Scope.fromCredential(credential.get(0));
            } else {
                return new Problem("is not signed (no SigV4 Authorization header, no X-Amz-Signature query "
                        + "parameter)", signWith(region));
            }
        } catch (IllegalArgumentException malformed) {
            return new Problem("is not signed with SigV4 (" + (authorization != null ? "the Authorization header"
                    : "the presigned URL") + " is not SigV4's: " + malformed.getMessage() + ")", signWith(region));
        }
        if (!scope.service().equals(SERVICE)) {
            return new Problem("is signed for the service " + LogQuote.of(scope.service()) + ", not " + SERVICE,
                    "sign @connections requests for the service " + SERVICE + " (API Gateway answers "
                            + "'Credential should be scoped to correct service: 'execute-api''; apigateway is the "
                            + "signing name of API Gateway's own management API, not of @connections)");
        }
        if (!scope.region().equals(region)) {
            return new Problem("is signed for the region " + LogQuote.of(scope.region()) + ", not " + region
                    + " (this API's: ws-local's --region)", "sign @connections requests for the region in the API's "
                    + "URL, https://{api-id}.execute-api.{region}.amazonaws.com: the client's region must be the "
                    + "API's (run ws-local with --region " + scope.region() + " if that is where the API is)");
        }
        return null;
    }

    private static String signWith(String region) {
        return "sign @connections requests with SigV4 for the service " + SERVICE + " in the API's region ("
                + region + " here), as the AWS SDKs' API Gateway Management API client does";
    }
}
