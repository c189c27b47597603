package com.example.wsapi.local.storage;

import com.amazonaws.services.dynamodbv2.model.CreateTableRequest;
import com.amazonaws.services.dynamodbv2.model.KeySchemaElement;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.LocalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;

import java.net.URI;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Table calls over HTTP with the AWS SDK, to a DynamoDB ws-local did not start: the request handler of
 * {@link InProcessTables} is another JVM's. The requests of {@link CreateTableRequests} are turned into the SDK's.
 */
final class SdkTables implements TableOperations {

    /** DynamoDB Local started with -delayTransientStatuses creates a table in a few seconds, not at once. */
    private static final Duration ACTIVE_WITHIN = Duration.ofSeconds(60);
    private static final Duration POLL_EVERY = Duration.ofMillis(100);

    private final DynamoDbClient client;
    private final URI endpoint;

    SdkTables(DynamoDbClient client, URI endpoint) {
        this.client = client;
        this.endpoint = endpoint;
    }

    @Override
    public Set<String> tableNames() {
        return call(() -> new HashSet<>(client.listTablesPaginator().tableNames().stream().toList()));
    }

    @Override
    public List<KeySchemaElement> keySchema(String table) {
        return call(() -> client.describeTable(b -> b.tableName(table)).table().keySchema().stream()
                .map(key -> new KeySchemaElement(key.attributeName(), key.keyTypeAsString())).toList());
    }

    @Override
    public void create(CreateTableRequest request) {
        TableStatus status = call(() -> client.createTable(toSdk(request)).tableDescription().tableStatus());
        long deadline = System.nanoTime() + ACTIVE_WITHIN.toNanos();
        while (status != TableStatus.ACTIVE) {
            if (System.nanoTime() > deadline) {
                throw new StorageException("table " + request.getTableName() + " at " + endpoint + " is still "
                        + status + " " + ACTIVE_WITHIN.toSeconds() + " s after CreateTable, not ACTIVE");
            }
            pause();
            status = call(() -> client.describeTable(b -> b.tableName(request.getTableName())).table().tableStatus());
        }
    }

    @Override
    public void enableTtl(String table, String attribute) {
        call(() -> client.updateTimeToLive(b -> b.tableName(table)
                .timeToLiveSpecification(ttl -> ttl.enabled(true).attributeName(attribute))));
    }

    /** The SDK's CreateTable request of the handler's: index lists only when there are some (DynamoDB refuses []). */
    static software.amazon.awssdk.services.dynamodb.model.CreateTableRequest toSdk(CreateTableRequest request) {
        var sdk = software.amazon.awssdk.services.dynamodb.model.CreateTableRequest.builder()
                .tableName(request.getTableName())
                .billingMode(request.getBillingMode())
                .keySchema(keys(request.getKeySchema()))
                .attributeDefinitions(request.getAttributeDefinitions().stream()
                        .map(a -> AttributeDefinition.builder().attributeName(a.getAttributeName())
                                .attributeType(a.getAttributeType()).build()).toList());
        if (request.getGlobalSecondaryIndexes() != null) {
            sdk.globalSecondaryIndexes(request.getGlobalSecondaryIndexes().stream()
                    .map(index -> GlobalSecondaryIndex.builder().indexName(index.getIndexName())
                            .keySchema(keys(index.getKeySchema())).projection(projection(index.getProjection()))
                            .build()).toList());
        }
        if (request.getLocalSecondaryIndexes() != null) {
            sdk.localSecondaryIndexes(request.getLocalSecondaryIndexes().stream()
                    .map(index -> LocalSecondaryIndex.builder().indexName(index.getIndexName())
                            .keySchema(keys(index.getKeySchema())).projection(projection(index.getProjection()))
                            .build()).toList());
        }
        return sdk.build();
    }

    private static List<software.amazon.awssdk.services.dynamodb.model.KeySchemaElement> keys(
            List<KeySchemaElement> keys) {
        return keys.stream().map(key -> software.amazon.awssdk.services.dynamodb.model.KeySchemaElement.builder()
                .attributeName(key.getAttributeName()).keyType(key.getKeyType()).build()).toList();
    }

    private static Projection projection(com.amazonaws.services.dynamodbv2.model.Projection projection) {
        Projection.Builder sdk = Projection.builder().projectionType(projection.getProjectionType());
        if (projection.getNonKeyAttributes() != null) {
            sdk.nonKeyAttributes(projection.getNonKeyAttributes());
        }
        return sdk.build();
    }

    private <T> T call(Supplier<T> request) {
        try {
            return request.get();
        } catch (AwsServiceException e) {
            String message = e.awsErrorDetails() != null && e.awsErrorDetails().errorMessage() != null
                    ? e.awsErrorDetails().errorMessage() : e.getMessage();
            throw new TableOperations.Refused(message, e);
        } catch (SdkClientException e) {
            throw new StorageException("the DynamoDB at " + endpoint + " (--dynamodb-endpoint) stopped answering: "
                    + e.getMessage(), e);
        }
    }

    private static void pause() {
        try {
            Thread.sleep(POLL_EVERY.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StorageException("Interrupted while waiting for a table to become ACTIVE", e);
        }
    }
}
