package com.example.wsapi.local.storage;

import com.example.wsapi.local.template.Table;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.LocalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

import java.util.List;
import java.util.Map;

/** Turns the template's table records into CreateTable requests (PAY_PER_REQUEST, as SAM tables usually are). */
final class CreateTableRequests {
    private CreateTableRequests() {}

    static CreateTableRequest of(Table table) {
        String name = require(table.tableName(), "TableName", table);
        List<Table.Index> gsis = orEmpty(table.globalSecondaryIndexes());
        List<Table.Index> lsis = orEmpty(table.localSecondaryIndexes());
        CreateTableRequest.Builder request = CreateTableRequest.builder()
                .tableName(name)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .keySchema(keySchema(table.keySchema(), "KeySchema", table))
                .attributeDefinitions(attributeDefinitions(table));
        // The SDK sends an empty list as [], which DynamoDB rejects: leave the member out instead.
        if (!gsis.isEmpty()) {
            request.globalSecondaryIndexes(gsis.stream().map(index -> GlobalSecondaryIndex.builder()
                    .indexName(require(index.indexName(), "GlobalSecondaryIndexes[].IndexName", table))
                    .keySchema(keySchema(index.keySchema(), "GlobalSecondaryIndexes " + index.indexName() + " KeySchema", table))
                    .projection(projection(index, table))
                    .build()).toList());
        }
        if (!lsis.isEmpty()) {
            request.localSecondaryIndexes(lsis.stream().map(index -> LocalSecondaryIndex.builder()
                    .indexName(require(index.indexName(), "LocalSecondaryIndexes[].IndexName", table))
                    .keySchema(keySchema(index.keySchema(), "LocalSecondaryIndexes " + index.indexName() + " KeySchema", table))
                    .projection(projection(index, table))
                    .build()).toList());
        }
        return request.build();
    }

    static List<KeySchemaElement> keySchema(List<Table.KeyElement> elements, String what, Table table) {
        if (elements == null || elements.isEmpty()) {
            throw new StorageException(describe(table) + ": " + what + " is empty; give it a HASH key (and optionally a RANGE key)");
        }
        return elements.stream().map(element -> {
            KeyType type = KeyType.fromValue(element.keyType());
            if (type == null || type == KeyType.UNKNOWN_TO_SDK_VERSION) {
                throw new StorageException(describe(table) + ": " + what + " has KeyType '" + element.keyType()
                        + "' for attribute '" + element.attributeName() + "'; use HASH or RANGE");
            }
            return KeySchemaElement.builder()
                    .attributeName(require(element.attributeName(), what + " AttributeName", table))
                    .keyType(type)
                    .build();
        }).toList();
    }

    private static List<AttributeDefinition> attributeDefinitions(Table table) {
        Map<String, String> types = table.attributeTypes() == null ? Map.of() : table.attributeTypes();
        return types.entrySet().stream().sorted(Map.Entry.comparingByKey()).map(entry -> {
            ScalarAttributeType type = ScalarAttributeType.fromValue(entry.getValue());
            if (type == null || type == ScalarAttributeType.UNKNOWN_TO_SDK_VERSION) {
                throw new StorageException(describe(table) + ": AttributeDefinitions gives attribute '" + entry.getKey()
                        + "' the type '" + entry.getValue() + "'; use S, N or B");
            }
            return AttributeDefinition.builder().attributeName(entry.getKey()).attributeType(type).build();
        }).toList();
    }

    private static Projection projection(Table.Index index, Table table) {
        ProjectionType type = ProjectionType.fromValue(index.projectionType());
        if (type == null || type == ProjectionType.UNKNOWN_TO_SDK_VERSION) {
            throw new StorageException(describe(table) + ": index " + index.indexName() + " has ProjectionType '"
                    + index.projectionType() + "'; use ALL, KEYS_ONLY or INCLUDE");
        }
        Projection.Builder projection = Projection.builder().projectionType(type);
        List<String> nonKey = orEmpty(index.nonKeyAttributes());
        if (type == ProjectionType.INCLUDE) {
            if (nonKey.isEmpty()) {
                throw new StorageException(describe(table) + ": index " + index.indexName()
                        + " projects INCLUDE but lists no NonKeyAttributes; list them or use ALL or KEYS_ONLY");
            }
            projection.nonKeyAttributes(nonKey);
        } else if (!nonKey.isEmpty()) {
            throw new StorageException(describe(table) + ": index " + index.indexName() + " lists NonKeyAttributes "
                    + nonKey + " with ProjectionType " + type + "; NonKeyAttributes need ProjectionType INCLUDE");
        }
        return projection.build();
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
