package com.example.wsapi.common.broadcast;

import java.time.Duration;

/**
 * What became of one broadcast.
 *
 * @param delivered    posts API Gateway accepted
 * @param gone         connections that answered 410; their records were removed
 * @param failed       posts that failed otherwise (throttled beyond every retry, forbidden, unreachable)
 * @param duration     from the first post to the last answer
 * @param firstProblem what went wrong first (a failed post, or a stale record that could not be removed), without
 *                     message bodies; null when nothing did
 */
public record BroadcastResult(int delivered, int gone, int failed, Duration duration, String firstProblem) {

    /** Nobody to send to. */
    public static final BroadcastResult NONE = new BroadcastResult(0, 0, 0, Duration.ZERO, null);

    /** Connections the broadcast was addressed to. */
    public int addressed() {
        return delivered + gone + failed;
    }

    /** One log line: counts and duration only. */
    public String summary() {
        return "delivered=" + delivered + " gone=" + gone + " failed=" + failed + " durationMs=" + duration.toMillis()
                + (firstProblem == null ? "" : " firstProblem=\"" + firstProblem + "\"");
    }
}
