package com.example.wsapi.httpbackend;

/**
 * A request the backend cannot act on. It is answered with {@link #status()} and {@code {"message": ...}}, and
 * changes nothing. Messages never quote the request's content: they are logged.
 */
final class BadRequestException extends RuntimeException {

    private final int status;

    BadRequestException(int status, String message) {
        super(message, null, false, false);
        if (status < 400 || status > 499) {
            throw new IllegalArgumentException("a bad request is answered with a 4xx status, not " + status);
        }
        this.status = status;
    }

    static BadRequestException badRequest(String message) {
        return new BadRequestException(400, message);
    }

    int status() {
        return status;
    }
}
