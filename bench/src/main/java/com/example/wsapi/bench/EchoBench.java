package com.example.wsapi.bench;

import com.example.wsapi.local.LocalApi;
import com.example.wsapi.local.lambda.RuntimeOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * ws-local echo: messages per second and round-trip percentiles at 1, 10 and 50 concurrent clients (each sends, waits
 * for the echo, sends again), alternating in the same run with a bare Netty echo server (the floor).
 */
final class EchoBench {

    static final int[] LEVELS = {1, 10, 50};
    static final String DATA = "hello from the benchmark";
    static final String ECHO = "{\"action\":\"echo\",\"data\":\"" + DATA + "\"}";

    private EchoBench() {}

    static void run(Bench.Options options) throws Exception {
        int rounds = options.runsOr(3, 1);
        Duration window = options.quick() ? Duration.ofSeconds(1) : Duration.ofSeconds(5);
        RuntimeOptions runtime = options.runtimeOptions();
        int maxClients = LEVELS[LEVELS.length - 1];
        try (LocalApi api = LocalStack.start(options, 10, runtime);
             BareServer bare = new BareServer();
             WsClients clients = new WsClients(2)) {
            List<WsClients.Client> local = Connections.open(clients, api.gateway().webSocketUrl(), maxClients, 5);
            List<WsClients.Client> floor = Connections.open(clients, bare.url(), maxClients, 5);
            warmUp(api, local, floor, options.quick());
            System.out.println("function JVM: " + options.java() + "; " + rounds + " rounds of " + window.toSeconds()
                    + " s per level, ws-local and the floor alternating; message " + ECHO);
            Map<Integer, List<ClosedLoop.Result>> localResults = new LinkedHashMap<>();
            Map<Integer, List<ClosedLoop.Result>> floorResults = new LinkedHashMap<>();
            for (int level : LEVELS) {
                localResults.put(level, new ArrayList<>());
                floorResults.put(level, new ArrayList<>());
                for (int round = 0; round < rounds; round++) {
                    floorResults.get(level).add(ClosedLoop.run(floor.subList(0, level), ECHO, ECHO, window));
                    localResults.get(level).add(ClosedLoop.run(local.subList(0, level), ECHO, DATA, window));
                }
            }
            CpuMeter idleMeter = CpuMeter.start();
            Thread.sleep(3000);
            CpuMeter.Split idle = idleMeter.stop();
            print(localResults, floorResults, api.runtime().instanceCount("EchoFunction"));
            System.out.printf(Locale.ROOT, "idle CPU with %d open connections: %.0f ms/s in this JVM, %.0f ms/s in the "
                    + "function JVMs%n", local.size() + floor.size(), idle.selfMs() / 3, idle.functionsMs() / 3);
            local.forEach(WsClients.Client::abort);
            floor.forEach(WsClients.Client::abort);
        }
    }

    /** Starts every echo instance ws-local will use (cold starts are the other benchmark) and warms both JITs. */
    static void warmUp(LocalApi api, List<WsClients.Client> local, List<WsClients.Client> floor, boolean quick)
            throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(quick ? 20 : 60).toNanos();
        do {
            ClosedLoop.run(local, ECHO, DATA, Duration.ofSeconds(2));
        } while (api.runtime().instanceCount("EchoFunction") < 10 && System.nanoTime() < deadline);
        ClosedLoop.run(local, ECHO, DATA, Duration.ofSeconds(quick ? 2 : 5));
        ClosedLoop.run(floor, ECHO, ECHO, Duration.ofSeconds(quick ? 1 : 3));
    }

    static void print(Map<Integer, List<ClosedLoop.Result>> local, Map<Integer, List<ClosedLoop.Result>> floor,
                      int instances) {
        System.out.println();
        System.out.println("| clients | ws-local msg/s (median of rounds) | floor msg/s | ratio | ws-local p50 / p99 ms "
                + "| floor p50 / p99 ms | p99 ratio | CPU ms per message: ws-local JVM + function JVMs | floor CPU ms per "
                + "message | wrong answers |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|");
        for (int level : local.keySet()) {
            Stats localRate = Stats.of(local.get(level).stream().map(ClosedLoop.Result::perSecond).toList());
            Stats floorRate = Stats.of(floor.get(level).stream().map(ClosedLoop.Result::perSecond).toList());
            Stats localLatency = pooled(local.get(level));
            Stats floorLatency = pooled(floor.get(level));
            int wrong = local.get(level).stream().mapToInt(ClosedLoop.Result::wrongAnswers).sum();
            double selfCpu = Stats.of(local.get(level).stream().map(ClosedLoop.Result::selfCpuPerTrip).toList()).median();
            double functionCpu = Stats.of(local.get(level).stream().map(ClosedLoop.Result::functionCpuPerTrip).toList())
                    .median();
            double floorCpu = Stats.of(floor.get(level).stream().map(ClosedLoop.Result::selfCpuPerTrip).toList()).median();
            System.out.printf(Locale.ROOT, "| %d | %.0f | %.0f | %s | %.2f / %.2f | %.3f / %.3f | %s | %.2f + %.2f | %.3f | %d |%n", level,
                    localRate.median(), floorRate.median(), Stats.ratio(localRate.median(), floorRate.median()),
                    localLatency.median(), localLatency.percentile(99), floorLatency.median(),
                    floorLatency.percentile(99), Stats.ratio(localLatency.percentile(99), floorLatency.percentile(99)),
                    selfCpu, functionCpu, floorCpu, wrong);
        }
        System.out.println("EchoFunction instances at the end: " + instances);
    }

    /** Every round trip of every round in one distribution. */
    static Stats pooled(List<ClosedLoop.Result> results) {
        int size = results.stream().mapToInt(r -> r.latencyMs().count()).sum();
        double[] all = new double[size];
        int i = 0;
        for (ClosedLoop.Result result : results) {
            System.arraycopy(result.latencyMs().sorted(), 0, all, i, result.latencyMs().count());
            i += result.latencyMs().count();
        }
        java.util.Arrays.sort(all);
        return new Stats(all);
    }
}
