package com.example.wsapi.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code ws-local invoke} with each sample event, through the real command line and function JVMs. */
class InvokeIT {

    static final Path ROOT = Path.of(System.getProperty("project.root"));

    record Result(int exitCode, String out, String err) {
        /** The response: the last line that is a JSON object. */
        JsonObject response() {
            List<String> lines = out.lines().filter(l -> l.startsWith("{")).toList();
            return JsonParser.parseString(lines.get(lines.size() - 1)).getAsJsonObject();
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

    @ParameterizedTest(name = "{0} with events/{1}")
    @CsvSource({
        "ConnectFunction, connect.json, 200",
        "DisconnectFunction, disconnect.json, 200",
        // The sample event's connection is not connected to this gateway: @connections answers 410, as AWS would.
        "EchoFunction, echo.json, 410",
        "DefaultFunction, default.json, 410"
    })
    void invoke_runsTheFunctionWithTheEventAndPrintsItsResponse(String function, String event, int status) {
        Result result = run("invoke", function, "--event", ROOT.resolve("events").resolve(event).toString(),
                "--template", ROOT.resolve("template.yaml").toString());

        assertEquals(0, result.exitCode(), result.err());
        assertEquals(status, result.response().get("statusCode").getAsInt(), result.out());
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
