package com.example.wsapi.local.lambda;

import com.example.wsapi.local.log.LogLine;
import com.example.wsapi.local.log.LogLine.Kind;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The log lines of one function: its process's output, and Lambda's own lines about it (INIT_START, RESTORE_START,
 * RESTORE_REPORT, START, END, REPORT, INIT_REPORT), each a {@link LogLine} of the function, of the kind that decides
 * whether the console shows it; and the values those lines carry.
 */
final class PlatformLog {

    private static final DateTimeFormatter LOG_STREAM_DATE = DateTimeFormatter.ofPattern("yyyy/MM/dd")
            .withZone(ZoneOffset.UTC);
    private static final byte[] VM_HWM = "VmHWM:".getBytes(StandardCharsets.US_ASCII);
    /**
     * What the {@code java} launcher prints about options it took from the environment (the template's
     * JAVA_TOOL_OPTIONS), before any of the function's code runs: the JVM's, not the function's.
     */
    private static final List<String> JVM_LINE_STARTS = List.of("Picked up JAVA_TOOL_OPTIONS: ",
            "Picked up _JAVA_OPTIONS: ", "NOTE: Picked up JDK_JAVA_OPTIONS: ");

    private final String function;
    private final int memoryMb;
    private final LogWriter logs;

    PlatformLog(String functionName, int memoryMb, LogWriter logs) {
        this.function = functionName;
        this.memoryMb = memoryMb;
        this.logs = logs;
    }

    /** A line the function's process wrote: the function's own output, or its JVM's about itself. */
    void output(String text) {
        logs.line(LogLine.of(function, isJvmLine(text) ? Kind.JVM : Kind.OUTPUT, text));
    }

    /** Whether a line of a function's process is the JVM's about itself rather than the function's. */
    static boolean isJvmLine(String text) {
        for (String start : JVM_LINE_STARTS) {
            if (text.startsWith(start)) {
                return true;
            }
        }
        return false;
    }

    /** A line of Lambda's about the function's instances and invocations. */
    void platform(String text) {
        logs.line(LogLine.of(function, Kind.PLATFORM, text));
    }

    /** Something about the function the person may have to act on, and what to do. */
    void warning(String text, String advice) {
        logs.line(LogLine.warning(function, text, advice));
    }

    /** Something of the function's failed, and what to do. */
    void error(String text, String advice) {
        logs.line(LogLine.error(function, text, advice));
    }

    void initStart(long pid) {
        platform("INIT_START Runtime Version: ws-local java (pid " + pid + ")");
    }

    /** SnapStart: the init (and its checkpoint hooks) is done; the runtime's restore hooks run now. */
    void restoreStart(long pid) {
        platform("RESTORE_START Runtime Version: ws-local java (pid " + pid + ")");
    }

    void restoreReport(long restoreNanos) {
        platform("RESTORE_REPORT Restore Duration: " + millis(restoreNanos) + " ms");
    }

    /**
     * Whether Lambda's per-invocation lines (START, END, REPORT) are shown anywhere: when not, they are not built, nor
     * the process's memory read for REPORT, on every invocation.
     */
    boolean showsInvocationLines() {
        return logs.shows(Kind.PLATFORM);
    }

    void start(Invocation invocation) {
        if (!showsInvocationLines()) {
            return;
        }
        platform("START RequestId: " + invocation.requestId + " Version: $LATEST");
    }

    /** END and REPORT, after {@code linesBeforeEnd}. */
    void report(Invocation invocation, long durationNanos, OptionalLong memoryUsedMb, List<LogLine> linesBeforeEnd,
                String reportSuffix) {
        linesBeforeEnd.forEach(logs::line);
        if (!showsInvocationLines()) {
            return;
        }
        platform("END RequestId: " + invocation.requestId);
        StringBuilder report = new StringBuilder("REPORT RequestId: ").append(invocation.requestId)
                .append("\tDuration: ").append(millis(durationNanos)).append(" ms")
                .append("\tBilled Duration: ").append(Math.max(1, (durationNanos + 999_999) / 1_000_000)).append(" ms")
                .append("\tMemory Size: ").append(memoryMb).append(" MB");
        memoryUsedMb.ifPresent(mb -> report.append("\tMax Memory Used: ").append(mb).append(" MB"));
        if (invocation.initNanos >= 0) {
            report.append("\tInit Duration: ").append(millis(invocation.initNanos)).append(" ms");
        }
        platform(report.append(reportSuffix).toString());
    }

    void initReport(long initNanos, String status, String errorType) {
        platform("INIT_REPORT Init Duration: " + millis(initNanos) + " ms\tPhase: init\tStatus: " + status
                + "\tError Type: " + errorType);
    }

    // ---- failures: Lambda's lines, and ws-local's line of what happened and what to do ----

    /** Ran past its timeout: Lambda's timeout line (an error, with what to do), END, and REPORT with its status. */
    void timedOut(Invocation invocation, long durationNanos, OptionalLong memoryUsedMb, Duration timeout) {
        String line = Instant.now().truncatedTo(ChronoUnit.MILLIS) + " " + invocation.requestId
                + " Task timed out after " + seconds(timeout) + " seconds";
        report(invocation, durationNanos, memoryUsedMb, List.of(LogLine.error(function, line,
                "raise the function's Timeout in the template, or find what it waits for; its instance was "
                        + "stopped, the next event starts a new one")), "\tStatus: timeout");
    }

    /** Its process exited while handling an invocation: Lambda's error lines, END, and REPORT with its status. */
    void crashed(Invocation invocation, long durationNanos, ErrorDocument error) {
        report(invocation, durationNanos, OptionalLong.empty(), List.of(
                LogLine.error(function, error.errorMessage(), "the function's JVM ended while handling the event "
                        + "(System.exit, a crash, or killed from outside; its lines above may say why): the next "
                        + "event starts a new instance"),
                LogLine.of(function, Kind.PLATFORM, error.errorType())),
                "\tStatus: error\tError Type: " + error.errorType());
    }

    /** Its process exited between invocations. */
    void exitedWhileIdle(int exitCode) {
        warning("Runtime exited (exit status " + exitCode + ") while waiting for an event",
                "its JVM ended between events (System.exit, a crash, or killed from outside): the next event "
                        + "starts a new instance");
    }

    /**
     * An instance failed before asking for its first event: what failed (and what to do), then INIT_REPORT.
     *
     * @param byRuntime the runtime reported the error itself (its stack trace is in the output above)
     */
    void initFailed(long initNanos, String status, ErrorDocument error, boolean byRuntime) {
        String advice;
        if (status.equals("timeout")) {
            advice = "its init (static initializers, the handler's constructor, SnapStart's priming) took too long, "
                    + "or its runtime could not reach ws-local; its lines above may say why. The next event tries "
                    + "again";
        } else if (error.errorType().endsWith("UnsupportedClassVersionError")) {
            advice = "the function is built for a newer Java than the one running it (the banner's Functions line "
                    + "says which): install that Java (ws-local finds it for the template's Runtime) or pass --java "
                    + "<its bin/java>, or build for an older release; the next event tries again";
        } else if (byRuntime) {
            advice = "fix the handler's class or its initialization (its stack trace is above); the next event tries "
                    + "again";
        } else if (error.errorType().equals("Runtime.InvalidEntrypoint")) {
            advice = "check --java and that the function is built; the next event tries again";
        } else {
            advice = "its JVM exited before asking for an event (its lines above say why, e.g. a bad option in "
                    + "JAVA_TOOL_OPTIONS); the next event tries again";
        }
        error(byRuntime ? "Init failed: " + error.errorType() + ": " + error.errorMessage() : error.errorMessage(),
                advice);
        initReport(initNanos, status, error.errorType());
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
