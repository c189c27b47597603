package com.example.wsapi.local.gateway;

import com.example.wsapi.local.log.LogLine;
import com.example.wsapi.local.log.LogSink;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Says on the console, once per host and port, that {@link ApiHostProxy} could not reach a host for a function: the
 * function's SDK shows only "HTTP status code 502" (the proxy's explanation is in a body it does not print).
 */
final class ProxyFailures {

    private static final String ADVICE = "ws-local answers only the API's host and DynamoDB's itself: the calls of a "
            + "function to other hosts (other AWS services) go out as addressed, and fail offline; the function got a 502";

    private final LogSink log;
    private final Set<String> said = ConcurrentHashMap.newKeySet();

    ProxyFailures(LogSink log) {
        this.log = log;
    }

    /**
     * A function's request to {@code host}:{@code port} failed in the proxy because of {@code cause}; said the first
     * time for that host and port only (a retrying SDK would repeat it).
     */
    void unreachable(String host, int port, String cause) {
        if (said.add(host + ":" + port)) {
            log.line(LogLine.warning(null, "a function's call to " + host + ":" + port + " failed in ws-local's proxy: "
                    + cause, ADVICE));
        }
    }
}
