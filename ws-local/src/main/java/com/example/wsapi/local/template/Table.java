package com.example.wsapi.local.template;

import java.util.List;
import java.util.Map;

/**
 * An {@code AWS::DynamoDB::Table} (or {@code AWS::Serverless::SimpleTable}, or {@code AWS::DynamoDB::GlobalTable}).
 *
 * @param logicalId              the logical id
 * @param tableName              TableName, or a generated name when the template sets none
 * @param keySchema              the primary key
 * @param attributeTypes         AttributeDefinitions: name to S, N or B
 * @param globalSecondaryIndexes GSIs
 * @param localSecondaryIndexes  LSIs
 * @param ttlAttribute           TimeToLiveSpecification.AttributeName when enabled, else null
 */
public record Table(String logicalId, String tableName, List<KeyElement> keySchema, Map<String, String> attributeTypes,
                    List<Index> globalSecondaryIndexes, List<Index> localSecondaryIndexes, String ttlAttribute) {

    /** @param keyType HASH or RANGE */
    public record KeyElement(String attributeName, String keyType) {}

    /** @param projectionType ALL, KEYS_ONLY or INCLUDE */
    public record Index(String indexName, List<KeyElement> keySchema, String projectionType, List<String> nonKeyAttributes) {}
}
