package com.example.wsapi.bench;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.example.wsapi.local.lambda.RuntimeOptions;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * ws-local beside the emulator people use today (serverless-offline, in-process, a Node echo handler posting back
 * through {@code @connections}) and a bare {@code ws} echo server (the floor), as a person comparing them would:
 * each freshly started, the peer's own load client ({@code bench.mjs}) with the same phases against each, rounds
 * interleaved, medians. ws-local runs as users run it, {@code java -jar ws-local/target/ws-local.jar}.
 */
final class PeerBench {

    /** The peer's ports are fixed by its start script (WebSocket 3001, HTTP 3000, Lambda 3002). */
    static final int PEER_PORT = 3001;
    static final List<Integer> PEER_PORTS = List.of(3000, 3001, 3002);
    static final Duration START_LIMIT = Duration.ofSeconds(120);

    /** The phases of the recorded runs: a few hundred messages per level on a fresh server, as the issue measured. */
    static final List<String> FULL_PHASES = List.of("--phases", "conn,echo,idle", "--clients", "1,10,50",
            "--messages", "300,300,100", "--conn-total", "300", "--idle", "1000");
    static final List<String> QUICK_PHASES = List.of("--phases", "conn,echo,idle", "--clients", "1,10,50",
            "--messages", "40,20,4", "--conn-total", "40", "--idle", "100", "--phase-seconds", "20",
            "--max-seconds", "120");

    enum Target { FLOOR, WS_LOCAL, PEER }

    record Round(Target target, int number, double startToReadyMs, double firstEchoMs, LoadClient.Result load) {}

    private PeerBench() {}

    static void run(Bench.Options options) throws Exception {
        Path root = options.root();
        // -Dbench.wslocal.jar=<jar>: another build of ws-local (an earlier commit's) on this project's template.
        Path jar = Path.of(System.getProperty("bench.wslocal.jar", root.resolve("ws-local/target/ws-local.jar")
                .toString())).toAbsolutePath();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("no " + jar + ": run mvn -B -q -DskipTests package at " + root);
        }
        PeerFolder peer = PeerFolder.locate(root);
        peer.prepare();
        int rounds = options.runsOr(2, 1);
        List<String> phases = options.quick() ? QUICK_PHASES : FULL_PHASES;
        int[] ports = ports();
        Path results = root.resolve("bench/target/peer-results")
                .resolve(LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        Files.createDirectories(results);
        System.out.println("load client: " + peer.source().resolve("bench.mjs") + " " + String.join(" ", phases));
        System.out.println("servers: floor `node echo-server.mjs " + ports[0] + "`; ws-local `" + String.join(" ",
                wsLocalCommand(options, jar, ports[1])) + "`; peer `./start-offline.sh inprocess` (port "
                + PEER_PORT + "); " + rounds + " round(s) each, interleaved; logs and JSON in " + results);
        List<Round> all = new ArrayList<>();
        try (WsClients clients = new WsClients(1)) {
            // Unmeasured: ws-local's class-data cache gets each function's archive, as on any start after the first.
            if (targets().contains(Target.WS_LOCAL)) {
                try (ServerProcess primer = startWsLocal(options, jar, ports[1],
                        results.resolve("ws-local-primer.log"))) {
                    primer.awaitReady(START_LIMIT);
                    // Also warms this JVM's client, should the floor not run first.
                    for (int i = 0; i < 20; i++) {
                        FirstEcho.measure(clients, wsLocalUrl(ports[1]), Duration.ofSeconds(60));
                    }
                }
                // Without --java, ws-local picks the functions' Java for the template's Runtime: its banner says which.
                try (var lines = Files.lines(results.resolve("ws-local-primer.log"))) {
                    lines.filter(line -> line.startsWith("  Functions ")).findFirst().ifPresent(line ->
                            System.out.println("ws-local's functions: " + line.substring(11).trim()));
                }
            }
            for (int round = 1; round <= rounds; round++) {
                for (Target target : targets()) {
                    System.out.printf(Locale.ROOT, "round %d: %s (load average %s)%n", round, label(target),
                            loadAverage());
                    all.add(runOne(options, peer, clients, target, round, jar, ports, phases, results));
                }
            }
        }
        print(all, rounds);
    }

    private static Round runOne(Bench.Options options, PeerFolder peer, WsClients clients, Target target, int round,
                                Path jar, int[] ports, List<String> phases, Path results) throws Exception {
        String name = label(target) + "-round" + round;
        URI url;
        ServerProcess server;
        switch (target) {
            case FLOOR -> {
                url = URI.create("ws://127.0.0.1:" + ports[0]);
                server = ServerProcess.start(name, List.of("node", "echo-server.mjs", Integer.toString(ports[0])),
                        peer.scratch(), results.resolve(name + ".server.log"), line -> line.contains("listening"));
            }
            case WS_LOCAL -> {
                url = wsLocalUrl(ports[1]);
                server = startWsLocal(options, jar, ports[1], results.resolve(name + ".server.log"));
            }
            default -> {
                for (int port : PEER_PORTS) {
                    if (!FreePorts.isFree(port)) {
                        throw new IllegalStateException("port " + port + " is in use: serverless-offline's start "
                                + "script needs 3000-3002; stop what listens there");
                    }
                }
                url = URI.create("ws://127.0.0.1:" + PEER_PORT);
                server = ServerProcess.start(name, List.of("./start-offline.sh", "inprocess"), peer.scratch(),
                        results.resolve(name + ".server.log"), peerReady());
            }
        }
        try (server) {
            Duration ready = server.awaitReady(START_LIMIT);
            if (target == Target.FLOOR) {
                // The floor's first echo is not a target: warm this JVM's client instead, for the servers after it.
                for (int i = 0; i < 20; i++) {
                    FirstEcho.measure(clients, url, Duration.ofSeconds(10));
                }
            }
            Duration first = FirstEcho.measure(clients, url, Duration.ofSeconds(60));
            LoadClient.Result load = LoadClient.run(peer, url, label(target), server.tree(), phases,
                    results.resolve(name + ".bench.log"));
            Files.writeString(results.resolve(name + ".json"), load.summary().toString());
            Round result = new Round(target, round, ready.toNanos() / 1e6, first.toNanos() / 1e6, load);
            System.out.printf(Locale.ROOT, "  ready %.0f ms, first echo %.0f ms, echo msgs/s %s / %s / %s, "
                            + "connects/s %s, tree RSS at 50 clients %.0f MB%n", result.startToReadyMs(),
                    result.firstEchoMs(), fmt(metric("echo.c1.msgsPerSec").apply(result)),
                    fmt(metric("echo.c10.msgsPerSec").apply(result)), fmt(metric("echo.c50.msgsPerSec").apply(result)),
                    fmt(metric("connSequential.connectsPerSec").apply(result)), rssAt50(result));
            return result;
        }
    }

    // ---- servers ----

    private static ServerProcess startWsLocal(Bench.Options options, Path jar, int port, Path log) throws Exception {
        return ServerProcess.start("ws-local", wsLocalCommand(options, jar, port), options.root(), log,
                line -> line.startsWith("Ready:"));
    }

    static List<String> wsLocalCommand(Bench.Options options, Path jar, int port) {
        String shown = jar.startsWith(options.root()) ? options.root().relativize(jar).toString() : jar.toString();
        List<String> command = new ArrayList<>(List.of(RuntimeOptions.currentJava().toString(), "-jar", shown,
                "--port", Integer.toString(port)));
        if (!options.java().toString().equals(RuntimeOptions.currentJava().toString())) {
            command.addAll(List.of("--java", options.java().toString()));
        }
        String extra = System.getProperty("bench.wslocal.args", "").trim();
        if (!extra.isEmpty()) {
            command.addAll(Arrays.asList(extra.split("\\s+")));
        }
        return command;
    }

    private static URI wsLocalUrl(int port) {
        return URI.create("ws://127.0.0.1:" + port + "/dev");
    }

    /** serverless-offline is ready once both its WebSocket server and its @connections endpoint listen. */
    private static Predicate<String> peerReady() {
        boolean[] seen = new boolean[2];
        return line -> {
            if (line.contains("Offline [websocket] listening")) {
                seen[0] = true;
            } else if (line.contains("Offline [http for websocket] listening")) {
                seen[1] = true;
            }
            return seen[0] && seen[1];
        };
    }

    /** Every server, or those {@code -Dbench.targets=floor,ws-local,peer} names (to look at one while working). */
    private static List<Target> targets() {
        String wanted = System.getProperty("bench.targets");
        if (wanted == null) {
            return List.of(Target.values());
        }
        List<String> names = Arrays.asList(wanted.split(","));
        return Arrays.stream(Target.values()).filter(target -> names.contains(label(target))).toList();
    }

    /** The floor's and ws-local's ports: {@code -Dbench.ports=<first>} (it and the next), else free ones. */
    private static int[] ports() {
        String first = System.getProperty("bench.ports");
        if (first != null) {
            int port = Integer.parseInt(first);
            return new int[] {port, port + 1};
        }
        int floor = FreePorts.find();
        return new int[] {floor, FreePorts.find(Set.of(floor))};
    }

    private static String label(Target target) {
        return switch (target) {
            case FLOOR -> "floor";
            case WS_LOCAL -> "ws-local";
            case PEER -> "peer";
        };
    }

    private static String loadAverage() {
        try {
            return String.join(" ", Arrays.copyOf(Files.readString(Path.of("/proc/loadavg")).split(" "), 3));
        } catch (Exception e) {
            return "unknown";
        }
    }

    // ---- results ----

    /** A figure of one round, or null when the round has none. */
    static Function<Round, Double> metric(String path) {
        return round -> {
            JsonElement element = round.load().summary();
            for (String key : path.split("\\.")) {
                if (element != null && element.isJsonArray() && key.chars().allMatch(Character::isDigit)) {
                    int index = Integer.parseInt(key);
                    element = index < element.getAsJsonArray().size() ? element.getAsJsonArray().get(index) : null;
                } else if (element != null && element.isJsonObject()) {
                    element = ((JsonObject) element).get(key);
                } else {
                    return null;
                }
            }
            return element == null || !element.isJsonPrimitive() ? null : element.getAsDouble();
        };
    }

    private static double rssAt50(Round round) {
        LoadClient.PhaseSample sample = round.load().phases().get("c50");
        return sample == null ? Double.NaN : sample.rssKb() / 1024.0;
    }

    private static double pssAt50(Round round) {
        LoadClient.PhaseSample sample = round.load().phases().get("c50");
        return sample == null ? Double.NaN : sample.pssKb() / 1024.0;
    }

    /** CPU of the server's whole tree per message of an echo level (its connects and warm-up included). */
    private static Function<Round, Double> cpuPerMessage(String level) {
        return round -> {
            LoadClient.PhaseSample sample = round.load().phases().get(level);
            Double ok = metric("echo." + level + ".ok").apply(round);
            return sample == null || ok == null || ok == 0 ? null : sample.cpuMs() / ok;
        };
    }

    private static Function<Round, Double> cpuPerConnect() {
        return round -> {
            LoadClient.PhaseSample sample = round.load().phases().get("conn1");
            Double done = metric("connSequential.completed").apply(round);
            return sample == null || done == null || done == 0 ? null : sample.cpuMs() / done;
        };
    }

    private static Function<Round, Double> failures() {
        return round -> {
            double failed = 0;
            for (String level : List.of("c1", "c10", "c50")) {
                Double attempted = metric("echo." + level + ".attempted").apply(round);
                Double ok = metric("echo." + level + ".ok").apply(round);
                if (attempted != null && ok != null) {
                    failed += attempted - ok;
                }
            }
            Double connectErrors = metric("connConcurrent.errors").apply(round);
            Double sequentialErrors = metric("connSequential.errors").apply(round);
            return failed + (connectErrors == null ? 0 : connectErrors) + (sequentialErrors == null ? 0 : sequentialErrors);
        };
    }

    /** One row: a figure per server; for ws-local, its ratio to the peer and whether the target is met. */
    private record Row(String name, Function<Round, Double> value, String format, Goal target) {}

    /** A target on ws-local's figure against the peer's (or an absolute bound). */
    private record Goal(String text, java.util.function.BiPredicate<Double, Double> met) {
        static Goal none() {
            return new Goal("", null);
        }
    }

    private static void print(List<Round> rounds, int count) {
        Goal atLeastPeer = new Goal("≥ 1.0x peer", (local, peer) -> local >= peer);
        List<Row> rows = List.of(
                new Row("echo msgs/s, 1 client", metric("echo.c1.msgsPerSec"), "%.0f", atLeastPeer),
                new Row("echo msgs/s, 10 clients", metric("echo.c10.msgsPerSec"), "%.0f", atLeastPeer),
                new Row("echo msgs/s, 50 clients", metric("echo.c50.msgsPerSec"), "%.0f", atLeastPeer),
                new Row("echo p50 ms, 1 client", metric("echo.c1.p50ms"), "%.1f", Goal.none()),
                new Row("echo p50 ms, 10 clients", metric("echo.c10.p50ms"), "%.1f", Goal.none()),
                new Row("echo p99 ms, 10 clients", metric("echo.c10.p99ms"), "%.1f",
                        new Goal("≤ peer", (local, peer) -> local <= peer)),
                new Row("echo p99 ms, 50 clients", metric("echo.c50.p99ms"), "%.1f", Goal.none()),
                new Row("connects/s, one at a time", metric("connSequential.connectsPerSec"), "%.0f",
                        new Goal("≥ 0.5x peer", (local, peer) -> local >= 0.5 * peer)),
                new Row("connects/s, 50 at a time", metric("connConcurrent.connectsPerSec"), "%.0f", Goal.none()),
                new Row("first connect + echo after the ready line, ms", Round::firstEchoMs, "%.0f",
                        new Goal("≤ 200 ms", (local, peer) -> local <= 200)),
                new Row("start to ready line, ms", Round::startToReadyMs, "%.0f",
                        new Goal("≤ 3,600 ms (before)", (local, peer) -> local <= 3600)),
                new Row("RSS MB, server + its processes, end of 50 clients", PeerBench::rssAt50, "%.0f",
                        new Goal("≤ 1024 MB", (local, peer) -> local <= 1024)),
                new Row("PSS MB (shared pages counted once), same moment", PeerBench::pssAt50, "%.0f", Goal.none()),
                new Row("peak RSS MB, server + its processes", r -> r.load().peakRssKb() / 1024.0, "%.0f",
                        Goal.none()),
                new Row("CPU ms per echo, all server processes, 1 client", cpuPerMessage("c1"), "%.2f",
                        Goal.none()),
                new Row("CPU ms per echo, all server processes, 10 clients", cpuPerMessage("c10"), "%.2f",
                        Goal.none()),
                new Row("CPU ms per echo, all server processes, 50 clients", cpuPerMessage("c50"), "%.2f",
                        Goal.none()),
                new Row("CPU ms per connect + close, all server processes", cpuPerConnect(), "%.2f", Goal.none()),
                new Row("server CPU ms per 1k msgs (bench.mjs, main process only), 10 clients",
                        metric("echo.c10.serverCpuMsPer1kMsgs"), "%.0f", Goal.none()),
                new Row("echo replies missing + connects refused", failures(), "%.0f", Goal.none()),
                new Row("load average (1 min) at the start", metric("loadavgStart.0"), "%.1f", Goal.none()));
        System.out.println();
        System.out.println("Medians of " + count + " round(s):");
        System.out.println();
        System.out.println("| figure | floor | peer | ws-local | ws-local / peer | target | met? |");
        System.out.println("|---|---|---|---|---|---|---|");
        for (Row row : rows) {
            Map<Target, Double> medians = new LinkedHashMap<>();
            for (Target target : Target.values()) {
                List<Double> values = rounds.stream().filter(r -> r.target() == target).map(row.value())
                        .filter(v -> v != null && !v.isNaN()).toList();
                medians.put(target, values.isEmpty() ? null : Stats.of(values).median());
            }
            Double local = medians.get(Target.WS_LOCAL);
            Double peerValue = medians.get(Target.PEER);
            String ratio = local == null || peerValue == null || peerValue == 0 ? "–"
                    : String.format(Locale.ROOT, "%.2fx", local / peerValue);
            String met = row.target().met() == null || local == null ? ""
                    : row.target().met().test(local, peerValue == null ? Double.NaN : peerValue) ? "yes" : "**no**";
            System.out.printf(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s |%n", row.name(),
                    fmt(medians.get(Target.FLOOR), row.format()), fmt(peerValue, row.format()),
                    fmt(local, row.format()), ratio, row.target().text(), met);
        }
        System.out.println();
        System.out.println("Per round (echo msgs/s at 1 / 10 / 50 clients; connects/s one at a time):");
        for (Target target : Target.values()) {
            StringBuilder line = new StringBuilder("- " + label(target) + ":");
            rounds.stream().filter(r -> r.target() == target).forEach(r -> line.append(String.format(Locale.ROOT,
                    " round %d %s / %s / %s, %s;", r.number(), fmt(metric("echo.c1.msgsPerSec").apply(r)),
                    fmt(metric("echo.c10.msgsPerSec").apply(r)), fmt(metric("echo.c50.msgsPerSec").apply(r)),
                    fmt(metric("connSequential.connectsPerSec").apply(r)))));
            System.out.println(line);
        }
    }

    private static String fmt(Double value) {
        return fmt(value, "%.0f");
    }

    private static String fmt(Double value, String format) {
        return value == null || value.isNaN() ? "–" : String.format(Locale.ROOT, format, value);
    }
}
