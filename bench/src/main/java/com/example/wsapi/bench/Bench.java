package com.example.wsapi.bench;

import com.example.wsapi.local.log.LogSink;
import com.example.wsapi.local.lambda.RuntimeOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The benchmarks, each measured beside its floor in the same run and reported as a ratio. Run by {@code bench/run}
 * after {@code mvn -DskipTests package}; never part of {@code mvn verify}.
 */
public final class Bench {

    /** What every benchmark gets from the command line. */
    record Options(Path root, Path java, boolean quick, Integer runs, List<String> jvmOptions, boolean logs,
                   boolean classDataCache) {

        /** ws-local's runtime defaults with this run's function java, JVM options, log sink and class-data cache. */
        RuntimeOptions runtimeOptions() {
            RuntimeOptions runtime = RuntimeOptions.defaults().withJavaExecutable(java).withJvmOptions(jvmOptions)
                    .withLogSink(logSink());
            return classDataCache ? runtime : runtime.withClassDataCache(null);
        }


        /** Where the function JVMs' output goes: nowhere, unless --logs asked for it (on standard error). */
        LogSink logSink() {
            return logs ? System.err::println : line -> {};
        }


        int runsOr(int full, int quick) {
            return runs != null ? runs : quick() ? quick : full;
        }
    }

    interface Benchmark {
        void run(Options options) throws Exception;
    }

    static final Map<String, Benchmark> BENCHMARKS = new LinkedHashMap<>();

    static {
        BENCHMARKS.put("coldstart", ColdStartBench::run);
        BENCHMARKS.put("artifacts", ArtifactBench::run);
        BENCHMARKS.put("warm", WarmInvokeBench::run);
        BENCHMARKS.put("echo", EchoBench::run);
        BENCHMARKS.put("connect", ConnectBench::run);
        BENCHMARKS.put("broadcast", BroadcastBench::run);
        BENCHMARKS.put("readcost", ReadCostBench::run);
        BENCHMARKS.put("memory", MemoryBench::run);
        BENCHMARKS.put("peer", PeerBench::run);
    }

    private Bench() {}

    public static void main(String[] args) throws Exception {
        List<String> names = new ArrayList<>();
        Path java = RuntimeOptions.currentJava();
        boolean quick = false;
        boolean logs = false;
        boolean classDataCache = true;
        Integer runs = null;
        List<String> jvmOptions = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--java" -> java = Path.of(value(args, ++i, "--java"));
                case "--quick" -> quick = true;
                case "--logs" -> logs = true;
                case "--no-class-data-cache" -> classDataCache = false;
                case "--runs" -> runs = Integer.parseInt(value(args, ++i, "--runs"));
                case "--jvm-option" -> jvmOptions.add(value(args, ++i, "--jvm-option"));
                case "-h", "--help" -> {
                    usage();
                    return;
                }
                default -> {
                    if (args[i].equals("all")) {
                        names.addAll(BENCHMARKS.keySet());
                    } else if (BENCHMARKS.containsKey(args[i])) {
                        names.add(args[i]);
                    } else {
                        System.err.println("bench: unknown benchmark or option '" + args[i] + "'");
                        usage();
                        System.exit(2);
                    }
                }
            }
        }
        // The gateway logs every connection and message at INFO: keep the console to the results unless --logs.
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", logs ? "info" : "warn");
        if (names.isEmpty()) {
            usage();
            System.exit(2);
        }
        if (!Files.isExecutable(java)) {
            System.err.println("bench: --java " + java + " is not an executable java launcher");
            System.exit(2);
        }
        Path root = Path.of(System.getProperty("project.root", ".")).toAbsolutePath().normalize();
        if (!Files.isRegularFile(root.resolve("template.yaml"))) {
            System.err.println("bench: no template.yaml in " + root + ": run from the project root (bench/run does)");
            System.exit(2);
        }
        Options options = new Options(root, java, quick, runs, List.copyOf(jvmOptions), logs, classDataCache);
        System.out.println("## machine\n```\n" + Machine.describe(java) + "\n```");
        for (String name : names) {
            System.out.println("\n## " + name + (quick ? " (quick)" : ""));
            BENCHMARKS.get(name).run(options);
        }
        // Netty's and DynamoDB Local's non-daemon threads must not keep a finished run alive.
        System.exit(0);
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            System.err.println("bench: " + option + " needs a value");
            System.exit(2);
        }
        return args[i];
    }

    private static void usage() {
        System.err.println("usage: bench/run [--quick] [--runs N] [--java <java>] [--jvm-option <opt>]... [--no-class-data-cache] [--logs] <benchmark>...\n"
                + "benchmarks: all " + String.join(" ", BENCHMARKS.keySet()));
    }
}
