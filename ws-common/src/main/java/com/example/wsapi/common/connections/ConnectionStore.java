package com.example.wsapi.common.connections;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The connection table in DynamoDB. Each write is one item operation, so nothing is ever half-written. */
public final class ConnectionStore {

    public static final String CONNECTION_ID = "connectionId";
    public static final String CONNECTED_AT = "connectedAt";
    public static final String SOURCE_IP = "sourceIp";
    public static final String USER_AGENT = "userAgent";
    public static final String EXPIRES_AT = "expiresAt";

    private final DynamoDbClient dynamo;
    private final String tableName;

    public ConnectionStore(DynamoDbClient dynamo, String tableName) {
        this.dynamo = dynamo;
        this.tableName = tableName;
    }

    public void save(Connection connection) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(CONNECTION_ID, s(connection.connectionId()));
        item.put(CONNECTED_AT, n(connection.connectedAt()));
        item.put(EXPIRES_AT, n(connection.expiresAt()));
        if (connection.sourceIp() != null) {
            item.put(SOURCE_IP, s(connection.sourceIp()));
        }
        if (connection.userAgent() != null) {
            item.put(USER_AGENT, s(connection.userAgent()));
        }
        dynamo.putItem(b -> b.tableName(tableName).item(item));
    }

    /** Deletes the record; deleting one that is already gone is fine. */
    public void remove(String connectionId) {
        dynamo.deleteItem(b -> b.tableName(tableName).key(key(connectionId)));
    }

    public Optional<Connection> find(String connectionId) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(tableName).key(key(connectionId))
                .consistentRead(true)).item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Connection(
                item.get(CONNECTION_ID).s(),
                Long.parseLong(item.get(CONNECTED_AT).n()),
                text(item.get(SOURCE_IP)),
                text(item.get(USER_AGENT)),
                Long.parseLong(item.get(EXPIRES_AT).n())));
    }

    public String tableName() {
        return tableName;
    }

    private static Map<String, AttributeValue> key(String connectionId) {
        return Map.of(CONNECTION_ID, s(connectionId));
    }

    private static AttributeValue s(String value) {
        return AttributeValue.builder().s(value).build();
    }

    private static AttributeValue n(long value) {
        return AttributeValue.builder().n(Long.toString(value)).build();
    }

    private static String text(AttributeValue value) {
        return value == null ? null : value.s();
    }
}
