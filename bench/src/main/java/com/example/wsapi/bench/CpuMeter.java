package com.example.wsapi.bench;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * CPU time spent during a window, split into this JVM (gateway, Runtime API, DynamoDB Local and the benchmark's own
 * clients) and the function JVMs it started (everything below it), from /proc via {@link ProcessHandle}.
 */
final class CpuMeter {

    record Split(double selfMs, double functionsMs) {
        double totalMs() {
            return selfMs + functionsMs;
        }
    }

    private final double selfStart;
    private final Map<Long, Double> childrenStart;

    private CpuMeter() {
        selfStart = cpuMs(ProcessHandle.current());
        childrenStart = children();
    }

    static CpuMeter start() {
        return new CpuMeter();
    }

    /** CPU since start; a function process started meanwhile counts from zero. */
    Split stop() {
        double self = cpuMs(ProcessHandle.current()) - selfStart;
        double functions = 0;
        for (Map.Entry<Long, Double> child : children().entrySet()) {
            functions += child.getValue() - childrenStart.getOrDefault(child.getKey(), 0.0);
        }
        return new Split(self, functions);
    }

    private static Map<Long, Double> children() {
        Map<Long, Double> cpu = new HashMap<>();
        ProcessHandle.current().descendants().forEach(p -> cpu.put(p.pid(), cpuMs(p)));
        return cpu;
    }

    private static double cpuMs(ProcessHandle process) {
        return process.info().totalCpuDuration().map(Duration::toNanos).orElse(0L) / 1e6;
    }
}
