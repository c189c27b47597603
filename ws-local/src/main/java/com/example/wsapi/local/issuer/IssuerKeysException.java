package com.example.wsapi.local.issuer;

/** The development issuer's keys cannot be read or written; the message says what to do. */
public final class IssuerKeysException extends RuntimeException {
    IssuerKeysException(String message) {
        super(message);
    }

    IssuerKeysException(String message, Throwable cause) {
        super(message, cause);
    }
}
