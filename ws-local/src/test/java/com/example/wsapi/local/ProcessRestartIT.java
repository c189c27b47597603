package com.example.wsapi.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.example.wsapi.local.lambda.RuntimeOptions;
import com.example.wsapi.local.testing.Await;
import com.example.wsapi.local.testing.JdkClient;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The real {@code java -jar ws-local.jar} as its own process: it listens on loopback only by default, and a kill -9
 * loses nothing of a {@code --db-path} database (nor leaves its function JVMs running).
 */
class ProcessRestartIT {

    static final Path ROOT = Path.of(System.getProperty("project.root"));
    static final Path JAR = ROOT.resolve("ws-local/target/ws-local.jar");
    static final Duration READY = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    final List<Process> started = new ArrayList<>();

    /** A running ws-local process and what it printed. */
    record Running(Process process, List<String> out) {
        boolean printed(String text) {
            return out.stream().anyMatch(line -> line.contains(text));
        }
    }

    @AfterEach
    void killWhatWeStarted() {
        for (Process process : started) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }

    Running start(String... options) throws IOException {
        List<String> command = new ArrayList<>(List.of(RuntimeOptions.currentJava().toString(), "-jar", JAR.toString(),
                "--template", ROOT.resolve("template.yaml").toString()));
        command.addAll(List.of(options));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        started.add(process);
        List<String> out = new CopyOnWriteArrayList<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = lines.readLine()) != null; ) {
                    out.add(line);
                    System.out.println("[ws-local process] " + line);
                }
            } catch (IOException e) {
                // the process is gone
            }
        }, "ws-local-process-output");
        reader.setDaemon(true);
        reader.start();
        Running running = new Running(process, out);
        Await.until("ws-local's Ready line", READY, () -> {
            if (!process.isAlive()) {
                fail("ws-local exited with " + process.exitValue() + ":\n" + String.join("\n", out));
            }
            return running.printed("Ready: wscat -c ");
        });
        return running;
    }

    static DynamoDbClient dynamoAt(int port) {
        return DynamoDbClient.builder()
                .endpointOverride(URI.create("http://127.0.0.1:" + port))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    /** The local addresses listening on a TCP port, from /proc/net/tcp and tcp6 (hex, as the kernel writes them). */
    static Set<String> listeningAddresses(int port) {
        Set<String> addresses = new HashSet<>();
        for (String file : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            try {
                // One read: the table changes between reads while other tests open and close sockets.
                List<String> lines = Files.readAllLines(Path.of(file));
                for (String line : lines.subList(1, lines.size())) {
                    String[] fields = line.trim().split("\\s+");
                    String[] local = fields[1].split(":");
                    boolean listening = fields[3].equals("0A");
                    if (listening && Integer.parseInt(local[1], 16) == port) {
                        addresses.add(local[0]);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return addresses;
    }

    /** 127.0.0.1 in /proc/net/tcp, ::ffff:127.0.0.1 or ::1 in tcp6. */
    static boolean isLoopback(String hexAddress) {
        return hexAddress.equals("0100007F") || hexAddress.equals("0000000000000000FFFF00000100007F")
                || hexAddress.equals("00000000000000000000000001000000");
    }

    @Test
    void byDefault_theGatewayAndDynamoDbLocalListenOnLoopbackOnly() throws IOException {
        int port = FreePort.find("127.0.0.1");
        int dynamoDbPort = FreePort.find("127.0.0.1");
        Running wsLocal = start("--port", Integer.toString(port), "--dynamodb-port", Integer.toString(dynamoDbPort));

        assertTrue(wsLocal.printed("WebSocket      ws://127.0.0.1:" + port + "/dev"), String.join("\n", wsLocal.out()));
        assertFalse(wsLocal.printed("WARNING"), String.join("\n", wsLocal.out()));
        assertChatPageServedFromTheJar(wsLocal, port);
        for (int listening : List.of(port, dynamoDbPort)) {
            Set<String> addresses = listeningAddresses(listening);
            assertFalse(addresses.isEmpty(), "nothing listens on " + listening);
            assertTrue(addresses.stream().allMatch(ProcessRestartIT::isLoopback),
                    "port " + listening + " listens on " + addresses + ", not only loopback");
        }
    }

    /** The jar carries the chat page (the project's chat/ folder) and prints where it is. */
    static void assertChatPageServedFromTheJar(Running wsLocal, int port) {
        String url = "http://127.0.0.1:" + port + "/@chat/";
        assertTrue(wsLocal.out().stream().anyMatch(line -> line.startsWith("Chat page: " + url)),
                String.join("\n", wsLocal.out()));
        try {
            HttpClient http = HttpClient.newHttpClient();
            for (String file : List.of("", "app.js", "chat.css")) {
                HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(url + file)).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertEquals(200, page.statusCode(), url + file);
                assertEquals(Files.readString(ROOT.resolve("chat").resolve(file.isEmpty() ? "index.html" : file)),
                        page.body(), "the jar serves the chat/ folder's " + file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void killedWithSigkill_andRestartedOnTheSameDbPath_theTableStillHoldsItsRecords() throws Exception {
        int port = FreePort.find("127.0.0.1");
        int dynamoDbPort = FreePort.find("127.0.0.1");
        Path db = dir.resolve("db");
        String[] options = {"--port", Integer.toString(port), "--dynamodb-port", Integer.toString(dynamoDbPort),
                "--db-path", db.toString()};
        Running first = start(options);
        JdkClient client = JdkClient.connect(URI.create("ws://127.0.0.1:" + port + "/dev"),
                builder -> builder.header("User-Agent", "survives-kill-9"));
        String table;
        Map<String, AttributeValue> before;
        try (DynamoDbClient dynamo = dynamoAt(dynamoDbPort)) {
            table = dynamo.listTables().tableNames().get(0);
            Await.until("the connection's record", READY, () -> !dynamo.scan(b -> b.tableName(table)).items().isEmpty());
            before = dynamo.scan(b -> b.tableName(table)).items().get(0);
        }
        assertEquals("survives-kill-9", before.get("userAgent").s());
        List<ProcessHandle> functionJvms = first.process().descendants().toList();
        assertFalse(functionJvms.isEmpty(), "$connect ran in a function JVM");

        first.process().destroyForcibly(); // SIGKILL: no shutdown hook runs, no $disconnect
        assertTrue(first.process().waitFor(30, TimeUnit.SECONDS));
        assertEquals(137, first.process().exitValue(), "killed by SIGKILL");
        // Orphaned function JVMs notice their Runtime API is gone and exit by themselves.
        Await.until("the orphaned function JVMs to exit", Duration.ofSeconds(30),
                () -> functionJvms.stream().noneMatch(ProcessHandle::isAlive));
        client.socket().abort();

        start(options);
        try (DynamoDbClient dynamo = dynamoAt(dynamoDbPort)) {
            List<Map<String, AttributeValue>> after = dynamo.scan(b -> b.tableName(table).consistentRead(true)).items();
            assertEquals(List.of(before), after, "the record written before the kill is still there, unchanged");
        }
    }
}
