package com.example.wsapi.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.wsapi.authorizer.testing.TestIssuer;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.example.wsapi.local.template.IntegrationSpec;
import com.example.wsapi.local.template.LocalSettings;
import com.example.wsapi.local.template.Route;
import com.example.wsapi.local.template.SamTemplate;
import com.example.wsapi.local.template.TemplateLoader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code ws-local invoke} with each sample event, through the real command line and function JVMs. */
class InvokeIT {

    static final Path ROOT = Path.of(System.getProperty("project.root"));

    record Result(int exitCode, String out, String err) {
        /** The response: all that stdout holds, so that it can be piped (e.g. to jq). */
        JsonObject response() {
            return JsonParser.parseString(out).getAsJsonObject();
        }
    }

    static Result run(String... args) {
        CommandLine commandLine = Main.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        int exit = commandLine.execute(args);
        return new Result(exit, out.toString(), err.toString());
    }

    /** Every sample event in events/, with the function its route key selects in the template. */
    static Stream<Arguments> sampleEvents() throws Exception {
        SamTemplate template = TemplateLoader.load(ROOT.resolve("template.yaml"), new LocalSettings("us-east-1",
                "123456789012", "it", null, URI.create("http://127.0.0.1:3001")));
        Map<String, String> functionByRoute = template.api().routes().stream()
                .collect(Collectors.toMap(Route::routeKey,
                        route -> ((IntegrationSpec.CallsFunction) route.integration()).functionLogicalId()));
        try (Stream<Path> files = Files.list(ROOT.resolve("events"))) {
            // authorizer.json goes to the authorizer, which runs only with sign-in on (see below).
            List<Path> events = files.filter(f -> f.toString().endsWith(".json"))
                    .filter(f -> !f.getFileName().toString().startsWith("env."))
                    .filter(f -> !f.getFileName().toString().equals("authorizer.json")).sorted().toList();
            return events.stream().map(file -> {
                JsonObject context = JsonParser.parseString(read(file)).getAsJsonObject()
                        .getAsJsonObject("requestContext");
                String routeKey = context.get("routeKey").getAsString();
                // A MESSAGE's reply goes to a connection that isn't connected to this gateway: 410, as on AWS.
                int status = context.get("eventType").getAsString().equals("MESSAGE") ? 410 : 200;
                return Arguments.of(file.getFileName().toString(), functionByRoute.get(routeKey), status);
            });
        }
    }

    @ParameterizedTest(name = "events/{0} through {1}")
    @MethodSource("sampleEvents")
    void invoke_runsTheFunctionWithTheEventAndPrintsItsResponse(String event, String function, int status) {
        assertNotNull(function, "no route in template.yaml for the routeKey of events/" + event);

        Result result = run("invoke", function, "--event", ROOT.resolve("events").resolve(event).toString(),
                "--template", ROOT.resolve("template.yaml").toString());

        assertEquals(0, result.exitCode(), result.err());
        assertEquals(status, result.response().get("statusCode").getAsInt(), result.out());
        assertTrue(result.err().contains("[" + function + "] START RequestId: ")
                && result.err().contains("[" + function + "] REPORT RequestId: "), result.err());
        // The template's JAVA_TOOL_OPTIONS names slf4j's no-op provider: the AWS SDK's slf4j-api stays quiet.
        assertEquals(List.of(), result.err().lines().filter(line -> line.contains("SLF4J")).toList(),
                "the function's start printed SLF4J lines");
        assertEquals(List.of(), result.err().lines().filter(line -> line.contains("Picked up JAVA_TOOL_OPTIONS"))
                .toList(), "the JVM's notes are for --verbose");
    }

    @Test
    void invoke_verbose_alsoPrintsTheFunctionJvmsNotes_andTheGatewaysRequests() {
        Result result = run("invoke", "EchoFunction", "--event", ROOT.resolve("events/echo.json").toString(),
                "--template", ROOT.resolve("template.yaml").toString(), "--verbose");

        assertEquals(0, result.exitCode(), result.err());
        assertTrue(result.err().contains("[EchoFunction] Picked up JAVA_TOOL_OPTIONS: "), result.err());
        assertTrue(result.err().contains("@connections POST connectionId=BFHPhfCWIAMCKlQ= status=410 (not connected)"),
                result.err());
        assertEquals(410, result.response().get("statusCode").getAsInt(), result.out());
    }

    @Test
    void invoke_authorizerWithTheSampleEvent_failsUnauthorized_forItsTokenIsNotOfTheIssuer() {
        try (TestIssuer issuer = TestIssuer.start()) {
            Result result = run("invoke", "AuthorizerFunction", "--event",
                    ROOT.resolve("events/authorizer.json").toString(), "--template",
                    ROOT.resolve("template.yaml").toString(), "--parameter-overrides",
                    "AuthIssuer=" + issuer.url() + ",AuthAudience=" + TestIssuer.AUDIENCE);

            assertEquals(1, result.exitCode(), result.err());
            assertEquals("Unauthorized", result.response().get("errorMessage").getAsString(), result.out());
            assertTrue(result.err().contains("[AuthorizerFunction] ") && result.err().contains("refused connection "
                    + "BFHPhfCWIAMCKlQ= with 401"), result.err());
        }
    }

    @Test
    void invoke_printsTheResponseAfterTheFunctionsEndAndReportLines() {
        StringWriter both = new StringWriter();
        CommandLine commandLine = Main.commandLine();
        commandLine.setOut(new PrintWriter(both, true));
        commandLine.setErr(new PrintWriter(both, true));

        int exit = commandLine.execute("invoke", "EchoFunction", "--event", ROOT.resolve("events/echo.json").toString(),
                "--template", ROOT.resolve("template.yaml").toString());

        assertEquals(0, exit, both.toString());
        List<String> lines = both.toString().lines().toList();
        int report = indexOf(lines, line -> line.startsWith("[EchoFunction] REPORT RequestId: "));
        int end = indexOf(lines, line -> line.startsWith("[EchoFunction] END RequestId: "));
        int response = indexOf(lines, line -> line.startsWith("{\"isBase64Encoded\""));
        assertTrue(end >= 0 && end < report && report < response, both.toString());
    }

    static int indexOf(List<String> lines, java.util.function.Predicate<String> wanted) {
        return IntStream.range(0, lines.size()).filter(i -> wanted.test(lines.get(i))).findFirst().orElse(-1);
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void invoke_unknownFunction_namesTheFunctionsThatExist() {
        Result result = run("invoke", "NoSuchFunction", "--event", ROOT.resolve("events/echo.json").toString(),
                "--template", ROOT.resolve("template.yaml").toString());

        assertEquals(2, result.exitCode());
        assertTrue(result.err().contains("NoSuchFunction") && result.err().contains("EchoFunction"), result.err());
    }

    @Test
    void missingTemplate_isAClearErrorAndANonZeroExit() {
        Result result = run("--template", ROOT.resolve("no-such-template.yaml").toString(), "--port", "0");

        assertEquals(2, result.exitCode());
        assertTrue(result.err().contains("no template at") && result.err().contains("--template"), result.err());
    }
}
