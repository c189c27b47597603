package com.example.wsapi.local.lambda;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Lambda's own log lines for one function (INIT_START, RESTORE_START, RESTORE_REPORT, START, END, REPORT,
 * INIT_REPORT), each prefixed with {@code [<function name>] }, and the values they carry.
 */
final class PlatformLog {

    private static final DateTimeFormatter LOG_STREAM_DATE = DateTimeFormatter.ofPattern("yyyy/MM/dd")
            .withZone(ZoneOffset.UTC);
    private static final byte[] VM_HWM = "VmHWM:".getBytes(StandardCharsets.US_ASCII);

    private final String prefix;
    private final int memoryMb;
    private final LogWriter logs;

    PlatformLog(String functionName, int memoryMb, LogWriter logs) {
        this.prefix = "[" + functionName + "] ";
        this.memoryMb = memoryMb;
        this.logs = logs;
    }

    /** A line of the function's own output, or of ours about it. */
    void line(String text) {
        logs.line(prefix + text);
    }

    void initStart(long pid) {
        line("INIT_START Runtime Version: ws-local java (pid " + pid + ")");
    }

    /** SnapStart: the init (and its checkpoint hooks) is done; the runtime's restore hooks run now. */
    void restoreStart(long pid) {
        line("RESTORE_START Runtime Version: ws-local java (pid " + pid + ")");
    }

    void restoreReport(long restoreNanos) {
        line("RESTORE_REPORT Restore Duration: " + millis(restoreNanos) + " ms");
    }

    void start(Invocation invocation) {
        line("START RequestId: " + invocation.requestId + " Version: $LATEST");
    }

    /** END and REPORT, after {@code linesBeforeEnd}. */
    void report(Invocation invocation, long durationNanos, OptionalLong memoryUsedMb, List<String> linesBeforeEnd,
                String reportSuffix) {
        linesBeforeEnd.forEach(this::line);
        line("END RequestId: " + invocation.requestId);
        StringBuilder report = new StringBuilder(prefix).append("REPORT RequestId: ").append(invocation.requestId)
                .append("\tDuration: ").append(millis(durationNanos)).append(" ms")
                .append("\tBilled Duration: ").append(Math.max(1, (durationNanos + 999_999) / 1_000_000)).append(" ms")
                .append("\tMemory Size: ").append(memoryMb).append(" MB");
        memoryUsedMb.ifPresent(mb -> report.append("\tMax Memory Used: ").append(mb).append(" MB"));
        if (invocation.initNanos >= 0) {
            report.append("\tInit Duration: ").append(millis(invocation.initNanos)).append(" ms");
        }
        logs.line(report.append(reportSuffix).toString());
    }

    void initReport(long initNanos, String status, String errorType) {
        line("INIT_REPORT Init Duration: " + millis(initNanos) + " ms\tPhase: init\tStatus: " + status
                + "\tError Type: " + errorType);
    }

    // ---- values ----

    /** The peak resident memory of a process (VmHWM), when the OS tells. */
    static OptionalLong maxMemoryUsedMb(long pid) {
        if (pid <= 0) {
            return OptionalLong.empty();
        }
        // Read once per invocation: raw bytes, no line splitting (this is on every invocation's path).
        byte[] status;
        try (InputStream in = Files.newInputStream(Path.of("/proc", Long.toString(pid), "status"))) {
            status = in.readNBytes(4096);
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty(); // not Linux, or the process is gone: REPORT goes without it
        }
        int at = indexOf(status, VM_HWM);
        if (at < 0) {
            return OptionalLong.empty();
        }
        long kilobytes = 0;
        boolean digits = false;
        for (int i = at + VM_HWM.length; i < status.length; i++) {
            byte b = status[i];
            if (b >= '0' && b <= '9') {
                kilobytes = kilobytes * 10 + (b - '0');
                digits = true;
            } else if (digits || b == '\n') {
                break;
            }
        }
        return digits ? OptionalLong.of(Math.round(kilobytes / 1024.0)) : OptionalLong.empty();
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    static String logStreamName() {
        return LOG_STREAM_DATE.format(Instant.now()) + "/[$LATEST]" + randomHex(16);
    }

    /** X-Ray's trace header for an invocation, as Lambda hands it to the runtime. */
    static String traceId() {
        StringBuilder id = new StringBuilder(64).append("Root=1-");
        String seconds = Long.toHexString(Instant.now().getEpochSecond());
        id.append("0".repeat(Math.max(0, 8 - seconds.length()))).append(seconds).append('-');
        return id.append(randomHex(12)).append(";Parent=").append(randomHex(8)).append(";Sampled=0").toString();
    }

    private static String randomHex(int bytes) {
        byte[] random = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(random);
        return HexFormat.of().formatHex(random);
    }

    /** Milliseconds with two decimals, as REPORT shows them (String.format cost 4% of ws-local's CPU here). */
    static String millis(long nanos) {
        long hundredths = Math.round(nanos / 10_000.0);
        long fraction = hundredths % 100;
        return hundredths / 100 + (fraction < 10 ? ".0" : ".") + fraction;
    }

    static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%.2f", duration.toMillis() / 1000.0);
    }
}
