package com.example.wsapi.bench;

import com.example.wsapi.local.LocalApi;
import com.example.wsapi.local.lambda.FunctionCode;
import com.example.wsapi.local.lambda.FunctionSettings;
import com.example.wsapi.local.lambda.LambdaRuntime;
import com.example.wsapi.local.lambda.RuntimeOptions;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Cold start per function: a fresh function JVM started by ws-local's {@link LambdaRuntime} (the runtime interface
 * client against the local Runtime API) until the first response to the route's sample event, with DynamoDB Local and
 * {@code @connections} on loopback. The floor is a hello-world handler through the same path, measured alternately.
 */
final class ColdStartBench {

    static final String FLOOR = "HelloFloor";
    static final String FLOOR_HANDLER = "com.example.wsapi.bench.hello.HelloHandler::handleRequest";
    /** The sample event of each function's route. */
    static final Map<String, String> EVENTS = Map.of(
            "ConnectFunction", "connect.json",
            "DisconnectFunction", "disconnect.json",
            "DefaultFunction", "default.json",
            "EchoFunction", "echo.json",
            "JoinRoomFunction", "joinroom.json",
            "SendMessageFunction", "sendmessage.json");
    /** Routes whose sample event is pointed at a live connection, so that their posts succeed. */
    static final Set<String> POSTS_TO_SENDER = Set.of("DefaultFunction", "EchoFunction", "JoinRoomFunction",
            "SendMessageFunction");
    private static final Pattern INIT_DURATION = Pattern.compile("Init Duration: ([0-9.]+) ms");
    private static final Duration RESPONSE_WAIT = Duration.ofSeconds(60);

    record Target(String name, FunctionSettings settings, String event) {}

    record Sample(double wallMs, double cpuMs, double initMs, int statusCode) {}

    record ClassCount(int total, int cds, int jdk, int app) {}

    private ColdStartBench() {}

    static void run(Bench.Options options) throws Exception {
        int runs = options.runsOr(10, 1);
        verbose = options.logs();
        RuntimeOptions runtimeOptions = options.runtimeOptions();
        try (LocalApi api = LocalStack.start(options, 1, runtimeOptions)) {
            WebSocket live = connect(api);
            String liveId = liveConnectionId(api);
            List<Target> targets = targets(options, api, liveId);
            if (options.quick()) {
                // Quick mode (CI): the floor and the two functions the target names.
                targets.removeIf(t -> !Set.of(FLOOR, "EchoFunction", "ConnectFunction").contains(t.name()));
            }
            System.out.println("function JVM: " + options.java() + ", extra JVM options: " + options.jvmOptions()
                    + ", class-data cache: " + (runtimeOptions.classDataCache() == null ? "off"
                    : runtimeOptions.classDataCache() + " (the unmeasured first start of each function records it)")
                    + ", " + runs + " runs each, alternating with the floor (" + FLOOR + ")");

            // One unmeasured start each: the page cache holds every jar before the first measured run.
            for (Target target : targets) {
                coldStart(runtimeOptions, target, List.of());
            }
            Map<String, List<Sample>> samples = new LinkedHashMap<>();
            targets.forEach(t -> samples.put(t.name(), new ArrayList<>()));
            for (int run = 0; run < runs; run++) {
                for (Target target : targets) {
                    samples.get(target.name()).add(coldStart(runtimeOptions, target, List.of()));
                }
            }
            Map<String, ClassCount> classes = new LinkedHashMap<>();
            Path logs = Files.createTempDirectory("bench-classload-");
            try {
                for (Target target : targets) {
                    Path log = logs.resolve(target.name() + ".log");
                    coldStart(runtimeOptions, target, List.of("-Xlog:class+load=info:file=" + log));
                    classes.put(target.name(), countClasses(log));
                }
            } finally {
                try (Stream<Path> files = Files.list(logs)) {
                    for (Path file : files.toList()) {
                        Files.deleteIfExists(file);
                    }
                }
                Files.deleteIfExists(logs);
            }
            live.abort();
            print(samples, classes);
        }
    }

    static List<Target> targets(Bench.Options options, LocalApi api, String liveId) throws IOException {
        List<Target> targets = new ArrayList<>();
        FunctionSettings echo = LocalStack.settings(api, "EchoFunction", 1);
        Map<String, String> floorEnv = new HashMap<>();
        // The same JVM flags the template gives every function (Globals JAVA_TOOL_OPTIONS).
        if (echo.environment().containsKey("JAVA_TOOL_OPTIONS")) {
            floorEnv.put("JAVA_TOOL_OPTIONS", echo.environment().get("JAVA_TOOL_OPTIONS"));
        }
        targets.add(new Target(FLOOR, new FunctionSettings(FLOOR, FLOOR_HANDLER,
                FunctionCode.classpath(options.root(), FLOOR, Path.of("bench/hello-function")), floorEnv,
                echo.timeout(), echo.memoryMb(), 1), "{\"hello\":\"world\"}"));
        for (String name : api.template().functions().keySet()) {
            String eventFile = EVENTS.get(name);
            if (eventFile == null) {
                continue;
            }
            JsonObject event = JsonParser.parseString(Files.readString(options.root().resolve("events")
                    .resolve(eventFile))).getAsJsonObject();
            if (POSTS_TO_SENDER.contains(name)) {
                event.getAsJsonObject("requestContext").addProperty("connectionId", liveId);
            }
            targets.add(new Target(name, LocalStack.settings(api, name, 1), event.toString()));
        }
        return targets;
    }

    /** One cold start in a runtime of its own, so that nothing of an earlier start is reused. */
    /** --logs: each cold start's function output, after it (the runtime's own sink only collects it). */
    static boolean verbose;

    static Sample coldStart(RuntimeOptions runtimeOptions, Target target, List<String> extraJvmOptions)
            throws Exception {
        List<String> logLines = new CopyOnWriteArrayList<>();
        List<String> jvmOptions = new ArrayList<>(runtimeOptions.jvmOptions());
        jvmOptions.addAll(extraJvmOptions);
        LambdaRuntime runtime = new LambdaRuntime(runtimeOptions.withJvmOptions(jvmOptions)
                .withLogSink(line -> logLines.add(line.toString())));
        try {
            runtime.register(target.settings());
            Set<Long> before = childPids();
            long start = System.nanoTime();
            String response;
            try {
                response = runtime.invoke(target.name(), target.event())
                        .get(RESPONSE_WAIT.toSeconds(), TimeUnit.SECONDS);
            } catch (Exception e) {
                logLines.forEach(System.err::println);
                throw new IllegalStateException(target.name() + " failed its cold start: " + e, e);
            }
            double wallMs = (System.nanoTime() - start) / 1e6;
            ProcessHandle process = ProcessHandle.current().children()
                    .filter(p -> !before.contains(p.pid()))
                    .filter(p -> p.info().arguments().map(a -> List.of(a).contains(target.settings().handler()))
                            .orElse(false))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("no process of " + target.name()));
            double cpuMs = cpuMillis(process);
            double initMs = awaitInitDuration(logLines);
            return new Sample(wallMs, cpuMs, initMs, statusCode(response));
        } finally {
            runtime.close();
            if (verbose) {
                logLines.forEach(System.err::println);
            }
        }
    }

    private static Set<Long> childPids() {
        return ProcessHandle.current().children().map(ProcessHandle::pid).collect(Collectors.toSet());
    }

    /** User + system CPU of the process so far (/proc/<pid>/stat), every thread: JIT, GC and class loading too. */
    static double cpuMillis(ProcessHandle process) {
        return process.info().totalCpuDuration().map(d -> d.toNanos() / 1e6).orElse(Double.NaN);
    }

    /** Lambda's "Init Duration" from the REPORT line: process start until the runtime first asked for an event. */
    private static double awaitInitDuration(List<String> logLines) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < deadline) {
            for (String line : logLines) {
                Matcher matcher = INIT_DURATION.matcher(line);
                if (line.contains("REPORT") && matcher.find()) {
                    return Double.parseDouble(matcher.group(1));
                }
            }
            Thread.sleep(5);
        }
        return Double.NaN;
    }

    private static int statusCode(String response) {
        try {
            JsonObject json = JsonParser.parseString(response).getAsJsonObject();
            return json.has("statusCode") ? json.get("statusCode").getAsInt() : -1;
        } catch (RuntimeException e) {
            return -1;
        }
    }

    /** Classes loaded, by where they came from: the CDS archive, the JDK's modules, or the class path. */
    static ClassCount countClasses(Path log) throws IOException, InterruptedException {
        // The function process was killed: give the OS a moment to have the file complete.
        Thread.sleep(100);
        int total = 0;
        int cds = 0;
        int jdk = 0;
        int app = 0;
        for (String line : Files.readAllLines(log)) {
            if (!line.contains("[class,load]")) {
                continue;
            }
            total++;
            if (line.contains("source: shared objects file")) {
                cds++;
            } else if (line.contains("source: jrt:/")) {
                jdk++;
            } else if (line.contains("source: file:") || line.contains("source: jar:")) {
                app++;
            }
        }
        return new ClassCount(total, cds, jdk, app);
    }

    static WebSocket connect(LocalApi api) throws Exception {
        return HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(api.gateway().webSocketUrl(), new WebSocket.Listener() {})
                .get(RESPONSE_WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    static String liveConnectionId(LocalApi api) {
        String table = api.template().tables().get(0).tableName();
        return api.dynamo().client().scan(b -> b.tableName(table).consistentRead(true)).items().stream()
                .map(item -> item.get("connectionId").s())
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("$connect stored no connection record"));
    }

    private static void print(Map<String, List<Sample>> samples, Map<String, ClassCount> classes) {
        Stats floorWall = Stats.of(samples.get(FLOOR).stream().map(Sample::wallMs).toList());
        Stats floorCpu = Stats.of(samples.get(FLOOR).stream().map(Sample::cpuMs).toList());
        ClassCount floorClasses = classes.get(FLOOR);
        System.out.println();
        System.out.println("| function | wall ms, median (IQR) | wall / floor | CPU ms, median (IQR) | CPU / floor "
                + "| init ms, median | classes loaded (CDS / JDK / class path) | classes / floor | status |");
        System.out.println("|---|---|---|---|---|---|---|---|---|");
        for (Map.Entry<String, List<Sample>> entry : samples.entrySet()) {
            List<Sample> list = entry.getValue();
            Stats wall = Stats.of(list.stream().map(Sample::wallMs).toList());
            Stats cpu = Stats.of(list.stream().map(Sample::cpuMs).toList());
            Stats init = Stats.of(list.stream().map(Sample::initMs).toList());
            ClassCount count = classes.get(entry.getKey());
            String statuses = list.stream().map(s -> Integer.toString(s.statusCode())).distinct()
                    .collect(Collectors.joining(","));
            System.out.printf(Locale.ROOT, "| %s | %s | %s | %s | %s | %.0f | %d (%d / %d / %d) | %s | %s |%n",
                    entry.getKey(), wall.medianWithSpread("%.0f"), Stats.ratio(wall.median(), floorWall.median()),
                    cpu.medianWithSpread("%.0f"), Stats.ratio(cpu.median(), floorCpu.median()), init.median(),
                    count.total(), count.cds(), count.jdk(), count.app(),
                    Stats.ratio(count.total(), floorClasses.total()), statuses);
        }
        System.out.println();
        System.out.println("raw wall ms per run:");
        samples.forEach((name, list) -> System.out.println("  " + name + ": " + list.stream()
                .map(s -> String.format(Locale.ROOT, "%.0f", s.wallMs())).collect(Collectors.joining(" "))));
    }
}
