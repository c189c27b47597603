package com.example.wsapi.local.storage;

/** DynamoDB Local could not be started, stopped, or given the template's tables; the message says what to fix. */
public final class StorageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StorageException(String message) {
        super(message);
    }

    public StorageException(String message, Throwable cause) {
        super(message, cause);
    }
}
