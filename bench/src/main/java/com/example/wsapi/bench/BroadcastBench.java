package com.example.wsapi.bench;

import com.example.wsapi.local.LocalApi;
import com.example.wsapi.local.lambda.RuntimeOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Broadcast: the time from one client's {@code sendmessage} to the last delivery in a room of 1,000 connections
 * through ws-local (sendmessage's Query of the room index, then a post to each member through @connections), beside a
 * bare Netty server writing the same message to 1,000 connections (the floor), alternating.
 */
final class BroadcastBench {

    static final String ROOM = "bench";

    private BroadcastBench() {}

    static void run(Bench.Options options) throws Exception {
        int rounds = options.runsOr(5, 1);
        int members = options.quick() ? 200 : 1000;
        RuntimeOptions runtime = options.runtimeOptions();
        try (LocalApi api = LocalStack.start(options, 10, runtime);
             BareServer bare = new BareServer();
             WsClients clients = new WsClients(2)) {
            List<WsClients.Client> local = Connections.open(clients, api.gateway().webSocketUrl(), members, 10);
            List<WsClients.Client> floor = Connections.open(clients, bare.url(), members, 10);
            joinRoom(api, members);
            System.out.println("function JVM: " + options.java() + "; a room of " + members + " connections (put in the "
                    + "room by UpdateItem, not by " + members + " joinroom calls, which would each tell the room); "
                    + rounds + " rounds after one warm-up round, ws-local and the floor alternating");
            // Warm-up: sendmessage's cold start and the first pass through every code path.
            broadcast(local, "{\"action\":\"sendmessage\",\"data\":\"warm-up\"}", "warm-up");
            broadcast(floor, BareServer.BROADCAST + "warm-up", "warm-up");
            List<Double> localMs = new ArrayList<>();
            List<Double> floorMs = new ArrayList<>();
            List<Double> localCpu = new ArrayList<>();
            for (int round = 0; round < rounds; round++) {
                String marker = "round-" + round;
                floorMs.add(broadcast(floor, BareServer.BROADCAST + marker, marker));
                CpuMeter meter = CpuMeter.start();
                localMs.add(broadcast(local, "{\"action\":\"sendmessage\",\"data\":\"" + marker + "\"}", marker));
                localCpu.add(meter.stop().totalMs());
            }
            Stats localStats = Stats.of(localMs);
            Stats floorStats = Stats.of(floorMs);
            System.out.println();
            System.out.println("| room size | ws-local ms to the last delivery, median (min–max) | floor ms | ratio | "
                    + "ws-local CPU ms per broadcast (all processes) |");
            System.out.println("|---|---|---|---|---|");
            System.out.printf(Locale.ROOT, "| %d | %.0f (%.0f–%.0f) | %.1f | %s | %.0f |%n", members,
                    localStats.median(), localStats.min(), localStats.max(), floorStats.median(),
                    Stats.ratio(localStats.median(), floorStats.median()), Stats.of(localCpu).median());
            local.forEach(WsClients.Client::abort);
            floor.forEach(WsClients.Client::abort);
        }
    }

    /** Puts every stored connection into {@link #ROOM}, as joinroom would (room and display name). */
    static void joinRoom(LocalApi api, int expected) {
        String table = api.template().tables().get(0).tableName();
        List<String> ids = new ArrayList<>();
        api.dynamo().client().scanPaginator(b -> b.tableName(table).consistentRead(true)).items()
                .forEach(item -> ids.add(item.get("connectionId").s()));
        if (ids.size() != expected) {
            throw new IllegalStateException("expected " + expected + " connection records, found " + ids.size());
        }
        int n = 0;
        for (String id : ids) {
            String name = "member-" + n++;
            api.dynamo().client().updateItem(b -> b.tableName(table)
                    .key(Map.of("connectionId", AttributeValue.builder().s(id).build()))
                    .updateExpression("SET #room = :room, #name = :name")
                    .expressionAttributeNames(Map.of("#room", "room", "#name", "name"))
                    .expressionAttributeValues(Map.of(":room", AttributeValue.builder().s(ROOM).build(),
                            ":name", AttributeValue.builder().s(name).build())));
        }
    }

    /** Sends from the first client; milliseconds until every client (the sender too) received the marker. */
    static double broadcast(List<WsClients.Client> room, String message, String marker) throws InterruptedException {
        CountDownLatch delivered = new CountDownLatch(room.size());
        AtomicLong last = new AtomicLong();
        for (WsClients.Client client : room) {
            boolean[] got = new boolean[1];
            client.onText = text -> {
                if (!got[0] && text.contains(marker)) {
                    got[0] = true;
                    last.accumulateAndGet(System.nanoTime(), Math::max);
                    delivered.countDown();
                }
            };
        }
        long start = System.nanoTime();
        room.get(0).send(message);
        if (!delivered.await(120, TimeUnit.SECONDS)) {
            throw new IllegalStateException(delivered.getCount() + " of " + room.size() + " connections did not "
                    + "receive " + marker + " within 120 s");
        }
        room.forEach(c -> c.onText = text -> {});
        return (last.get() - start) / 1e6;
    }
}
