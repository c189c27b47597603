package com.example.wsapi.local;

/** ws-local cannot run as asked; the message says what to fix. */
public final class LocalApiException extends Exception {
    public LocalApiException(String message) {
        super(message);
    }

    public LocalApiException(String message, Throwable cause) {
        super(message, cause);
    }
}
