package com.example.wsapi.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The machine a result belongs to: printed before every benchmark, copied into BENCHMARKS.md with it. */
final class Machine {

    private Machine() {}

    static String describe(Path functionJava) {
        List<String> lines = new ArrayList<>();
        lines.add("date: " + ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        lines.add("nproc: " + Runtime.getRuntime().availableProcessors());
        lines.add("load average: " + run(List.of("cat", "/proc/loadavg")).trim());
        lines.add("free -h:\n" + run(List.of("free", "-h")).stripTrailing());
        lines.add("bench JVM: " + System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        lines.add("function JVM (" + functionJava + "):\n" + run(List.of(functionJava.toString(), "-version")).stripTrailing());
        return String.join("\n", lines);
    }

    static String run(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            byte[] out = process.getInputStream().readAllBytes();
            process.waitFor(10, TimeUnit.SECONDS);
            return new String(out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(" + String.join(" ", command) + " failed: " + e.getMessage() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "(interrupted)";
        }
    }
}
