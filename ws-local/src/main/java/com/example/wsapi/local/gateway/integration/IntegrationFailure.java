package com.example.wsapi.local.gateway.integration;

/**
 * The integration fails before or after its backend: a request without a template where none may pass, a mapping
 * template that fails to render, an answer no integration response takes. The message is for the log.
 */
final class IntegrationFailure extends RuntimeException {

    IntegrationFailure(String message) {
        super(message, null, false, false);
    }
}
