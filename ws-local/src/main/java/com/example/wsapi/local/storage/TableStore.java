package com.example.wsapi.local.storage;

import com.example.wsapi.local.template.Table;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.net.URI;
import java.util.List;

/**
 * Where the template's tables live: the DynamoDB Local ws-local runs in its own JVM ({@link LocalDynamoDb}), or a
 * DynamoDB Local already running that {@code --dynamodb-endpoint} names ({@link ExternalDynamoDb}).
 */
public interface TableStore extends AutoCloseable {

    /** Where clients reach it, e.g. {@code http://127.0.0.1:8000}: the functions' AWS_ENDPOINT_URL_DYNAMODB. */
    URI endpoint();

    /**
     * Creates the tables that do not exist yet (ACTIVE when it returns) and turns on their TTL. Tables already there
     * are kept with their items, provided their primary key matches the template.
     *
     * @return the names of the tables created, in the given order
     * @throws StorageException when a table is ill-defined, DynamoDB refuses it, a kept table's key differs, or
     *                          DynamoDB does not answer
     */
    List<String> createTables(List<Table> tables) throws StorageException;

    /**
     * An SDK client of it, as functions reach it (over HTTP, dummy credentials), built on first use (tests read the
     * tables with it); closed by {@link #close()}.
     */
    DynamoDbClient client();

    /** For the banner, after the endpoint: what becomes of its data, e.g. "in memory". */
    String description();

    /** Stops what ws-local started, a DynamoDB Local of its own; never a table or item of a DynamoDB it was given. */
    @Override
    void close() throws StorageException;
}
