package com.example.wsapi.common.connections;

/**
 * One WebSocket connection as stored in the connection table.
 *
 * @param connectionId API Gateway's connection id, the table's key
 * @param connectedAt  epoch millis of the handshake
 * @param sourceIp     the client's address, or null
 * @param userAgent    the client's User-Agent, or null when it sent none
 * @param expiresAt    epoch seconds after which DynamoDB's TTL may delete the record
 * @param room         the chat room joined with joinroom, or null when in none
 * @param name         the display name given with joinroom, or null when it never joined a room
 */
public record Connection(String connectionId, long connectedAt, String sourceIp, String userAgent, long expiresAt,
                         String room, String name) {

    /** How others see this connection: its display name, else its connection id. */
    public String displayName() {
        return name != null ? name : connectionId;
    }
}
