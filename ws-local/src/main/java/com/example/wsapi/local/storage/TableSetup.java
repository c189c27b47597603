package com.example.wsapi.local.storage;

import com.amazonaws.services.dynamodbv2.model.CreateTableRequest;
import com.amazonaws.services.dynamodbv2.model.KeySchemaElement;
import com.example.wsapi.local.template.Table;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The template's tables in a running DynamoDB, wherever it runs ({@link TableOperations}): the ones missing are created
 * with their TTL, the ones there are kept with their items provided their primary key is the template's.
 */
final class TableSetup {

    private final TableOperations operations;
    private final String where;
    private final String keyMismatchFix;

    /**
     * @param where          the DynamoDB, for messages, e.g. "DynamoDB Local at http://127.0.0.1:8000"
     * @param keyMismatchFix what to do when a kept table has another key, e.g. "delete that table so that ..."
     */
    TableSetup(TableOperations operations, String where, String keyMismatchFix) {
        this.operations = operations;
        this.where = where;
        this.keyMismatchFix = keyMismatchFix;
    }

    /**
     * Creates the tables that do not exist yet (ACTIVE when it returns) and turns on their TTL. Tables already there
     * are kept as they are, provided their primary key matches the template.
     *
     * @return the names of the tables created, in the given order
     * @throws StorageException when a table is ill-defined, DynamoDB refuses it, a kept table's key differs, or
     *                          DynamoDB does not answer
     */
    List<String> createTables(List<Table> tables) throws StorageException {
        Map<String, Table> byName = new LinkedHashMap<>();
        Map<String, CreateTableRequest> templateTables = new LinkedHashMap<>();
        for (Table table : tables) { // check every table before creating any
            CreateTableRequest request = CreateTableRequests.of(table);
            Table previous = byName.putIfAbsent(request.getTableName(), table);
            if (previous != null) {
                throw new StorageException("Two tables are named " + request.getTableName() + ": " + previous.logicalId()
                        + " and " + table.logicalId() + "; give them different TableNames");
            }
            templateTables.put(request.getTableName(), request);
        }
        Set<String> existing;
        try {
            existing = operations.tableNames();
        } catch (TableOperations.Refused e) {
            throw new StorageException("Could not list the tables of " + where + ": " + e.getMessage(), e);
        }
        List<String> created = new ArrayList<>();
        for (Map.Entry<String, CreateTableRequest> entry : templateTables.entrySet()) {
            Table table = byName.get(entry.getKey());
            if (existing.contains(entry.getKey())) {
                requireSameKey(table, entry.getValue());
                continue;
            }
            if (create(table, entry.getValue())) {
                created.add(entry.getKey());
            }
        }
        return List.copyOf(created);
    }

    /** @return false when another client (a second ws-local starting meanwhile) created it first, with this key */
    private boolean create(Table table, CreateTableRequest request) {
        String what = CreateTableRequests.describe(table);
        try {
            operations.create(request);
        } catch (TableOperations.Refused e) {
            if (operations.tableNames().contains(request.getTableName())) {
                requireSameKey(table, request);
                return false;
            }
            throw new StorageException(where + " refused to create " + what + ": " + e.getMessage(), e);
        }
        if (table.ttlAttribute() != null) {
            try {
                operations.enableTtl(request.getTableName(), table.ttlAttribute());
            } catch (TableOperations.Refused e) {
                throw new StorageException(where + " refused TTL attribute " + table.ttlAttribute() + " on " + what
                        + ": " + e.getMessage(), e);
            }
        }
        return true;
    }

    private void requireSameKey(Table table, CreateTableRequest wanted) {
        List<KeySchemaElement> actual;
        try {
            actual = operations.keySchema(wanted.getTableName());
        } catch (TableOperations.Refused e) {
            throw new StorageException("Could not describe the existing " + CreateTableRequests.describe(table)
                    + " in " + where + ": " + e.getMessage(), e);
        }
        if (!actual.equals(wanted.getKeySchema())) {
            throw new StorageException("The existing " + CreateTableRequests.describe(table) + " in " + where
                    + " has the key " + describeKey(actual) + " but the template says "
                    + describeKey(wanted.getKeySchema()) + "; " + keyMismatchFix);
        }
    }

    private static String describeKey(List<KeySchemaElement> key) {
        return key.stream().map(k -> k.getAttributeName() + " " + k.getKeyType()).toList().toString();
    }
}
