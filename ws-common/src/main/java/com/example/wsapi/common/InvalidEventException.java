package com.example.wsapi.common;

/** The Lambda event lacks what API Gateway always sends: the function answers 400 instead of crashing. */
public class InvalidEventException extends RuntimeException {
    public InvalidEventException(String message) {
        super(message);
    }
}
