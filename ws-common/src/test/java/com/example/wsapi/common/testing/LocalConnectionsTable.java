package com.example.wsapi.common.testing;

import com.example.wsapi.common.connections.ConnectionStore;
import java.net.URI;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * A JUnit extension: DynamoDB Local started in-process once per test class, with the connection table created as
 * template.yaml defines it (see {@link LocalDynamoDb#createConnectionsTable}), stopped after the class. Register it on
 * a static field: {@code @RegisterExtension static final LocalConnectionsTable dynamo =
 * LocalConnectionsTable.oneForTheClass();}. Its callbacks run before the class's own {@code @BeforeAll} and
 * {@code @BeforeEach} methods, so those may already use the table.
 */
public final class LocalConnectionsTable implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback {

    private final boolean freshForEachTest;
    private final AtomicInteger tablesCreated = new AtomicInteger();
    private LocalDynamoDb dynamo;
    private ConnectionStore store;

    private LocalConnectionsTable(boolean freshForEachTest) {
        this.freshForEachTest = freshForEachTest;
    }

    /** One table, {@code connections}, shared by every test of the class: what one test writes, the next sees. */
    public static LocalConnectionsTable oneForTheClass() {
        return new LocalConnectionsTable(false);
    }

    /** A new empty table for every test ({@code connections1}, {@code connections2}, ...). */
    public static LocalConnectionsTable freshForEachTest() {
        return new LocalConnectionsTable(true);
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        dynamo = LocalDynamoDb.start();
        if (!freshForEachTest) {
            createTable("connections");
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (dynamo == null) {
            throw new IllegalStateException("LocalConnectionsTable was not started for the class: register it on a "
                    + "static field (@RegisterExtension static final LocalConnectionsTable ...)");
        }
        if (freshForEachTest) {
            createTable("connections" + tablesCreated.incrementAndGet());
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (dynamo != null) {
            dynamo.close();
            dynamo = null;
        }
    }

    private void createTable(String name) {
        dynamo.createConnectionsTable(name);
        store = new ConnectionStore(dynamo.client(), name, null, dynamo.endpoint().toString());
    }

    /** The name of the current table. */
    public String tableName() {
        return store().tableName();
    }

    /** A store on the current table, through {@link #client()}. */
    public ConnectionStore store() {
        if (store == null) {
            throw new IllegalStateException("no connection table yet: use it from @BeforeAll (a table for the class), "
                    + "@BeforeEach or a test");
        }
        return store;
    }

    /** A client for DynamoDB Local, closed with it after the class. */
    public DynamoDbClient client() {
        return started().client();
    }

    /** DynamoDB Local's URL, for a client of a test's own (e.g. one recording its calls). */
    public URI endpoint() {
        return started().endpoint();
    }

    /** How many items the current table holds. */
    public long count() {
        return started().count(tableName());
    }

    private LocalDynamoDb started() {
        if (dynamo == null) {
            throw new IllegalStateException("DynamoDB Local is not running: LocalConnectionsTable runs from the "
                    + "class's first callback to its last, registered on a static field");
        }
        return dynamo;
    }
}
