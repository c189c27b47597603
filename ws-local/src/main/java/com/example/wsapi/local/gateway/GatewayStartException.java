package com.example.wsapi.local.gateway;

/** The gateway could not start: the message says what to fix (a port in use, an invalid setting). */
public final class GatewayStartException extends Exception {

    public GatewayStartException(String message) {
        super(message);
    }

    public GatewayStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
