package com.example.wsapi.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.wsapi.local.lambda.RuntimeOptions;
import com.example.wsapi.local.lambda.testfunctions.PrefixEchoHandler;
import com.example.wsapi.local.testing.Await;
import com.example.wsapi.local.testing.CdkApp;
import com.example.wsapi.local.testing.JdkClient;
import com.example.wsapi.local.testing.LogLines;
import com.google.gson.JsonParser;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * A CDK app's WebSocket API, run from the cloud assembly {@code cdk synth} leaves ({@link CdkApp}: the template it
 * wrote for three Java functions, their assets a folder and a jar of this test's handlers, and its
 * {@code manifest.json}), as {@code ws-local --template cdk.out/ChatStack.template.json} runs it: real function JVMs,
 * DynamoDB Local with the app's table, the JDK's WebSocket client. And {@code ws-local invoke} of one of its functions
 * by its construct id, through the command line. The assembly is in the build folder: its asset links to the SDK's
 * jars must not lead out of a temporary folder.
 */
class CdkAppIT {

    static final Duration REPLY = Duration.ofSeconds(30);
    static final String TABLE = "ChatStack-Connections827CEF2F-LOCAL";
    static final LogLines LOGS = new LogLines(true);

    static Path template;
    static LocalApi api;

    @BeforeAll
    static void start() throws Exception {
        Path testClasses = Path.of(PrefixEchoHandler.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        template = CdkApp.synthesizedWithCode(testClasses.resolveSibling("cdk-app-it").resolve("cdk.out"));
        api = LocalApi.start(new LocalOptions(template, "127.0.0.1", 0, null, "us-east-1", Duration.ofMinutes(10),
                null, 0, Map.of(), Map.of(), 2), RuntimeOptions.defaults().withLogSink(LOGS::line));
    }

    @AfterAll
    static void stop() {
        if (api != null) {
            api.close();
        }
    }

    /** The connection ids the table holds. */
    static Set<String> recorded() {
        return api.dynamo().client().scanPaginator(scan -> scan.tableName(TABLE).consistentRead(true)).items()
                .stream().map(item -> item.get("connectionId").s()).collect(Collectors.toSet());
    }

    @Test
    void theStack_isTheOneTheManifestNames_andItsTableIsCreatedUnderItsName() {
        assertEquals("ChatStack", api.stack().name());
        assertEquals(TABLE, api.template().tables().get(0).tableName());
    }

    @Test
    void connect_andDisconnect_putAndDeleteTheRecord_inTheTableTheFunctionsVariableRefs() {
        Set<String> before = recorded();

        JdkClient client = JdkClient.connect(api.gateway().webSocketUrl());

        // $connect ran before the handshake was answered: its record is there.
        Set<String> added = new HashSet<>(recorded());
        added.removeAll(before);
        assertEquals(1, added.size(), "ConnectionsTableHandler put the connection into " + TABLE + ": " + added);
        client.socket().sendClose(1000, "bye");
        Await.until("the record deleted by $disconnect", REPLY, () -> !recorded().contains(added.iterator().next()));
    }

    @Test
    void echo_aTwoWayRoute_isAnsweredByTheFunctionOfTheJarAsset() {
        JdkClient client = JdkClient.connect(api.gateway().webSocketUrl());

        client.send("{\"action\":\"echo\",\"data\":\"hi\"}");

        assertEquals("echo: {\"action\":\"echo\",\"data\":\"hi\"} (EchoHandlerB75BC5D4)", client.nextMessage(REPLY));
        client.socket().abort();
    }

    @Test
    void default_postsBackThroughTheStagesCallbackUrl_theFnJoinBuiltUrlPointedAtTheGateway() {
        JdkClient client = JdkClient.connect(api.gateway().webSocketUrl());

        client.send("hello");

        assertEquals("posted to " + api.gateway().webSocketUrl().toString().replace("ws://", "http://") + ": hello",
                client.nextMessage(REPLY));
        client.socket().abort();
    }

    record Invoked(int exit, String out, String err) {}

    /** {@code ws-local invoke <function> --event events/echo.json --template <the CDK app's>}. */
    static Invoked invoke(String function) {
        Path root = Path.of(System.getProperty("project.root"));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = Main.commandLine();
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        int exit = commandLine.execute("invoke", function, "--event", root.resolve("events/echo.json").toString(),
                "--template", template.toString());
        return new Invoked(exit, out.toString(), err.toString());
    }

    @Test
    void invoke_byTheFunctionsConstructId_runsItAndPrintsItsResponse() {
        Invoked invoked = invoke("EchoHandler");

        assertEquals(0, invoked.exit(), invoked.err());
        assertEquals("echo: {\"action\":\"echo\",\"data\":\"hello from echo\"} (EchoHandlerB75BC5D4)",
                JsonParser.parseString(invoked.out()).getAsJsonObject().get("body").getAsString(), invoked.out());
        assertTrue(invoked.err().contains("[EchoHandlerB75BC5D4] REPORT RequestId: "), invoked.err());
    }

    @Test
    void invoke_ofTheCdksOwnNodeFunction_saysWhyItDoesNotRun_andNamesTheFunctionsThatDo() {
        Invoked invoked = invoke("LogRetentionaae0aa3c5b4d4f87b02d85b201efdd8aFD4BFC8A");

        assertEquals(2, invoked.exit(), invoked.err());
        assertTrue(invoked.err().contains("runs on nodejs24.x: ws-local runs Java functions only; functions: "
                + "ConnectionsHandler075149D6 (ConnectionsHandler), EchoHandlerB75BC5D4 (EchoHandler), "
                + "ReplyHandlerED1A6F38 (ReplyHandler)"), invoked.err());
    }
}
