package com.example.wsapi.local.storage;

import com.amazonaws.services.dynamodbv2.model.CreateTableRequest;
import com.amazonaws.services.dynamodbv2.model.KeySchemaElement;

import java.util.List;
import java.util.Set;

/**
 * The four DynamoDB calls {@link TableSetup} makes, in the model of DynamoDB Local's request handler: in-process
 * ({@link InProcessTables}) or over HTTP with the AWS SDK ({@link SdkTables}). A call DynamoDB refuses throws
 * {@link Refused} with DynamoDB's own message; one that gets no answer throws {@link StorageException}.
 */
interface TableOperations {

    /** Every table's name, page by page. */
    Set<String> tableNames();

    /** The key schema of an existing table. */
    List<KeySchemaElement> keySchema(String table);

    /** Creates the table and returns once it is ACTIVE. */
    void create(CreateTableRequest request);

    /** Turns on TTL on {@code attribute} of the table. */
    void enableTtl(String table, String attribute);

    /** DynamoDB refused a request; the message is DynamoDB's. */
    final class Refused extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Refused(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
