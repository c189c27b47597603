package com.example.wsapi.bench;

import com.example.wsapi.local.LocalApi;
import com.example.wsapi.local.lambda.RuntimeOptions;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * ws-local connect rate: WebSocket handshakes per second through $connect (a function JVM storing the connection in
 * DynamoDB Local), with a fixed number of handshakes in flight, alternating with bare Netty handshakes (the floor).
 */
final class ConnectBench {

    static final int IN_FLIGHT = 10;

    /** One burst of handshakes: how many succeeded, how long they took, and the statuses of the refused ones. */
    record Burst(int accepted, double seconds, Map<Integer, Integer> refused, CpuMeter.Split cpu) {
        double perSecond() {
            return accepted / seconds;
        }
    }

    private ConnectBench() {}

    static void run(Bench.Options options) throws Exception {
        int rounds = options.runsOr(3, 1);
        int handshakes = options.quick() ? 200 : 1000;
        RuntimeOptions runtime = options.runtimeOptions();
        try (LocalApi api = LocalStack.start(options, 10, runtime);
             BareServer bare = new BareServer();
             WsClients clients = new WsClients(2)) {
            // Warm-up: every $connect and $disconnect instance started, both JITs warm.
            List<WsClients.Client> warm = new ArrayList<>();
            burst(clients, api.gateway().webSocketUrl(), 200, warm);
            closeAndSettle(api, warm);
            warm = new ArrayList<>();
            burst(clients, bare.url(), 1000, warm);
            closeAndSettle(null, warm);
            System.out.println("function JVM: " + options.java() + "; " + rounds + " rounds of " + handshakes
                    + " handshakes, " + IN_FLIGHT + " in flight, ws-local and the floor alternating; each round's "
                    + "connections stay open until it ends, then close (ws-local: until every $disconnect ran)");
            List<Burst> local = new ArrayList<>();
            List<Burst> floor = new ArrayList<>();
            for (int round = 0; round < rounds; round++) {
                List<WsClients.Client> open = new ArrayList<>();
                floor.add(burst(clients, bare.url(), handshakes, open));
                closeAndSettle(null, open);
                open = new ArrayList<>();
                local.add(burst(clients, api.gateway().webSocketUrl(), handshakes, open));
                closeAndSettle(api, open);
            }
            Stats localRate = Stats.of(local.stream().map(Burst::perSecond).toList());
            Stats floorRate = Stats.of(floor.stream().map(Burst::perSecond).toList());
            Map<Integer, Integer> refused = new TreeMap<>();
            local.forEach(b -> b.refused().forEach((status, n) -> refused.merge(status, n, Integer::sum)));
            double selfCpu = Stats.of(local.stream().map(b -> b.cpu().selfMs() / b.accepted()).toList()).median();
            double functionCpu = Stats.of(local.stream().map(b -> b.cpu().functionsMs() / b.accepted()).toList())
                    .median();
            double floorCpu = Stats.of(floor.stream().map(b -> b.cpu().selfMs() / b.accepted()).toList()).median();
            System.out.println();
            System.out.println("| ws-local handshakes/s (median of rounds) | floor handshakes/s | ratio | refused "
                    + "(status: count) | CPU ms per handshake: ws-local JVM + function JVMs | floor CPU ms per "
                    + "handshake |");
            System.out.println("|---|---|---|---|---|---|");
            System.out.printf(Locale.ROOT, "| %.0f | %.0f | %s | %s | %.2f + %.2f | %.3f |%n", localRate.median(),
                    floorRate.median(), Stats.ratio(localRate.median(), floorRate.median()),
                    refused.isEmpty() ? "none" : refused, selfCpu, functionCpu, floorCpu);
            System.out.println("rounds, ws-local handshakes/s: " + local.stream().map(b -> String.format(Locale.ROOT,
                    "%.0f", b.perSecond())).toList() + "; floor: " + floor.stream().map(b -> String.format(
                    Locale.ROOT, "%.0f", b.perSecond())).toList());
        }
    }

    /** Opens {@code count} connections, {@link #IN_FLIGHT} handshakes at a time, no retries; adds them to {@code open}. */
    static Burst burst(WsClients clients, URI uri, int count, List<WsClients.Client> open) throws Exception {
        Semaphore permits = new Semaphore(IN_FLIGHT);
        Map<Integer, Integer> refused = new ConcurrentHashMap<>();
        AtomicInteger accepted = new AtomicInteger();
        List<CompletableFuture<?>> all = new ArrayList<>();
        List<WsClients.Client> opened = java.util.Collections.synchronizedList(open);
        CpuMeter meter = CpuMeter.start();
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            permits.acquire();
            all.add(clients.connect(uri, text -> {}).whenComplete((client, failure) -> {
                if (failure == null) {
                    accepted.incrementAndGet();
                    opened.add(client);
                } else {
                    int status = failure instanceof WsClients.Refused r ? r.status
                            : failure.getCause() instanceof WsClients.Refused r ? r.status : -1;
                    refused.merge(status, 1, Integer::sum);
                }
                permits.release();
            }));
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).handle((v, e) -> null).get(300, TimeUnit.SECONDS);
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Burst(accepted.get(), seconds, Map.copyOf(refused), meter.stop());
    }

    /** Closes the connections; for ws-local, waits until $disconnect removed every record. */
    static void closeAndSettle(LocalApi api, List<WsClients.Client> open) throws InterruptedException {
        open.forEach(WsClients.Client::abort);
        if (api == null) {
            Thread.sleep(500);
            return;
        }
        String table = api.template().tables().get(0).tableName();
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (System.nanoTime() < deadline) {
            int count = api.dynamo().client().scan(b -> b.tableName(table).select("COUNT")).count();
            if (count == 0) {
                return;
            }
            Thread.sleep(200);
        }
        System.out.println("  (warning: connection records still present 3 minutes after closing)");
    }
}
