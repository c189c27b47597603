package com.example.wsapi.local.gateway;

import com.example.wsapi.local.log.LogLine;
import com.example.wsapi.local.log.LogLine.Kind;
import com.example.wsapi.local.log.LogSink;
import com.example.wsapi.local.gateway.integration.IntegrationAnswer;
import com.example.wsapi.local.template.IntegrationSpec;
import java.util.Objects;

/**
 * The gateway's lines in ws-local's log: one per connection (its connect, or why it was refused, and its disconnect)
 * and one per message, with a failure's line saying what the client got and where to look; {@code @connections}
 * requests and the gateway's inner workings as detail. Connections are named by id only: nothing a client sends
 * (bodies, headers, query strings, close reasons) reaches the log; of an {@code @connections} request signed in a way
 * API Gateway refuses, its User-Agent's first word and the scope's service or region do (quoted and bounded), never a
 * credential. Each line is written from the thread that has the news and flushed (the console gathers flushes for a
 * few milliseconds), so a person watching sees a connection as it happens.
 */
final class GatewayLog {

    private final LogSink sink;

    GatewayLog(LogSink sink) {
        this.sink = Objects.requireNonNull(sink, "sink");
    }

    // ---- connections ----

    void connected(String connectionId, long millis) {
        write(LogLine.of(Kind.ACTIVITY, "connect connectionId=" + connectionId + " status=101 duration=" + millis
                + "ms"));
    }

    /**
     * A handshake refused: a warning, or an error when the gateway's side failed (5xx).
     *
     * @param why    what refused it, for the line
     * @param advice what the person can do
     */
    void refused(String connectionId, int status, long millis, String why, String advice) {
        String text = "connect connectionId=" + connectionId + " status=" + status + " duration=" + millis + "ms ("
                + why + ")";
        write(status >= 500 ? LogLine.error(null, text, advice) : LogLine.warning(null, text, advice));
    }

    void rateLimited(int perSecond) {
        write(LogLine.warning(null, "connect status=429 (more than " + perSecond + " new connections per second)",
                "API Gateway's rate limit refused the handshake: the client should retry after a moment"));
    }

    /** Without {@code $disconnect}, or before it was called. */
    void disconnected(String connectionId, int status, String reason, long connectedForMillis) {
        write(LogLine.of(Kind.ACTIVITY, disconnect(connectionId, status, reason, connectedForMillis)));
    }

    /** After {@code $disconnect} ran: {@code failure} is null when it succeeded, else what failed. */
    void disconnected(String connectionId, int status, String reason, long connectedForMillis, RouteBinding route,
                      String failure, long disconnectMillis) {
        String text = disconnect(connectionId, status, reason, connectedForMillis) + " $disconnect="
                + (failure == null ? "ok" : "failed: " + failure) + " (" + disconnectMillis + "ms)";
        write(failure == null ? LogLine.of(Kind.ACTIVITY, text) : LogLine.error(null, text,
                "the connection is gone either way ($disconnect is best effort); " + whereToLook(route)));
    }

    private static String disconnect(String connectionId, int status, String reason, long connectedForMillis) {
        return "disconnect connectionId=" + connectionId + " status=" + status + " reason=\"" + reason
                + "\" connectedFor=" + connectedForMillis + "ms";
    }

    // ---- messages ----

    void message(String connectionId, RouteBinding route, String outcome, long millis) {
        write(LogLine.of(Kind.ACTIVITY, "message connectionId=" + connectionId + " route=" + route.routeKey()
                + " outcome=" + outcome + " duration=" + millis + "ms"));
    }

    /**
     * The route's integration failed or timed out: the client got API Gateway's error frame, which carries the
     * request id (so the line has it too).
     */
    void messageFailed(String connectionId, String requestId, RouteBinding route, String outcome, long millis,
                       IntegrationAnswer answer) {
        boolean timedOut = answer instanceof IntegrationAnswer.TimedOut;
        write(LogLine.error(null, "message connectionId=" + connectionId + " requestId=" + requestId + " route="
                        + route.routeKey() + " outcome=" + outcome + " duration=" + millis + "ms",
                "the client got {\"message\": \"" + (timedOut ? "Endpoint request timed out" : "Internal server error")
                        + "\"}; " + whereToLook(route, answer)));
    }

    void unrouted(String connectionId, String requestId) {
        write(LogLine.warning(null, "message connectionId=" + connectionId + " requestId=" + requestId
                        + " route=(none) outcome=Forbidden",
                "no route matches the message and the API has no $default route: the client got {\"message\": "
                        + "\"Forbidden\"}; send a route key the API has, or add a $default route"));
    }

    // ---- @connections ----

    /**
     * An {@code @connections} request that API Gateway would refuse for how it is signed, the first of its kind from
     * its client ({@code client} names it, from its User-Agent): ws-local serves it all the same.
     */
    void connectionsNotSignedForAws(String method, ConnectionsSigning.Problem problem, String client) {
        write(LogLine.warning(null, "@connections " + method + " " + problem.what() + ", from " + client
                        + ": ws-local serves it, API Gateway would answer 403; this warning is not repeated for the "
                        + "client's later requests with the same problem", problem.fix()));
    }

    void connectionsSigningWarningsCapped(int warnings) {
        write(LogLine.warning(null, "@connections: " + warnings + " signing warnings so far; further ones (other "
                + "clients or problems) are not shown", "fix the signing problems warned above first"));
    }

    // ---- the rest ----

    /** What the gateway does inside: shown with --verbose. */
    void detail(String text) {
        write(LogLine.of(Kind.DETAIL, text));
    }

    void warning(String text, String advice) {
        write(LogLine.warning(null, text, advice));
    }

    /** What the integration knows of its failure (e.g. what was wrong with an answer), else where to look. */
    static String whereToLook(RouteBinding route, IntegrationAnswer answer) {
        if (answer instanceof IntegrationAnswer.Failed failed && failed.advice() != null) {
            return failed.advice();
        }
        return whereToLook(route);
    }

    /**
     * Where a {@code $connect} that answered {@code status} (not 2xx) chose it: the function or backend answered so
     * itself (below 500 no failure at all), so its lines are only where it may have said why.
     */
    static String connectAnswered(RouteBinding route, int status) {
        String choice = " itself (the client got " + status + "): " + (status < 500 ? "its choice, not a failure; "
                : "a failure it reported, not one of the gateway; ");
        if (route.integration() instanceof IntegrationSpec.CallsFunction calls) {
            return calls.functionLogicalId() + " answered statusCode " + status + choice
                    + "its own lines are where it may have said why";
        }
        if (route.integration() instanceof IntegrationSpec.CallsHttp http) {
            return "the backend (" + http.method() + " " + http.uri() + ") answered " + status + choice
                    + "the backend's own log is where it may have said why";
        }
        return "the route's MOCK integration answered " + status + ": its request template chose that statusCode";
    }

    /** Where the cause of a route's failure shows: its function's lines, or its backend. */
    static String whereToLook(RouteBinding route) {
        if (route == null) {
            return "check the route's integration in the template";
        }
        if (route.integration() instanceof IntegrationSpec.CallsFunction calls) {
            return calls.functionLogicalId() + "'s own lines say why";
        }
        if (route.integration() instanceof IntegrationSpec.CallsHttp http) {
            return "check the backend (" + http.method() + " " + http.uri() + ") and the route's integration";
        }
        return "check the route's integration in the template";
    }

    private void write(LogLine line) {
        sink.line(line);
        sink.flush();
    }
}
