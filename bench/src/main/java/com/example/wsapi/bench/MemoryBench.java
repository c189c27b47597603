package com.example.wsapi.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Resident memory per idle connection: a ws-local process started as {@code java -jar ws-local/target/ws-local.jar}
 * (its $connect function storing every connection), RSS from /proc/<pid>/status before and after opening N idle
 * connections; the floor is a bare Netty WebSocket server process measured the same way, one after the other.
 */
final class MemoryBench {

    private static final Pattern READY = Pattern.compile("Ready: wscat -c (\\S+)");
    private static final Pattern DYNAMODB = Pattern.compile("DynamoDB Local (http://\\S+)");
    private static final Pattern HEAP_USED = Pattern.compile("used (\\d+)K");

    /** JVM settings of both servers: as started by hand, and with a fixed, pre-touched heap. */
    static final List<String> HEAP_SETTINGS = List.of("", "-Xms1g -Xmx1g -XX:+AlwaysPreTouch");

    record Growth(String server, String heap, int connections, long rssBeforeKb, long rssAfterKb, long heapBeforeKb,
                  long heapAfterKb, double seconds, String nmt) {

        double rssBytesPerConnection() {
            return (rssAfterKb - rssBeforeKb) * 1024.0 / connections;
        }

        double heapBytesPerConnection() {
            return (heapAfterKb - heapBeforeKb) * 1024.0 / connections;
        }
    }

    /** -Dbench.nmt=true: both servers run with Native Memory Tracking, and its diff per server is printed. */
    static final boolean NMT = Boolean.getBoolean("bench.nmt");

    /**
     * -Dbench.trim=true: before each RSS reading, the server's C heap gives back what was freed but kept
     * ({@code jcmd System.trim_native_heap}; glibc keeps it otherwise): RSS then counts what is held.
     */
    static final boolean TRIM = Boolean.getBoolean("bench.trim");

    private MemoryBench() {}

    private static ProcessBuilder withJvmSettings(ProcessBuilder builder, String heap) {
        String options = (heap + (NMT ? " -XX:NativeMemoryTracking=summary" : "")).trim();
        if (!options.isEmpty()) {
            builder.environment().put("JAVA_TOOL_OPTIONS", options);
        }
        return builder;
    }

    static void run(Bench.Options options) throws Exception {
        int connections = options.quick() ? 500 : 10_000;
        Path java = Path.of(ProcessHandle.current().info().command().orElse("java"));
        Path jar = options.root().resolve("ws-local/target/ws-local.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("no " + jar + ": build it with mvn -DskipTests package");
        }
        System.out.println("ws-local and the floor run on " + java + "; functions on " + options.java() + "; "
                + connections + " idle connections each; open file limit "
                + Machine.run(List.of("sh", "-c", "ulimit -n")).trim() + "; JVM settings through JAVA_TOOL_OPTIONS");
        List<Growth> results = new ArrayList<>();
        try (WsClients clients = new WsClients(2)) {
            for (String heap : HEAP_SETTINGS) {
                Path floorLog = Files.createTempFile("bench-bare-server-", ".log");
                Process floor = withJvmSettings(new ProcessBuilder(java.toString(), "-cp",
                        System.getProperty("java.class.path"), BareServer.class.getName()), heap)
                        .redirectErrorStream(true).redirectOutput(floorLog.toFile()).start();
                try {
                    URI url = URI.create(awaitLine(floorLog, Pattern.compile("READY (\\S+)"), floor).group(1));
                    results.add(measure("bare Netty server (floor)", heap, floor, java, clients, url, connections,
                            null));
                } finally {
                    stop(floor);
                    Files.deleteIfExists(floorLog);
                }
                Path localLog = Files.createTempFile("bench-ws-local-", ".log");
                Process local = withJvmSettings(new ProcessBuilder(java.toString(), "-jar", jar.toString(), "--port",
                        Integer.toString(freePort()), "--java", options.java().toString()), heap)
                        .directory(options.root().toFile()).redirectErrorStream(true)
                        .redirectOutput(localLog.toFile()).start();
                try {
                    URI url = URI.create(awaitLine(localLog, READY, local).group(1));
                    URI dynamo = URI.create(awaitLine(localLog, DYNAMODB, local).group(1));
                    results.add(measure("ws-local", heap, local, java, clients, url, connections, dynamo));
                } finally {
                    stop(local);
                    Files.deleteIfExists(localLog);
                }
            }
        }
        System.out.println();
        System.out.println("| JVM settings | server | connections | RSS before → after (MB) | RSS bytes per connection "
                + "| / floor | live heap bytes per connection (after full GCs) | / floor | open time s |");
        System.out.println("|---|---|---|---|---|---|---|---|---|");
        for (int i = 0; i < results.size(); i += 2) {
            Growth floor = results.get(i);
            for (Growth growth : results.subList(i, i + 2)) {
                System.out.printf(Locale.ROOT, "| %s | %s | %d | %.0f → %.0f | %.0f | %s | %.0f | %s | %.0f |%n",
                        growth.heap().isEmpty() ? "defaults" : growth.heap(), growth.server(),
                        growth.connections(), growth.rssBeforeKb() / 1024.0, growth.rssAfterKb() / 1024.0,
                        growth.rssBytesPerConnection(),
                        Stats.ratio(growth.rssBytesPerConnection(), floor.rssBytesPerConnection()),
                        growth.heapBytesPerConnection(),
                        Stats.ratio(growth.heapBytesPerConnection(), floor.heapBytesPerConnection()),
                        growth.seconds());
            }
        }
        for (Growth growth : results) {
            if (!growth.nmt().isBlank()) {
                System.out.println("\nNative Memory Tracking, " + growth.server() + ", " + growth.heap()
                        + " (diff over the connections):\n" + growth.nmt().lines()
                        .filter(l -> l.startsWith("-") || l.startsWith("Total")).collect(Collectors.joining("\n")));
            }
        }
    }

    static Growth measure(String name, String heap, Process server, Path java, WsClients clients, URI url,
                          int connections, URI dynamo) throws Exception {
        // Warm-up: the handshake path compiled (500 handshakes left it compiling during the measurement),
        // $connect/$disconnect instances started, buffers pooled; what grows after is what idle connections hold.
        List<WsClients.Client> warm = Connections.open(clients, url, Math.min(3000, connections), 10);
        warm.forEach(WsClients.Client::abort);
        settle(dynamo);
        trimNativeHeap(java, server.pid());
        long rssBefore = rssKb(server.pid());
        long heapBefore = heapAfterGc(java, server.pid());
        if (NMT) {
            Machine.run(List.of(java.resolveSibling("jcmd").toString(), Long.toString(server.pid()),
                    "VM.native_memory", "baseline"));
        }
        long start = System.nanoTime();
        List<WsClients.Client> open = Connections.open(clients, url, connections, 10);
        double seconds = (System.nanoTime() - start) / 1e9;
        Thread.sleep(10_000); // idle: whatever the last handshakes left pending is done
        trimNativeHeap(java, server.pid());
        long rssAfter = rssKb(server.pid());
        long heapAfter = heapAfterGc(java, server.pid());
        String nmt = NMT ? Machine.run(List.of(java.resolveSibling("jcmd").toString(), Long.toString(server.pid()),
                "VM.native_memory", "summary.diff", "scale=KB")) : "";
        open.forEach(WsClients.Client::abort);
        return new Growth(name, heap, open.size(), rssBefore, rssAfter, heapBefore, heapAfter, seconds, nmt);
    }

    /** Waits until ws-local's $disconnect removed every record (DynamoDB Local's endpoint), or a moment for the floor. */
    static void settle(URI dynamo) throws InterruptedException {
        if (dynamo == null) {
            Thread.sleep(2000);
            return;
        }
        try (DynamoDbClient client = DynamoDbClient.builder().endpointOverride(dynamo).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b")))
                .httpClientBuilder(UrlConnectionHttpClient.builder()).build()) {
            String table = client.listTables().tableNames().get(0);
            long deadline = System.nanoTime() + Duration.ofMinutes(6).toNanos();
            while (client.scan(b -> b.tableName(table).select("COUNT")).count() > 0) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("connection records remain 6 minutes after closing");
                }
                Thread.sleep(200);
            }
        }
        Thread.sleep(2000);
    }

    static void trimNativeHeap(Path java, long pid) {
        if (!TRIM) {
            return;
        }
        String out = Machine.run(List.of(java.resolveSibling("jcmd").toString(), Long.toString(pid),
                "System.trim_native_heap"));
        if (!out.contains("Trim native heap")) {
            throw new IllegalStateException("-Dbench.trim=true needs a JDK whose jcmd has System.trim_native_heap"
                    + " (17.0.15 has it): run without it or on such a JDK; jcmd said: " + out.strip());
        }
    }

    static long rssKb(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.substring(6).trim().split("\\s+")[0]);
            }
        }
        throw new IllegalStateException("no VmRSS in /proc/" + pid + "/status");
    }

    /** Heap in use after a full GC (jcmd GC.run, then GC.heap_info): the memory the connections really hold. */
    static long heapAfterGc(Path java, long pid) throws IOException, InterruptedException {
        Path jcmd = java.resolveSibling("jcmd");
        Machine.run(List.of(jcmd.toString(), Long.toString(pid), "GC.run"));
        Matcher matcher = HEAP_USED.matcher(Machine.run(List.of(jcmd.toString(), Long.toString(pid),
                "GC.heap_info")));
        return matcher.find() ? Long.parseLong(matcher.group(1)) : -1;
    }

    static Matcher awaitLine(Path log, Pattern pattern, Process process) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            Matcher matcher = pattern.matcher(Files.readString(log));
            if (matcher.find()) {
                return matcher;
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("the server exited: " + Files.readString(log));
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("the server did not print " + pattern + " within 120 s: "
                + Files.readString(log));
    }

    static void stop(Process process) throws InterruptedException {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
