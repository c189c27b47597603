package com.example.wsapi.common.connections;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;

/**
 * The connection table in DynamoDB. Each write is one item operation, so nothing is ever half-written.
 * Room membership is read from the {@value #ROOM_INDEX} index, never by scanning; every Query and Scan follows
 * LastEvaluatedKey to the end (the SDK's paginators), in pages of {@code pageSize} items when one is given.
 * Every failure, also one while a stream is read, is a {@link StoreFailedException} naming its cause.
 */
public final class ConnectionStore {

    public static final String CONNECTION_ID = "connectionId";
    public static final String CONNECTED_AT = "connectedAt";
    public static final String SOURCE_IP = "sourceIp";
    public static final String USER_AGENT = "userAgent";
    public static final String EXPIRES_AT = "expiresAt";
    public static final String ROOM = "room";
    public static final String NAME = "name";
    /** Global secondary index: partition key {@value #ROOM} (S), projection KEYS_ONLY (connectionId is all a broadcast needs). */
    public static final String ROOM_INDEX = "byRoom";

    private final DynamoDbClient dynamo;
    private final String tableName;
    private final Integer pageSize;
    private final String endpoint;

    /** A store whose failures name the endpoint only as "DynamoDB" (tools and tests). */
    public ConnectionStore(DynamoDbClient dynamo, String tableName) {
        this(dynamo, tableName, null, "DynamoDB");
    }

    /** A store whose failures name the endpoint only as "DynamoDB" (tools and tests). */
    public ConnectionStore(DynamoDbClient dynamo, String tableName, Integer pageSize) {
        this(dynamo, tableName, pageSize, "DynamoDB");
    }

    /**
     * @param pageSize items per Query/Scan page, or null for DynamoDB's own 1 MB pages
     * @param endpoint where {@code dynamo} sends its requests, for the messages of failures (see
     *                 {@link com.example.wsapi.common.AppConfig#dynamoDbEndpointName()})
     */
    public ConnectionStore(DynamoDbClient dynamo, String tableName, Integer pageSize, String endpoint) {
        if (pageSize != null && pageSize < 1) {
            throw new IllegalArgumentException("pageSize must be at least 1, got " + pageSize);
        }
        this.dynamo = dynamo;
        this.tableName = tableName;
        this.pageSize = pageSize;
        this.endpoint = endpoint;
    }

    public void save(Connection connection) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(CONNECTION_ID, s(connection.connectionId()));
        item.put(CONNECTED_AT, n(connection.connectedAt()));
        item.put(EXPIRES_AT, n(connection.expiresAt()));
        putIfPresent(item, SOURCE_IP, connection.sourceIp());
        putIfPresent(item, USER_AGENT, connection.userAgent());
        putIfPresent(item, ROOM, connection.room());
        putIfPresent(item, NAME, connection.name());
        try {
            dynamo.putItem(b -> b.tableName(tableName).item(item));
        } catch (SdkException e) {
            throw failure("PutItem", e);
        }
    }

    /**
     * Deletes the record; deleting one that is already gone is fine.
     *
     * @return the record as it was, or empty when there was none
     */
    public Optional<Connection> remove(String connectionId) {
        try {
            return toConnection(dynamo.deleteItem(b -> b.tableName(tableName).key(key(connectionId))
                    .returnValues(ReturnValue.ALL_OLD)).attributes());
        } catch (SdkException e) {
            throw failure("DeleteItem", e);
        }
    }

    public Optional<Connection> find(String connectionId) {
        try {
            return toConnection(dynamo.getItem(b -> b.tableName(tableName).key(key(connectionId))
                    .consistentRead(true)).item());
        } catch (SdkException e) {
            throw failure("GetItem", e);
        }
    }

    /**
     * Puts an existing connection into a room under a display name (leaving any room it was in). Never creates a
     * record: a connection without one (never stored, or already disconnected) stays without one.
     *
     * @return the record as it was before, or empty when there is no record (nothing was written)
     */
    public Optional<Connection> joinRoom(String connectionId, String room, String name) {
        try {
            return toConnection(dynamo.updateItem(b -> b.tableName(tableName).key(key(connectionId))
                    .updateExpression("SET #room = :room, #name = :name")
                    .conditionExpression("attribute_exists(#id)")
                    .expressionAttributeNames(Map.of("#room", ROOM, "#name", NAME, "#id", CONNECTION_ID))
                    .expressionAttributeValues(Map.of(":room", s(room), ":name", s(name)))
                    .returnValues(ReturnValue.ALL_OLD)).attributes());
        } catch (ConditionalCheckFailedException e) {
            return Optional.empty();
        } catch (SdkException e) {
            throw failure("UpdateItem", e);
        }
    }

    /**
     * Takes an existing connection out of its room; its record (and display name) stays, the connection being still
     * open. Never creates a record, and writes nothing when the connection is in no room.
     *
     * @return the record as it was before: with its room when it left one, with no room when it was in none (nothing
     *         was written); empty when there is no record
     */
    public Optional<Connection> leaveRoom(String connectionId) {
        try {
            return toConnection(dynamo.updateItem(b -> b.tableName(tableName).key(key(connectionId))
                    .updateExpression("REMOVE #room")
                    .conditionExpression("attribute_exists(#room)")
                    .expressionAttributeNames(Map.of("#room", ROOM))
                    .returnValues(ReturnValue.ALL_OLD)
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)).attributes());
        } catch (ConditionalCheckFailedException e) {
            // In no room, or no record at all: the item as it is tells which.
            return toConnection(e.item());
        }
    }

    /**
     * The ids of the connections in a room, read lazily page by page from the room index. The index is eventually
     * consistent: a connection that joined or left a moment ago may be missing or still listed.
     */
    public Stream<String> connectionIdsInRoom(String room) {
        return ids("Query", dynamo.queryPaginator(b -> b.tableName(tableName).indexName(ROOM_INDEX)
                        .keyConditionExpression("#room = :room")
                        .projectionExpression("#id")
                        .expressionAttributeNames(Map.of("#room", ROOM, "#id", CONNECTION_ID))
                        .expressionAttributeValues(Map.of(":room", s(room)))
                        .limit(pageSize))
                .items());
    }

    /** The ids of every stored connection, read lazily page by page with a Scan of the key only. */
    public Stream<String> allConnectionIds() {
        return ids("Scan", dynamo.scanPaginator(b -> b.tableName(tableName)
                        .projectionExpression("#id")
                        .expressionAttributeNames(Map.of("#id", CONNECTION_ID))
                        .limit(pageSize))
                .items());
    }

    public String tableName() {
        return tableName;
    }

    /**
     * The connection ids of a paginator's items, read lazily; a page that fails to load (when the stream is consumed,
     * not when it is made) fails as a {@link StoreFailedException} too.
     */
    private Stream<String> ids(String operation, Iterable<Map<String, AttributeValue>> items) {
        return StreamSupport.stream(new Spliterators.AbstractSpliterator<String>(Long.MAX_VALUE, Spliterator.ORDERED) {
            private Iterator<Map<String, AttributeValue>> pages; // made on first use: making it reads the first page

            @Override
            public boolean tryAdvance(Consumer<? super String> action) {
                Map<String, AttributeValue> item;
                try {
                    if (pages == null) {
                        pages = items.iterator();
                    }
                    if (!pages.hasNext()) {
                        return false;
                    }
                    item = pages.next();
                } catch (SdkException e) {
                    throw failure(operation, e);
                }
                action.accept(item.get(CONNECTION_ID).s());
                return true;
            }
        }, false);
    }

    private StoreFailedException failure(String operation, SdkException e) {
        return StoreFailedException.of(operation, tableName, endpoint, e);
    }

    private static Optional<Connection> toConnection(Map<String, AttributeValue> item) {
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Connection(
                item.get(CONNECTION_ID).s(),
                Long.parseLong(item.get(CONNECTED_AT).n()),
                text(item.get(SOURCE_IP)),
                text(item.get(USER_AGENT)),
                Long.parseLong(item.get(EXPIRES_AT).n()),
                text(item.get(ROOM)),
                text(item.get(NAME))));
    }

    private static void putIfPresent(Map<String, AttributeValue> item, String attribute, String value) {
        if (value != null) {
            item.put(attribute, s(value));
        }
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
