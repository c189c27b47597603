package com.example.wsapi.local.gateway.integration;

/** How an integration ended: the backend answered, the integration failed, or it ran past its timeout. */
public sealed interface IntegrationAnswer {

    /** What happened, for the gateway's log: no client data. */
    String detail();

    /**
     * The backend answered.
     *
     * @param status      the status that decides a handshake (the backend's, a proxy response's statusCode, MOCK's)
     * @param subprotocol the {@code Sec-WebSocket-Protocol} the backend chose for a handshake, or null
     * @param reply       what a two-way route sends the client, or null for nothing
     */
    record Answered(int status, String subprotocol, String reply, String detail) implements IntegrationAnswer {}

    /**
     * The integration failed (unreachable, errored, unusable answer): an error frame, or 502 for a handshake.
     *
     * @param advice what the person should do, where the integration knows it (e.g. what was wrong with a function's
     *               answer); null to point at the route's function or backend
     */
    record Failed(String detail, String advice) implements IntegrationAnswer {
        public Failed(String detail) {
            this(detail, null);
        }
    }

    /** No answer within the integration's timeout. */
    record TimedOut(String detail) implements IntegrationAnswer {}
}
