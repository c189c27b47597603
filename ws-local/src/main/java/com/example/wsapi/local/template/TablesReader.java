package com.example.wsapi.local.template;

import static com.example.wsapi.local.template.ResourceTypes.GLOBAL_TABLE;
import static com.example.wsapi.local.template.ResourceTypes.SIMPLE_TABLE;
import static com.example.wsapi.local.template.ResourceTypes.TABLE;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Reads the template's DynamoDB tables ({@code AWS::DynamoDB::Table}, SAM's {@code SimpleTable}, and
 * {@code AWS::DynamoDB::GlobalTable}, the CDK's TableV2, whose keys, indexes and TTL are a table's and whose
 * Replicas, one per region, are one table locally).
 */
final class TablesReader {

    private final TemplateContext context;

    TablesReader(TemplateContext context) {
        this.context = context;
    }

    /** Every table of the template, in template order. */
    List<Table> tables() {
        List<Table> tables = new ArrayList<>();
        for (String id : context.resourcesOfType(Set.of(TABLE, SIMPLE_TABLE, GLOBAL_TABLE))) {
            tables.add(table(id));
        }
        return List.copyOf(tables);
    }

    private Table table(String id) {
        String at = "Resources." + id + ".Properties";
        Map<String, Object> props = context.properties(id);
        String name = (String) context.ref(id);
        if (SIMPLE_TABLE.equals(context.typeIfActive(id))) {
            Map<?, ?> primaryKey = Intrinsics.mapping(
                    context.resolve(props.get("PrimaryKey"), at + ".PrimaryKey"), at + ".PrimaryKey");
            String keyName = primaryKey.get("Name") == null ? "id" : Intrinsics.text(primaryKey.get("Name"), at + ".PrimaryKey.Name");
            String keyType = primaryKey.get("Type") == null ? "String" : Intrinsics.text(primaryKey.get("Type"), at + ".PrimaryKey.Type");
            String attributeType = switch (keyType) {
                case "String" -> "S";
                case "Number" -> "N";
                case "Binary" -> "B";
                default -> throw new TemplateProblem(at + ".PrimaryKey.Type", "\"" + keyType + "\" is not a "
                        + "SimpleTable key type: use String, Number or Binary");
            };
            return new Table(id, name, List.of(new Table.KeyElement(keyName, "HASH")), Map.of(keyName, attributeType),
                    List.of(), List.of(), null);
        }
        Map<String, String> attributes = new LinkedHashMap<>();
        List<?> definitions = TemplateContext.list(context.resolve(props.get("AttributeDefinitions"), at + ".AttributeDefinitions"),
                at + ".AttributeDefinitions");
        for (int i = 0; i < definitions.size(); i++) {
            String dat = at + ".AttributeDefinitions[" + i + "]";
            Map<?, ?> definition = Intrinsics.mapping(definitions.get(i), dat);
            String type = TemplateContext.requiredText(definition, "AttributeType", dat);
            if (!Set.of("S", "N", "B").contains(type)) {
                throw new TemplateProblem(dat + ".AttributeType", "\"" + type + "\" is not a key attribute type: use S, N or B");
            }
            attributes.put(TemplateContext.requiredText(definition, "AttributeName", dat), type);
        }
        List<Table.KeyElement> keySchema = keySchema(props.get("KeySchema"), at + ".KeySchema", true);
        Set<String> keyAttributes = new HashSet<>();
        keySchema.forEach(key -> keyAttributes.add(key.attributeName()));
        List<Table.Index> gsis = indexes(props.get("GlobalSecondaryIndexes"), at + ".GlobalSecondaryIndexes", keyAttributes);
        List<Table.Index> lsis = indexes(props.get("LocalSecondaryIndexes"), at + ".LocalSecondaryIndexes", keyAttributes);
        for (String attribute : keyAttributes) {
            if (!attributes.containsKey(attribute)) {
                throw new TemplateProblem(at + ".AttributeDefinitions", "key attribute " + attribute + " is not "
                        + "defined: add {AttributeName: " + attribute + ", AttributeType: S|N|B}");
            }
        }
        for (String attribute : attributes.keySet()) {
            if (!keyAttributes.contains(attribute)) {
                throw new TemplateProblem(at + ".AttributeDefinitions", "attribute " + attribute + " is in no key "
                        + "schema: DynamoDB accepts only key attributes here, remove it");
            }
        }
        String ttl = null;
        Map<?, ?> ttlSpec = Intrinsics.mapping(context.resolve(props.get("TimeToLiveSpecification"),
                at + ".TimeToLiveSpecification"), at + ".TimeToLiveSpecification");
        if ("true".equals(Intrinsics.text(Objects.requireNonNullElse(ttlSpec.get("Enabled"), false),
                at + ".TimeToLiveSpecification.Enabled"))) {
            ttl = TemplateContext.requiredText(ttlSpec, "AttributeName", at + ".TimeToLiveSpecification");
        }
        return new Table(id, name, keySchema, Collections.unmodifiableMap(attributes), gsis, lsis, ttl);
    }

    private List<Table.KeyElement> keySchema(Object raw, String location, boolean required) {
        List<?> elements = TemplateContext.list(context.resolve(raw, location), location);
        if (elements.isEmpty() && required) {
            throw new TemplateProblem(location, "a key schema needs a HASH key: add {AttributeName: id, KeyType: HASH}");
        }
        List<Table.KeyElement> keys = new ArrayList<>();
        for (int i = 0; i < elements.size(); i++) {
            String kat = location + "[" + i + "]";
            Map<?, ?> element = Intrinsics.mapping(elements.get(i), kat);
            String keyType = TemplateContext.requiredText(element, "KeyType", kat);
            if (!keyType.equals(i == 0 ? "HASH" : "RANGE") || i > 1) {
                throw new TemplateProblem(kat + ".KeyType", "a key schema is one HASH key, optionally followed by one "
                        + "RANGE key; found " + keyType + " at position " + (i + 1));
            }
            keys.add(new Table.KeyElement(TemplateContext.requiredText(element, "AttributeName", kat), keyType));
        }
        return List.copyOf(keys);
    }

    private List<Table.Index> indexes(Object raw, String location, Set<String> keyAttributes) {
        List<?> items = TemplateContext.list(context.resolve(raw, location), location);
        List<Table.Index> indexes = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            String iat = location + "[" + i + "]";
            Map<?, ?> index = Intrinsics.mapping(items.get(i), iat);
            List<Table.KeyElement> keys = keySchema(index.get("KeySchema"), iat + ".KeySchema", true);
            keys.forEach(key -> keyAttributes.add(key.attributeName()));
            Map<?, ?> projection = Intrinsics.mapping(index.get("Projection"), iat + ".Projection");
            String projectionType = TemplateContext.requiredText(projection, "ProjectionType", iat + ".Projection");
            List<String> nonKey = new ArrayList<>();
            List<?> attributes = TemplateContext.list(projection.get("NonKeyAttributes"), iat + ".Projection.NonKeyAttributes");
            for (int a = 0; a < attributes.size(); a++) {
                nonKey.add(Intrinsics.text(attributes.get(a), iat + ".Projection.NonKeyAttributes[" + a + "]"));
            }
            indexes.add(new Table.Index(TemplateContext.requiredText(index, "IndexName", iat), keys, projectionType, List.copyOf(nonKey)));
        }
        return List.copyOf(indexes);
    }
}
