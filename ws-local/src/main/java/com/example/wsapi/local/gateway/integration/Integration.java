package com.example.wsapi.local.gateway.integration;

import java.util.concurrent.CompletableFuture;

/**
 * A route's integration as API Gateway runs it: what the backend receives for an event and what its answer means.
 * One implementation per {@code IntegrationType}, made from the template by {@link Integrations#create}; what the
 * client then gets (handshake, frame) is {@link ClientOutcome}'s.
 */
public interface Integration {

    /**
     * Calls the backend for one event. Completes on {@link IntegrationRequest#loop()}, never exceptionally and at the
     * latest after the integration's timeout; never blocks the calling event loop.
     */
    CompletableFuture<IntegrationAnswer> call(IntegrationRequest request);
}
