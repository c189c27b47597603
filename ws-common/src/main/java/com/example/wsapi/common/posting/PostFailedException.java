package com.example.wsapi.common.posting;

/** A post failed for a reason other than the connection being gone (after the SDK's own retries). */
public class PostFailedException extends RuntimeException {
    private final int statusCode;

    public PostFailedException(String connectionId, int statusCode, Throwable cause) {
        super("posting to connection " + connectionId + " failed"
                + (statusCode > 0 ? " with HTTP " + statusCode : "") + ": " + cause.getMessage(), cause);
        this.statusCode = statusCode;
    }

    /** The HTTP status API Gateway answered, or 0 when there was no answer. */
    public int statusCode() {
        return statusCode;
    }
}
