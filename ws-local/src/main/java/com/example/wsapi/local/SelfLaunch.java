package com.example.wsapi.local;

import com.example.wsapi.local.lambda.ClassDataCache;
import com.example.wsapi.local.lambda.RuntimeOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * {@code java -jar ws-local.jar} takes no JVM options, and ws-local wants some for itself: C1 alone
 * ({@code -XX:TieredStopAtLevel=1}: on a 2-core machine C2's compiling took 40% of ws-local's CPU in runs of thousands
 * of messages, and C1's tiered profiling half again as much CPU per handshake as C1 alone), and a class-data archive
 * of its own classes (recorded on the first run, in the function archives' cache: about 1.5 s less CPU to start),
 * and a small heap that grows as needed ({@link #INITIAL_HEAP}).
 * So {@code main} starts ws-local again in a child JVM with them and passes everything through: its arguments, the
 * JVM options it was started with, the standard streams (inherited), the exit status, and its end (a parent stopped by
 * a signal stops the child; a child whose parent vanished stops itself).
 * {@code -Dws-local.relaunch=false} runs ws-local in the first JVM, as started.
 */
final class SelfLaunch {

    /** Set in the child: it runs ws-local itself. */
    static final String CHILD = "ws-local.child";
    /**
     * Set in a child that records its archive: the file it creates once it is ready. Only such a run's archive is
     * kept; one that ended in its start (a port in use, a template error) holds few of them (3 of 55 MB).
     */
    static final String READY_FILE = "ws-local.ready-file";
    static final String RELAUNCH = "ws-local.relaunch";
    static final String C1_ONLY = "-XX:TieredStopAtLevel=1";
    /** Hot code compiled after a fifth of the usual calls: the gateway and DynamoDB Local warm up on fewer messages. */
    static final String SOONER_COMPILATION = "-XX:CompileThresholdScaling=0.2";
    /**
     * A heap that starts small and grows as needed, collected by the serial collector: G1's default start (1/64 of the
     * machine's memory) let ws-local's heap reach 530 MB under the peer benchmark; this, 170 MB.
     */
    static final String INITIAL_HEAP = "-Xms64m";
    static final String SERIAL_GC = "-XX:+UseSerialGC";
    /** Commands that do not run the API: the first JVM runs them as it is. */
    static final Set<String> SHORT_RUNS = Set.of("invoke", "token", "--help", "-h", "--version", "-V");
    /** How long a stopping parent waits for the child (it stops its functions, writing their archives). */
    private static final long STOP_SECONDS = 60;

    private SelfLaunch() {}

    /**
     * The child's command and its class-data archive, or empty when this JVM is to run ws-local itself.
     *
     * @param readyFile what the child creates once ready, when it records its archive; else null
     */
    record Plan(List<String> command, ClassDataCache.Launch archive, Path readyFile) {

        /** After the child exited: its recording is kept only if it got ready. */
        void childExited() {
            if (archive == null) {
                return;
            }
            boolean ready = readyFile != null && Files.exists(readyFile);
            archive.exited(ready);
            if (readyFile != null) {
                try {
                    Files.deleteIfExists(readyFile);
                } catch (IOException e) {
                    // An empty file left in the temp folder.
                }
            }
        }
    }

    /**
     * What to start, from this JVM's command line ({@code arguments}: everything after the {@code java} launcher):
     * nothing unless it was started with {@code -jar}, is not the child already, and was not told otherwise.
     *
     * @param cacheRoot the class-data cache (null: no archive)
     */
    static Optional<Plan> plan(Path java, List<String> arguments, Path cacheRoot) {
        int jar = arguments.indexOf("-jar");
        if (jar < 0 || jar + 1 >= arguments.size() || !Boolean.parseBoolean(System.getProperty(RELAUNCH, "true"))
                || Boolean.getBoolean(CHILD)) {
            return Optional.empty();
        }
        List<String> jvmOptions = arguments.subList(0, jar);
        Path jarFile = Path.of(arguments.get(jar + 1)).toAbsolutePath();
        List<String> programArguments = arguments.subList(jar + 2, arguments.size());
        if (!programArguments.isEmpty() && SHORT_RUNS.contains(programArguments.get(0))) {
            return Optional.empty(); // over in moments: a second JVM would only add its start
        }
        List<String> command = new ArrayList<>(List.of(java.toString(), C1_ONLY, SOONER_COMPILATION, INITIAL_HEAP));
        if (jvmOptions.stream().noneMatch(option -> option.matches("-XX:\\+Use\\w+GC"))) {
            command.add(SERIAL_GC); // two collectors would not start: the user's choice stands alone
        }
        ClassDataCache.Launch archive = null;
        Path readyFile = null;
        if (cacheRoot != null && Files.isRegularFile(jarFile)
                && !ClassDataCache.hooksClassLoading(jvmOptions)) {
            archive = ClassDataCache.create(cacheRoot, java)
                    .map(cache -> cache.prepare("ws-local", List.of(), List.of(jarFile), jvmOptions)).orElse(null);
            if (archive != null) {
                command.addAll(archive.jvmOptions());
                if (archive.records()) {
                    readyFile = Path.of(System.getProperty("java.io.tmpdir"), "ws-local-ready-" + UUID.randomUUID());
                    command.add("-D" + READY_FILE + "=" + readyFile);
                }
            }
        }
        command.addAll(jvmOptions); // the user's own come last: they win
        command.add("-D" + CHILD + "=true");
        command.addAll(List.of("-jar", jarFile.toString()));
        command.addAll(programArguments);
        return Optional.of(new Plan(command, archive, readyFile));
    }

    /** Where the archive goes: the cache that {@code --class-data-cache} names for the functions, or none for off. */
    static Path cacheRoot(List<String> programArguments) {
        int option = programArguments.indexOf("--class-data-cache");
        if (option >= 0 && option + 1 < programArguments.size()) {
            String value = programArguments.get(option + 1);
            return value.equals("off") ? null : Path.of(value);
        }
        for (String argument : programArguments) {
            if (argument.startsWith("--class-data-cache=")) {
                String value = argument.substring("--class-data-cache=".length());
                return value.equals("off") ? null : Path.of(value);
            }
        }
        return RuntimeOptions.defaultClassDataCache();
    }

    /** Runs the child to its end and returns its exit status; empty when it could not be started. */
    static Optional<Integer> run(Plan plan) {
        Process child;
        try {
            child = new ProcessBuilder(plan.command()).inheritIO().start();
        } catch (IOException e) {
            return Optional.empty();
        }
        // Stopped by a signal (Ctrl-C reaches both; a kill, only us): the child stops as ws-local stops, then we do.
        Thread stop = new Thread(() -> {
            if (child.isAlive()) {
                child.destroy();
                awaitExit(child, STOP_SECONDS);
            }
            plan.childExited(); // the JVM ends with this hook: publish what the child recorded now
        }, "ws-local-stop-child");
        Runtime.getRuntime().addShutdownHook(stop);
        int status = awaitExit(child, Long.MAX_VALUE);
        plan.childExited();
        return Optional.of(status);
    }

    /** In the child, once ready: tells the parent that what this JVM records is worth keeping. */
    static void signalReady() {
        String readyFile = System.getProperty(READY_FILE);
        if (readyFile == null) {
            return;
        }
        try {
            Files.createFile(Path.of(readyFile));
        } catch (IOException e) {
            // Not kept this time: the next start records the archive again.
        }
    }

    /** In the child: stop when the parent is gone (killed outright, it could not stop us). */
    static void followParent() {
        if (!Boolean.getBoolean(CHILD)) {
            return;
        }
        ProcessHandle.current().parent().ifPresent(parent -> parent.onExit().thenRun(() -> System.exit(143)));
    }

    /** The child's exit status once it has exited, or 1 when it is killed after {@code seconds}. */
    private static int awaitExit(Process child, long seconds) {
        try {
            if (child.waitFor(seconds, TimeUnit.SECONDS)) {
                return child.exitValue();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        child.destroyForcibly();
        return 1;
    }
}
