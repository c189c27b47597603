package com.example.wsapi.local.storage;

import com.amazonaws.AmazonServiceException;
import com.amazonaws.services.dynamodbv2.local.server.LocalDynamoDBRequestHandler;
import com.amazonaws.services.dynamodbv2.model.CreateTableRequest;
import com.amazonaws.services.dynamodbv2.model.DescribeTableRequest;
import com.amazonaws.services.dynamodbv2.model.KeySchemaElement;
import com.amazonaws.services.dynamodbv2.model.ListTablesRequest;
import com.amazonaws.services.dynamodbv2.model.ListTablesResult;
import com.amazonaws.services.dynamodbv2.model.TableStatus;
import com.amazonaws.services.dynamodbv2.model.TimeToLiveSpecification;
import com.amazonaws.services.dynamodbv2.model.UpdateTimeToLiveRequest;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Table calls to DynamoDB Local's request handler in this JVM, as its HTTP server passes them on: building an SDK
 * client and sending them over HTTP cost ws-local's start about 0.5 s of CPU (BENCHMARKS.md, section 7).
 */
final class InProcessTables implements TableOperations {

    /** What ws-local's own in-process requests pass for a caller; the shared database ignores both. */
    private static final String OWN_ACCESS_KEY = "local";
    private static final String OWN_REGION = LocalDynamoDb.CLIENT_REGION.id();

    private final LocalDynamoDBRequestHandler requests;

    InProcessTables(LocalDynamoDBRequestHandler requests) {
        this.requests = requests;
    }

    @Override
    public Set<String> tableNames() {
        Set<String> names = new HashSet<>();
        ListTablesRequest request = new ListTablesRequest();
        do {
            ListTablesRequest page = request;
            ListTablesResult result = refusedAs(() -> requests.listTables(OWN_ACCESS_KEY, OWN_REGION, page));
            names.addAll(result.getTableNames());
            request = new ListTablesRequest().withExclusiveStartTableName(result.getLastEvaluatedTableName());
        } while (request.getExclusiveStartTableName() != null);
        return names;
    }

    @Override
    public List<KeySchemaElement> keySchema(String table) {
        return refusedAs(() -> requests.describeTable(OWN_ACCESS_KEY, OWN_REGION, new DescribeTableRequest(table))
                .getTable().getKeySchema());
    }

    @Override
    public void create(CreateTableRequest request) {
        String status = refusedAs(() -> requests.createTable(OWN_ACCESS_KEY, OWN_REGION, request)
                .getTableDescription().getTableStatus());
        // Started without delayed transient statuses: anything but ACTIVE means another DynamoDB Local than expected.
        if (!TableStatus.ACTIVE.toString().equals(status)) {
            throw new StorageException("table " + request.getTableName() + " is " + status
                    + " after CreateTable, not ACTIVE");
        }
    }

    @Override
    public void enableTtl(String table, String attribute) {
        refusedAs(() -> requests.updateTimeToLive(OWN_ACCESS_KEY, OWN_REGION, new UpdateTimeToLiveRequest()
                .withTableName(table)
                .withTimeToLiveSpecification(new TimeToLiveSpecification().withEnabled(true)
                        .withAttributeName(attribute))));
    }

    private static <T> T refusedAs(Supplier<T> call) {
        try {
            return call.get();
        } catch (AmazonServiceException e) {
            throw new Refused(e.getErrorMessage(), e);
        }
    }
}
