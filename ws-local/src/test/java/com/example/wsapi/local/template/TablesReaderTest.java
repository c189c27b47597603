package com.example.wsapi.local.template;

import static com.example.wsapi.local.template.TemplateFixture.API;
import static com.example.wsapi.local.template.TemplateFixture.context;
import static com.example.wsapi.local.template.TemplateFixture.problem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TablesReaderTest {

    @TempDir
    Path folder;

    private List<Table> tables(String resources) {
        return new TablesReader(context(folder, "Transform: AWS::Serverless-2016-10-31\n" + API + resources)).tables();
    }

    private static final String CONNECTIONS = """
              Connections:
                Type: AWS::DynamoDB::Table
                Properties:
                  TableName: !Sub ${AWS::StackName}-connections
                  BillingMode: PAY_PER_REQUEST
                  AttributeDefinitions:
                    - {AttributeName: connectionId, AttributeType: S}
                    - {AttributeName: room, AttributeType: S}
                  KeySchema:
                    - {AttributeName: connectionId, KeyType: HASH}
                  GlobalSecondaryIndexes:
                    - IndexName: byRoom
                      KeySchema:
                        - {AttributeName: room, KeyType: HASH}
                      Projection: {ProjectionType: KEYS_ONLY}
                  TimeToLiveSpecification: {AttributeName: expiresAt, Enabled: true}
            """;

    @Test
    void table_readsNameKeysIndexesAndTtl() {
        assertEquals(List.of(new Table("Connections", "stack-connections",
                        List.of(new Table.KeyElement("connectionId", "HASH")),
                        Map.of("connectionId", "S", "room", "S"),
                        List.of(new Table.Index("byRoom", List.of(new Table.KeyElement("room", "HASH")), "KEYS_ONLY",
                                List.of())), List.of(), "expiresAt")),
                tables(CONNECTIONS));
    }

    @Test
    void simpleTable_withoutPrimaryKey_isKeyedByStringId_andNamedLikeCloudFormationWould() {
        assertEquals(List.of(new Table("Sessions", "stack-Sessions-LOCAL", List.of(new Table.KeyElement("id", "HASH")),
                Map.of("id", "S"), List.of(), List.of(), null)), tables("""
                  Sessions:
                    Type: AWS::Serverless::SimpleTable
                """));
    }

    @Test
    void attributeInNoKeySchema_failsSayingDynamoDbAcceptsOnlyKeys() {
        problem(() -> tables(CONNECTIONS.replace("GlobalSecondaryIndexes:", "UnreadIndexes:")),
                "Resources.Connections.Properties.AttributeDefinitions", "attribute room is in no key schema");
    }

    @Test
    void keySchema_startingWithRange_failsNamingThePosition() {
        problem(() -> tables(CONNECTIONS.replace("{AttributeName: connectionId, KeyType: HASH}",
                        "{AttributeName: connectionId, KeyType: RANGE}")),
                "Resources.Connections.Properties.KeySchema[0].KeyType", "found RANGE at position 1");
    }
}
