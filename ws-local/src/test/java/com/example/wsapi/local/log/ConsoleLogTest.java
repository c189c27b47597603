package com.example.wsapi.local.log;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.example.wsapi.local.log.LogLine.Kind;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a person sees of ws-local's log lines, by default and with --verbose. */
class ConsoleLogTest {

    static final Clock NOON = Clock.fixed(Instant.parse("2025-01-02T12:34:56.789Z"), ZoneOffset.UTC);

    static final LogLine JVM_NOISE = LogLine.of("EchoFunction", Kind.JVM,
            "Picked up JAVA_TOOL_OPTIONS: -XX:+TieredCompilation -XX:TieredStopAtLevel=1");
    static final LogLine START = LogLine.of("EchoFunction", Kind.PLATFORM,
            "START RequestId: 6f1c2d3e-0000-4000-8000-000000000001 Version: $LATEST");
    static final LogLine OWN_LINE = LogLine.of("EchoFunction", Kind.OUTPUT, "[INFO] echoed 2 bytes");
    static final LogLine REPORT = LogLine.of("EchoFunction", Kind.PLATFORM,
            "REPORT RequestId: 6f1c2d3e-0000-4000-8000-000000000001\tDuration: 3.10 ms\tBilled Duration: 4 ms");
    static final LogLine CONNECT = LogLine.of(Kind.ACTIVITY,
            "connect connectionId=6hAb-9TpuU3QRsU= status=101 duration=35ms");
    static final LogLine POST = LogLine.of(Kind.DETAIL,
            "@connections POST connectionId=6hAb-9TpuU3QRsU= bytes=2 status=200");
    static final LogLine TIMEOUT = LogLine.error("EchoFunction",
            "2025-01-02T12:34:56.789Z 6f1c2d3e Task timed out after 3.00 seconds",
            "raise the function's Timeout in the template");
    static final List<LogLine> AN_INVOCATION = List.of(CONNECT, JVM_NOISE, START, OWN_LINE, POST, REPORT, TIMEOUT);

    @Test
    void api_byDefault_showsConnectionsTheFunctionsOwnLinesAndErrors_notLambdasLinesJvmNotesOrRequests() {
        StringWriter text = new StringWriter();
        ConsoleLog console = ConsoleLog.forApi(new PrintWriter(text), false, NOON);

        AN_INVOCATION.forEach(console::line);
        console.flush();

        assertEquals(List.of(
                "12:34:56 connect connectionId=6hAb-9TpuU3QRsU= status=101 duration=35ms",
                "12:34:56 [EchoFunction] [INFO] echoed 2 bytes",
                "12:34:56 ERROR [EchoFunction] 2025-01-02T12:34:56.789Z 6f1c2d3e Task timed out after 3.00 seconds",
                "           raise the function's Timeout in the template"), text.toString().lines().toList());
    }

    @Test
    void api_verbose_showsEveryLine_inOrder() {
        StringWriter text = new StringWriter();
        ConsoleLog console = ConsoleLog.forApi(new PrintWriter(text), true, NOON);

        AN_INVOCATION.forEach(console::line);
        console.flush();

        assertEquals(List.of(
                "12:34:56 connect connectionId=6hAb-9TpuU3QRsU= status=101 duration=35ms",
                "12:34:56 [EchoFunction] Picked up JAVA_TOOL_OPTIONS: -XX:+TieredCompilation -XX:TieredStopAtLevel=1",
                "12:34:56 [EchoFunction] START RequestId: 6f1c2d3e-0000-4000-8000-000000000001 Version: $LATEST",
                "12:34:56 [EchoFunction] [INFO] echoed 2 bytes",
                "12:34:56 @connections POST connectionId=6hAb-9TpuU3QRsU= bytes=2 status=200",
                "12:34:56 [EchoFunction] REPORT RequestId: 6f1c2d3e-0000-4000-8000-000000000001\tDuration: 3.10 ms"
                        + "\tBilled Duration: 4 ms",
                "12:34:56 ERROR [EchoFunction] 2025-01-02T12:34:56.789Z 6f1c2d3e Task timed out after 3.00 seconds",
                "           raise the function's Timeout in the template"), text.toString().lines().toList());
    }

    @Test
    void invoke_byDefault_showsLambdasLinesAsSamLocalInvokeDoes_withoutTimes_butNotTheJvmsNotes() {
        StringWriter text = new StringWriter();
        ConsoleLog console = ConsoleLog.forInvoke(new PrintWriter(text), false);

        List.of(JVM_NOISE, START, OWN_LINE, REPORT).forEach(console::line);
        console.flush();

        assertEquals(List.of(
                "[EchoFunction] START RequestId: 6f1c2d3e-0000-4000-8000-000000000001 Version: $LATEST",
                "[EchoFunction] [INFO] echoed 2 bytes",
                "[EchoFunction] REPORT RequestId: 6f1c2d3e-0000-4000-8000-000000000001\tDuration: 3.10 ms"
                        + "\tBilled Duration: 4 ms"), text.toString().lines().toList());
    }

    @Test
    void invoke_verbose_showsTheJvmsNotesToo() {
        StringWriter text = new StringWriter();
        ConsoleLog console = ConsoleLog.forInvoke(new PrintWriter(text), true);

        console.line(JVM_NOISE);
        console.flush();

        assertEquals("[EchoFunction] Picked up JAVA_TOOL_OPTIONS: -XX:+TieredCompilation -XX:TieredStopAtLevel=1\n",
                text.toString().replace(System.lineSeparator(), "\n"));
    }

    @Test
    void warningsAndErrors_areShownWhateverIsHidden_markedAndWithTheirAdviceIndentedBelow() {
        StringWriter text = new StringWriter();
        ConsoleLog console = new ConsoleLog(new PrintWriter(text), EnumSet.allOf(Kind.class), NOON);

        console.line(LogLine.warning(null, "connect connectionId=x status=401 duration=2ms (identity source "
                + "route.request.querystring.token is missing)", "the client must send it"));
        console.line(LogLine.error(null, "no advice here", null));
        console.line(OWN_LINE);
        console.flush();

        assertEquals(List.of("12:34:56 WARNING connect connectionId=x status=401 duration=2ms (identity source "
                        + "route.request.querystring.token is missing)",
                "           the client must send it",
                "12:34:56 ERROR no advice here"), text.toString().lines().toList());
    }

    @Test
    void theTimeOfDay_isTheClocksInItsZone() {
        StringWriter text = new StringWriter();
        ConsoleLog console = ConsoleLog.forApi(new PrintWriter(text), false, NOON.withZone(ZoneOffset.ofHours(2)));

        console.line(CONNECT);
        console.flush();

        assertEquals("14:34:56 connect", text.toString().substring(0, 16));
    }
}
