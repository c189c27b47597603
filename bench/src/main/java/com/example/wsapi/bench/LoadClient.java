package com.example.wsapi.bench;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The peer's load client, {@code bench.mjs}, against one server: its JSON summary, plus what it cannot see itself —
 * the CPU time and resident memory of the server's whole process tree (ws-local's function JVMs), read at the end
 * of every phase it reports, and the peak memory over the run.
 */
final class LoadClient {

    /** A phase's end as bench.mjs reports it on stderr: {@code [bench <label>] echo {...}}. */
    private static final Pattern PROGRESS = Pattern.compile("^\\[bench [^]]*] (conn-rate|echo|idle) (\\{.*})$");

    /** What the server's tree spent in one phase, and held at its end. */
    record PhaseSample(double cpuMs, long rssKb, long pssKb) {}

    /** bench.mjs's summary and the tree's samples per phase ({@code conn1}, {@code conn50}, {@code c1}, ..., {@code idle}). */
    record Result(JsonObject summary, Map<String, PhaseSample> phases, long peakRssKb) {}

    private LoadClient() {}

    static Result run(PeerFolder peer, URI url, String label, ProcessTree server, List<String> arguments, Path log)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("node", "bench.mjs", url.toString(), "--label", label,
                "--pid", Long.toString(server.pid())));
        command.addAll(arguments);
        Process client = new ProcessBuilder(command).directory(peer.scratch().toFile()).start();
        client.getOutputStream().close();
        AtomicLong peak = new AtomicLong(server.rssKb());
        Thread sampler = new Thread(() -> {
            while (client.isAlive()) {
                peak.accumulateAndGet(server.rssKb(), Math::max);
                try {
                    Thread.sleep(250);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "rss-sampler");
        sampler.setDaemon(true);
        sampler.start();
        Map<String, PhaseSample> phases = new LinkedHashMap<>();
        double[] lastCpu = {server.cpuMs()};
        Thread progress = new Thread(() -> {
            try (BufferedReader err = new BufferedReader(new InputStreamReader(client.getErrorStream(),
                    StandardCharsets.UTF_8));
                 PrintWriter out = new PrintWriter(Files.newBufferedWriter(log))) {
                String line;
                while ((line = err.readLine()) != null) {
                    Matcher phase = PROGRESS.matcher(line);
                    if (phase.matches()) {
                        double cpu = server.cpuMs();
                        long rss = server.rssKb();
                        long pss = server.pssKb();
                        peak.accumulateAndGet(rss, Math::max);
                        synchronized (phases) {
                            phases.put(phaseName(phase.group(1), JsonParser.parseString(phase.group(2)).getAsJsonObject()),
                                    new PhaseSample(cpu - lastCpu[0], rss, pss));
                        }
                        lastCpu[0] = cpu;
                    }
                    out.println(line);
                }
            } catch (IOException | RuntimeException e) {
                System.err.println("bench: reading " + label + "'s load client output failed: " + e);
            }
        }, "load-client-progress");
        progress.setDaemon(true);
        progress.start();
        String stdout = new String(client.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (!client.waitFor(6, TimeUnit.MINUTES)) {
            client.destroyForcibly();
        }
        progress.join(5000);
        sampler.interrupt();
        String last = stdout.isEmpty() ? "" : stdout.substring(stdout.lastIndexOf('\n') + 1);
        if (!last.startsWith("{")) {
            throw new IllegalStateException("bench.mjs printed no summary against " + label + " (exit status "
                    + client.exitValue() + "); see " + log);
        }
        synchronized (phases) {
            return new Result(JsonParser.parseString(last).getAsJsonObject(), Map.copyOf(phases), peak.get());
        }
    }

    private static String phaseName(String kind, JsonObject result) {
        return switch (kind) {
            case "conn-rate" -> "conn" + result.get("concurrency").getAsInt();
            // The level asked for, even when fewer clients could connect.
            case "echo" -> "c" + result.get("attempted").getAsInt() / Math.max(1, result.get("perClient").getAsInt());
            default -> kind;
        };
    }
}
