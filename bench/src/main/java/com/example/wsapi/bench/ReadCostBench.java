package com.example.wsapi.bench;

import com.example.wsapi.common.connections.ConnectionStore;
import com.example.wsapi.local.storage.LocalDynamoDb;
import com.example.wsapi.local.template.LocalSettings;
import com.example.wsapi.local.template.SamTemplate;
import com.example.wsapi.local.template.TemplateLoader;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * DynamoDB read units per broadcast as the table grows: the broadcast's own reads ({@link ConnectionStore}'s room
 * Query, and the Scan a sender in no room uses), with ReturnConsumedCapacity TOTAL added by an interceptor, against
 * DynamoDB Local holding the template's table with 1,000 and then 10,000 connection records and a room of fixed size.
 */
final class ReadCostBench {

    static final String ROOM = "bench";
    static final int ROOM_SIZE = 100;
    static final int[] TABLE_SIZES = {1_000, 10_000};

    /** Adds ReturnConsumedCapacity TOTAL to every Query and Scan and sums what DynamoDB reports. */
    static final class CapacityMeter implements ExecutionInterceptor {
        final DoubleAdder units = new DoubleAdder();
        final AtomicInteger requests = new AtomicInteger();

        @Override
        public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
            if (context.request() instanceof QueryRequest query) {
                return query.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build();
            }
            if (context.request() instanceof ScanRequest scan) {
                return scan.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build();
            }
            return context.request();
        }

        @Override
        public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
            SdkResponse response = context.response();
            ConsumedCapacity consumed = response instanceof QueryResponse q ? q.consumedCapacity()
                    : response instanceof ScanResponse s ? s.consumedCapacity() : null;
            if (consumed == null && (response instanceof QueryResponse || response instanceof ScanResponse)) {
                throw new IllegalStateException("DynamoDB returned no ConsumedCapacity for " + response);
            }
            if (consumed != null) {
                units.add(consumed.capacityUnits());
                requests.incrementAndGet();
            }
        }

        double take() {
            requests.set(0);
            return units.sumThenReset();
        }
    }

    record Cost(int tableSize, double queryUnits, int queryPages, double scanUnits, int scanPages) {}

    private ReadCostBench() {}

    static void run(Bench.Options options) throws Exception {
        SamTemplate template = TemplateLoader.load(options.root().resolve("template.yaml"), new LocalSettings(
                "us-east-1", "123456789012", "bench", null, URI.create("http://127.0.0.1:1")));
        try (LocalDynamoDb dynamo = LocalDynamoDb.start("127.0.0.1", 0, null)) {
            dynamo.createTables(template.tables());
            String table = template.tables().get(0).tableName();
            CapacityMeter meter = new CapacityMeter();
            try (DynamoDbClient client = DynamoDbClient.builder().endpointOverride(dynamo.endpoint())
                    .region(Region.US_EAST_1)
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b")))
                    .httpClientBuilder(UrlConnectionHttpClient.builder())
                    .overrideConfiguration(c -> c.addExecutionInterceptor(meter))
                    .build()) {
                ConnectionStore store = new ConnectionStore(client, table);
                List<Cost> costs = new ArrayList<>();
                int written = 0;
                for (int size : TABLE_SIZES) {
                    written = fill(client, table, written, size);
                    long members = store.connectionIdsInRoom(ROOM).count();
                    int queryPages = meter.requests.get();
                    double queryUnits = meter.take();
                    if (members != ROOM_SIZE) {
                        throw new IllegalStateException("the room has " + members + " members, expected " + ROOM_SIZE);
                    }
                    long everyone = store.allConnectionIds().count();
                    int scanPages = meter.requests.get();
                    double scanUnits = meter.take();
                    if (everyone != size) {
                        throw new IllegalStateException("the Scan read " + everyone + " records, expected " + size);
                    }
                    costs.add(new Cost(size, queryUnits, queryPages, scanUnits, scanPages));
                }
                print(costs);
            }
        }
    }

    /** Adds records up to {@code size}: the first {@link #ROOM_SIZE} in the room, the rest spread over 50 others. */
    static int fill(DynamoDbClient client, String table, int from, int size) {
        List<WriteRequest> batch = new ArrayList<>();
        long now = System.currentTimeMillis();
        for (int i = from; i < size; i++) {
            String room = i < ROOM_SIZE ? ROOM : "room-" + (i % 50);
            // The shape ConnectService stores (16-character ids, timestamps, client metadata), plus joinroom's room.
            Map<String, AttributeValue> item = Map.of(
                    "connectionId", s(String.format(Locale.ROOT, "BENCH%010d=", i)),
                    "connectedAt", n(now), "expiresAt", n(now / 1000 + 7800),
                    "sourceIp", s("127.0.0.1"), "userAgent", s("bench"),
                    "room", s(room), "name", s("member-" + i));
            batch.add(WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build());
            if (batch.size() == 25 || i == size - 1) {
                List<WriteRequest> requests = List.copyOf(batch);
                client.batchWriteItem(b -> b.requestItems(Map.of(table, requests)));
                batch.clear();
            }
        }
        return size;
    }

    static void print(List<Cost> costs) {
        Cost small = costs.get(0);
        System.out.println("room of " + ROOM_SIZE + " members; the rest of the table spread over 50 other rooms");
        System.out.println();
        System.out.println("| table records | room Query RCU (pages) | Query RCU / at " + small.tableSize()
                + " | Scan RCU, a sender in no room (pages) | Scan RCU / at " + small.tableSize() + " |");
        System.out.println("|---|---|---|---|---|");
        for (Cost cost : costs) {
            System.out.printf(Locale.ROOT, "| %d | %.1f (%d) | %s | %.1f (%d) | %s |%n", cost.tableSize(),
                    cost.queryUnits(), cost.queryPages(), Stats.ratio(cost.queryUnits(), small.queryUnits()),
                    cost.scanUnits(), cost.scanPages(), Stats.ratio(cost.scanUnits(), small.scanUnits()));
        }
    }

    private static AttributeValue s(String value) {
        return AttributeValue.builder().s(value).build();
    }

    private static AttributeValue n(long value) {
        return AttributeValue.builder().n(Long.toString(value)).build();
    }
}
