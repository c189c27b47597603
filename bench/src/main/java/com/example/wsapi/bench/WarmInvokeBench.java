package com.example.wsapi.bench;

import com.example.wsapi.local.LocalApi;
import com.example.wsapi.local.lambda.LambdaRuntime;
import com.example.wsapi.local.lambda.RuntimeOptions;
import java.net.http.WebSocket;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Warm invocations, one at a time, straight through ws-local's Lambda runtime (no gateway): what one request costs in
 * a function JVM that is already up, beside the hello-world floor. Splits the echo round trip into runtime and handler.
 */
final class WarmInvokeBench {

    private WarmInvokeBench() {}

    static void run(Bench.Options options) throws Exception {
        int invocations = options.quick() ? 200 : 2000;
        RuntimeOptions runtimeOptions = options.runtimeOptions();
        try (LocalApi api = LocalStack.start(options, 1, runtimeOptions)) {
            WebSocket live = ColdStartBench.connect(api);
            List<ColdStartBench.Target> targets = ColdStartBench.targets(options, api,
                    ColdStartBench.liveConnectionId(api));
            Map<String, Stats> results = new LinkedHashMap<>();
            try (LambdaRuntime runtime = new LambdaRuntime(runtimeOptions)) {
                for (ColdStartBench.Target target : targets) {
                    if (!target.name().equals(ColdStartBench.FLOOR) && !target.name().equals("EchoFunction")
                            && !target.name().equals("ConnectFunction")) {
                        continue;
                    }
                    runtime.register(target.settings());
                    for (int i = 0; i < invocations / 2; i++) { // warm-up
                        runtime.invoke(target.name(), target.event()).get(60, TimeUnit.SECONDS);
                    }
                    List<Double> millis = new ArrayList<>();
                    for (int i = 0; i < invocations; i++) {
                        long start = System.nanoTime();
                        runtime.invoke(target.name(), target.event()).get(60, TimeUnit.SECONDS);
                        millis.add((System.nanoTime() - start) / 1e6);
                    }
                    results.put(target.name(), Stats.of(millis));
                }
            }
            live.abort();
            Stats floor = results.get(ColdStartBench.FLOOR);
            System.out.println("| function | invocations | p50 ms | p99 ms | p50 / floor |");
            System.out.println("|---|---|---|---|---|");
            results.forEach((name, stats) -> System.out.printf(Locale.ROOT, "| %s | %d | %.2f | %.2f | %s |%n", name,
                    stats.count(), stats.median(), stats.percentile(99), Stats.ratio(stats.median(), floor.median())));
        }
    }
}
