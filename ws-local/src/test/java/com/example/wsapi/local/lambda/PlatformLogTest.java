package com.example.wsapi.local.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.wsapi.local.log.LogLine;
import com.example.wsapi.local.log.LogLine.Kind;
import com.example.wsapi.local.testing.LogLines;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The kind of each line a function's log has: it decides what the console shows by default. */
class PlatformLogTest {

    final LogLines sink = new LogLines(false);

    List<LogLine> logged(java.util.function.Consumer<PlatformLog> writing) {
        try (LogWriter writer = new LogWriter(sink)) {
            writing.accept(new PlatformLog("EchoFunction", 512, writer));
        }
        return sink.lines();
    }

    @Test
    void theLaunchersNoteAboutJavaToolOptions_isTheJvms_notTheFunctions() {
        List<LogLine> lines = logged(log -> {
            log.output("Picked up JAVA_TOOL_OPTIONS: -XX:+TieredCompilation -XX:TieredStopAtLevel=1");
            log.output("Picked up _JAVA_OPTIONS: -Xmx1g");
            log.output("NOTE: Picked up JDK_JAVA_OPTIONS: -Xss1m");
            log.output("[INFO] connected 6hAb-9TpuU3QRsU=");
            log.output("Exception in thread \"main\" java.lang.IllegalStateException: Picked up JAVA_TOOL_OPTIONS: ");
        });

        assertEquals(List.of(Kind.JVM, Kind.JVM, Kind.JVM, Kind.OUTPUT, Kind.OUTPUT),
                lines.stream().map(LogLine::kind).toList());
        assertEquals("[EchoFunction] [INFO] connected 6hAb-9TpuU3QRsU=", lines.get(3).toString());
    }

    @Test
    void startEndAndReport_areLambdasLines() {
        Invocation invocation = new Invocation("{}");
        invocation.initNanos = -1;

        List<LogLine> lines = logged(log -> {
            log.initStart(42);
            log.start(invocation);
            log.report(invocation, 3_100_000, OptionalLong.of(80), List.of(), "");
        });

        assertEquals(List.of(Kind.PLATFORM, Kind.PLATFORM, Kind.PLATFORM, Kind.PLATFORM),
                lines.stream().map(LogLine::kind).toList());
        assertTrue(lines.get(3).text().startsWith("REPORT RequestId: " + invocation.requestId + "\tDuration: 3.10 ms"),
                lines.get(3).text());
    }

    @Test
    void startEndAndReport_whereTheSinkHidesThem_areNotMade_butTheLinesBeforeEndStay() {
        Invocation invocation = new Invocation("{}");
        invocation.initNanos = -1;
        List<LogLine> kept = new java.util.concurrent.CopyOnWriteArrayList<>();
        com.example.wsapi.local.log.LogSink hidingPlatform = new com.example.wsapi.local.log.LogSink() {
            @Override
            public void line(LogLine line) {
                kept.add(line);
            }

            @Override
            public boolean shows(Kind kind) {
                return kind != Kind.PLATFORM;
            }
        };

        try (LogWriter writer = new LogWriter(hidingPlatform)) {
            PlatformLog log = new PlatformLog("EchoFunction", 512, writer);
            assertFalse(log.showsInvocationLines());
            log.start(invocation);
            log.output("[INFO] echoed");
            log.report(invocation, 3_100_000, OptionalLong.empty(),
                    List.of(LogLine.error("EchoFunction", "Task timed out after 3.00 seconds", "raise Timeout")), "");
        }

        assertEquals(List.of(Kind.OUTPUT, Kind.ERROR), kept.stream().map(LogLine::kind).toList());
    }

    @Test
    void aTimeout_isAnError_withLambdasWordsAndWhatToDo_beforeEndAndReport() {
        Invocation invocation = new Invocation("{}");
        invocation.initNanos = -1;

        List<LogLine> lines = logged(log -> log.timedOut(invocation, 3_000_000_000L, OptionalLong.empty(),
                Duration.ofSeconds(3)));

        assertEquals(List.of(Kind.ERROR, Kind.PLATFORM, Kind.PLATFORM), lines.stream().map(LogLine::kind).toList());
        assertTrue(lines.get(0).text().endsWith(invocation.requestId + " Task timed out after 3.00 seconds"),
                lines.get(0).text());
        assertTrue(lines.get(0).advice().startsWith("raise the function's Timeout in the template"),
                lines.get(0).advice());
        assertTrue(lines.get(2).text().endsWith("\tStatus: timeout"), lines.get(2).text());
    }

    @Test
    void aCrash_isAnError_andLambdasErrorTypeLineIsDetail() {
        Invocation invocation = new Invocation("{}");
        invocation.initNanos = -1;
        ErrorDocument error = ErrorDocument.of("Runtime.ExitError",
                "RequestId: " + invocation.requestId + " Error: Runtime exited with error: exit status 3");

        List<LogLine> lines = logged(log -> log.crashed(invocation, 1_000_000, error));

        assertEquals(List.of(Kind.ERROR, Kind.PLATFORM, Kind.PLATFORM, Kind.PLATFORM),
                lines.stream().map(LogLine::kind).toList());
        assertEquals("Runtime.ExitError", lines.get(1).text());
        assertTrue(lines.get(0).advice().contains("the next event starts a new instance"), lines.get(0).advice());
    }

    @Test
    void aFailedInit_isAnError_sayingWhatToFix_thenInitReport() {
        ErrorDocument reported = ErrorDocument.of("java.lang.ExceptionInInitializerError",
                "Error loading class example.Handler");

        List<LogLine> lines = logged(log -> log.initFailed(120_000_000, "error", reported, true));

        assertEquals(List.of(Kind.ERROR, Kind.PLATFORM), lines.stream().map(LogLine::kind).toList());
        assertEquals("Init failed: java.lang.ExceptionInInitializerError: Error loading class example.Handler",
                lines.get(0).text());
        assertTrue(lines.get(0).advice().startsWith("fix the handler's class or its initialization"),
                lines.get(0).advice());
        assertTrue(lines.get(1).text().startsWith("INIT_REPORT Init Duration: 120.00 ms"), lines.get(1).text());
    }

    @Test
    void aFailedInit_ofClassesBuiltForANewerJava_saysWhichJavaToRunThemOn() {
        // The runtime interface client's own report when the JVM is older than the class files (seen on Java 17).
        ErrorDocument reported = ErrorDocument.of("java.lang.UnsupportedClassVersionError", "Error loading class "
                + "demo.H: demo/H has been compiled by a more recent version of the Java Runtime (class file version "
                + "69.0), this version of the Java Runtime only recognizes class file versions up to 61.0");

        List<LogLine> lines = logged(log -> log.initFailed(120_000_000, "error", reported, true));

        assertEquals(Kind.ERROR, lines.get(0).kind());
        assertTrue(lines.get(0).advice().startsWith("the function is built for a newer Java than the one running it"),
                lines.get(0).advice());
        assertTrue(lines.get(0).advice().contains("--java"), lines.get(0).advice());
    }

    @Test
    void anExitBetweenEvents_isAWarning() {
        List<LogLine> lines = logged(log -> log.exitedWhileIdle(137));

        assertEquals(Kind.WARNING, lines.get(0).kind());
        assertFalse(lines.get(0).advice().isBlank());
    }
}
