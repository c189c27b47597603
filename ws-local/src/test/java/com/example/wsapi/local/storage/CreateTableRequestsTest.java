package com.example.wsapi.local.storage;

import com.amazonaws.services.dynamodbv2.model.BillingMode;
import com.amazonaws.services.dynamodbv2.model.CreateTableRequest;
import com.example.wsapi.local.template.Table;
import com.example.wsapi.local.template.Table.Index;
import com.example.wsapi.local.template.Table.KeyElement;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CreateTableRequestsTest {

    private static final List<KeyElement> KEY = List.of(new KeyElement("pk", "HASH"));

    @Test
    void of_withoutIndexes_leavesIndexMembersOut() {
        CreateTableRequest request = CreateTableRequests.of(table(List.of(), Map.of("pk", "S")));

        assertEquals(BillingMode.PAY_PER_REQUEST.toString(), request.getBillingMode());
        assertNull(request.getGlobalSecondaryIndexes());
        assertNull(request.getLocalSecondaryIndexes());
    }

    @Test
    void of_whenIncludeListsNoAttributes_failsNamingTheIndex() {
        Table table = table(List.of(new Index("byX", List.of(new KeyElement("x", "HASH")), "INCLUDE", List.of())),
                Map.of("pk", "S", "x", "S"));

        assertMessageContains(table, "byX", "NonKeyAttributes");
    }

    @Test
    void of_whenNonKeyAttributesWithoutInclude_failsNamingTheIndex() {
        Table table = table(List.of(new Index("byX", List.of(new KeyElement("x", "HASH")), "ALL", List.of("y"))),
                Map.of("pk", "S", "x", "S"));

        assertMessageContains(table, "byX", "INCLUDE");
    }

    @Test
    void of_whenProjectionTypeUnknown_failsNamingIt() {
        Table table = table(List.of(new Index("byX", List.of(new KeyElement("x", "HASH")), "SOME", List.of())),
                Map.of("pk", "S", "x", "S"));

        assertMessageContains(table, "byX", "'SOME'");
    }

    @Test
    void of_whenAttributeTypeUnknown_failsNamingTheAttribute() {
        assertMessageContains(table(List.of(), Map.of("pk", "STRING")), "'pk'", "'STRING'");
    }

    @Test
    void of_whenKeyTypeUnknown_failsNamingTheAttribute() {
        Table table = new Table("T", "t", List.of(new KeyElement("pk", "PARTITION")), Map.of("pk", "S"),
                List.of(), List.of(), null);

        assertMessageContains(table, "'pk'", "'PARTITION'");
    }

    @Test
    void of_whenKeySchemaEmpty_failsNamingTheTable() {
        Table table = new Table("T", "t", List.of(), Map.of("pk", "S"), List.of(), List.of(), null);

        assertMessageContains(table, "table t (T)", "KeySchema");
    }

    private static Table table(List<Index> gsis, Map<String, String> attributes) {
        return new Table("T", "t", KEY, attributes, gsis, List.of(), null);
    }

    private static void assertMessageContains(Table table, String... parts) {
        StorageException e = assertThrows(StorageException.class, () -> CreateTableRequests.of(table));
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), "'" + part + "' in: " + e.getMessage());
        }
    }
}
