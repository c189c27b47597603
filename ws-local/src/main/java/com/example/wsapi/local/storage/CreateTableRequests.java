package com.example.wsapi.local.storage;

import com.amazonaws.services.dynamodbv2.model.AttributeDefinition;
import com.amazonaws.services.dynamodbv2.model.BillingMode;
import com.amazonaws.services.dynamodbv2.model.CreateTableRequest;
import com.amazonaws.services.dynamodbv2.model.GlobalSecondaryIndex;
import com.amazonaws.services.dynamodbv2.model.KeySchemaElement;
import com.amazonaws.services.dynamodbv2.model.KeyType;
import com.amazonaws.services.dynamodbv2.model.LocalSecondaryIndex;
import com.amazonaws.services.dynamodbv2.model.Projection;
import com.amazonaws.services.dynamodbv2.model.ProjectionType;
import com.amazonaws.services.dynamodbv2.model.ScalarAttributeType;
import com.example.wsapi.local.template.Table;

import java.util.List;
import java.util.Map;

/**
 * Turns the template's table records into CreateTable requests (PAY_PER_REQUEST, as SAM tables usually are), in the
 * model of DynamoDB Local's own request handler, which ws-local calls in-process.
 */
final class CreateTableRequests {
    private CreateTableRequests() {}

    static CreateTableRequest of(Table table) {
        String name = require(table.tableName(), "TableName", table);
        List<Table.Index> gsis = orEmpty(table.globalSecondaryIndexes());
        List<Table.Index> lsis = orEmpty(table.localSecondaryIndexes());
        CreateTableRequest request = new CreateTableRequest()
                .withTableName(name)
                .withBillingMode(BillingMode.PAY_PER_REQUEST)
                .withKeySchema(keySchema(table.keySchema(), "KeySchema", table))
                .withAttributeDefinitions(attributeDefinitions(table));
        // DynamoDB rejects an empty index list: leave the member out instead.
        if (!gsis.isEmpty()) {
            request.setGlobalSecondaryIndexes(gsis.stream().map(index -> new GlobalSecondaryIndex()
                    .withIndexName(require(index.indexName(), "GlobalSecondaryIndexes[].IndexName", table))
                    .withKeySchema(keySchema(index.keySchema(), "GlobalSecondaryIndexes " + index.indexName() + " KeySchema", table))
                    .withProjection(projection(index, table))).toList());
        }
        if (!lsis.isEmpty()) {
            request.setLocalSecondaryIndexes(lsis.stream().map(index -> new LocalSecondaryIndex()
                    .withIndexName(require(index.indexName(), "LocalSecondaryIndexes[].IndexName", table))
                    .withKeySchema(keySchema(index.keySchema(), "LocalSecondaryIndexes " + index.indexName() + " KeySchema", table))
                    .withProjection(projection(index, table))).toList());
        }
        return request;
    }

    static List<KeySchemaElement> keySchema(List<Table.KeyElement> elements, String what, Table table) {
        if (elements == null || elements.isEmpty()) {
            throw new StorageException(describe(table) + ": " + what + " is empty; give it a HASH key (and optionally a RANGE key)");
        }
        return elements.stream().map(element -> {
            KeyType type = known(KeyType.class, element.keyType());
            if (type == null) {
                throw new StorageException(describe(table) + ": " + what + " has KeyType '" + element.keyType()
                        + "' for attribute '" + element.attributeName() + "'; use HASH or RANGE");
            }
            return new KeySchemaElement(require(element.attributeName(), what + " AttributeName", table), type);
        }).toList();
    }

    private static List<AttributeDefinition> attributeDefinitions(Table table) {
        Map<String, String> types = table.attributeTypes() == null ? Map.of() : table.attributeTypes();
        return types.entrySet().stream().sorted(Map.Entry.comparingByKey()).map(entry -> {
            ScalarAttributeType type = known(ScalarAttributeType.class, entry.getValue());
            if (type == null) {
                throw new StorageException(describe(table) + ": AttributeDefinitions gives attribute '" + entry.getKey()
                        + "' the type '" + entry.getValue() + "'; use S, N or B");
            }
            return new AttributeDefinition(entry.getKey(), type);
        }).toList();
    }

    private static Projection projection(Table.Index index, Table table) {
        ProjectionType type = known(ProjectionType.class, index.projectionType());
        if (type == null) {
            throw new StorageException(describe(table) + ": index " + index.indexName() + " has ProjectionType '"
                    + index.projectionType() + "'; use ALL, KEYS_ONLY or INCLUDE");
        }
        Projection projection = new Projection().withProjectionType(type);
        List<String> nonKey = orEmpty(index.nonKeyAttributes());
        if (type == ProjectionType.INCLUDE) {
            if (nonKey.isEmpty()) {
                throw new StorageException(describe(table) + ": index " + index.indexName()
                        + " projects INCLUDE but lists no NonKeyAttributes; list them or use ALL or KEYS_ONLY");
            }
            projection.setNonKeyAttributes(nonKey);
        } else if (!nonKey.isEmpty()) {
            throw new StorageException(describe(table) + ": index " + index.indexName() + " lists NonKeyAttributes "
                    + nonKey + " with ProjectionType " + type + "; NonKeyAttributes need ProjectionType INCLUDE");
        }
        return projection;
    }

    /** The constant spelled exactly {@code value} (as DynamoDB spells them), else null. */
    private static <E extends Enum<E>> E known(Class<E> type, String value) {
        for (E constant : type.getEnumConstants()) {
            if (constant.toString().equals(value)) {
                return constant;
            }
        }
        return null;
    }

    static String describe(Table table) {
        return "table " + table.tableName() + " (" + table.logicalId() + ")";
    }

    private static String require(String value, String what, Table table) {
        if (value == null || value.isBlank()) {
            throw new StorageException(describe(table) + ": " + what + " is missing");
        }
        return value;
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }
}
