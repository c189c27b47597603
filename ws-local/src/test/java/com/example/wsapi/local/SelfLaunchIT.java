package com.example.wsapi.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.example.wsapi.local.lambda.JavaHome;
import com.example.wsapi.local.lambda.RuntimeOptions;
import com.example.wsapi.local.testing.Await;
import com.example.wsapi.local.testing.InstalledJava;
import com.example.wsapi.local.testing.ProjectApi;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code java -jar ws-local.jar} as users run it: ws-local runs in a child JVM with C1 alone and its archive. */
class SelfLaunchIT {

    private static final Duration BOUND = Duration.ofSeconds(90);

    @TempDir
    Path cache;

    /** A started ws-local: the process {@code java -jar} started, the child it started, and what they printed. */
    private record Started(Process parent, ProcessHandle child, List<String> output) {
        String childCommandLine() {
            return String.join(" ", child.info().arguments().orElse(new String[0]));
        }
    }

    private Started start() throws Exception {
        return start(RuntimeOptions.currentJava());
    }

    private Started start(Path java) throws Exception {
        Path jar = ProjectApi.root().resolve("ws-local/target/ws-local.jar");
        assertTrue(Files.isRegularFile(jar), "run after mvn package: " + jar);
        List<String> output = new CopyOnWriteArrayList<>();
        Process parent = new ProcessBuilder(java.toString(), "-jar", jar.toString(),
                "--port", "0", "--warm-containers", "LAZY", "--class-data-cache", cache.toString())
                .directory(ProjectApi.root().toFile()).redirectErrorStream(true).start();
        CompletableFuture<Void> ready = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(parent.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) {
                    output.add(line);
                    if (line.startsWith("Ready: ")) {
                        ready.complete(null);
                    }
                }
            } catch (IOException e) {
                // The process is gone.
            }
            ready.completeExceptionally(new AssertionError("ws-local ended before it was ready"));
        });
        reader.setDaemon(true);
        reader.start();
        ready.get(BOUND.toSeconds(), TimeUnit.SECONDS);
        List<ProcessHandle> children = parent.children().toList();
        assertEquals(1, children.size(), "one child JVM: " + children);
        return new Started(parent, children.get(0), output);
    }

    @Test
    void onJava22OrLater_startsWithoutNativeAccessWarnings() throws Exception {
        Optional<JavaHome> newer = InstalledJava.atLeast(22);
        assumeTrue(newer.isPresent(), "no Java 22 or later on this machine");
        Started started = start(newer.get().executable());
        try {
            // DynamoDB Local's SQLite loads a native library: without the jar's Enable-Native-Access attribute,
            // Java 22+ printed three WARNING lines on every start.
            assertEquals(List.of(), started.output().stream().filter(line -> line.startsWith("WARNING")).toList(),
                    String.join("\n", started.output()));
        } finally {
            started.parent().destroy();
            assertTrue(started.parent().waitFor(BOUND.toSeconds(), TimeUnit.SECONDS));
        }
    }

    @Test
    void javaDashJar_runsWsLocalInAChildWithC1Alone_stopsItWhenStopped_andItsArchiveServesTheNextStart()
            throws Exception {
        Started first = start();
        assertTrue(first.childCommandLine().contains(SelfLaunch.C1_ONLY), first.childCommandLine());
        assertTrue(first.childCommandLine().contains("-XX:ArchiveClassesAtExit="), first.childCommandLine());

        first.parent().destroy(); // SIGTERM, as a process manager stops it
        assertTrue(first.parent().waitFor(BOUND.toSeconds(), TimeUnit.SECONDS));
        Await.until("the child's exit", BOUND, () -> !first.child().isAlive());
        assertEquals(143, first.parent().exitValue(), "stopped by SIGTERM");
        assertTrue(archives().anyMatch(file -> file.getFileName().toString().equals("function.jsa")
                && file.getParent().getParent().getFileName().toString().startsWith("ws-local-")),
                "ws-local's own archive is in the cache");

        Started second = start();
        try {
            assertTrue(second.childCommandLine().contains("-XX:SharedArchiveFile="), second.childCommandLine());
        } finally {
            second.parent().destroyForcibly(); // killed outright: the child must notice and stop by itself
            Await.until("the orphaned child's exit", BOUND, () -> !second.child().isAlive());
        }
    }

    @Test
    void aRunThatEndsInItsStart_keepsNoArchive_andTheNextStartRecordsOne() throws Exception {
        Path jar = ProjectApi.root().resolve("ws-local/target/ws-local.jar");
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Process failed = new ProcessBuilder(RuntimeOptions.currentJava().toString(), "-jar", jar.toString(),
                    "--port", Integer.toString(taken.getLocalPort()), "--class-data-cache", cache.toString())
                    .directory(ProjectApi.root().toFile()).redirectErrorStream(true).start();
            String output = new String(failed.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(failed.waitFor(BOUND.toSeconds(), TimeUnit.SECONDS));
            assertEquals(2, failed.exitValue(), output);
            assertTrue(output.contains("is in use"), output);
        }
        // Its child recorded the few classes loaded before the error; kept, they would serve every later start.
        assertEquals(List.of(), archives().toList());

        Started next = start();
        try {
            assertTrue(next.childCommandLine().contains("-XX:ArchiveClassesAtExit="), next.childCommandLine());
        } finally {
            next.parent().destroy();
            assertTrue(next.parent().waitFor(BOUND.toSeconds(), TimeUnit.SECONDS));
        }
    }

    private Stream<Path> archives() throws IOException {
        return Files.walk(cache).filter(file -> file.toString().endsWith(".jsa")).toList().stream();
    }
}
