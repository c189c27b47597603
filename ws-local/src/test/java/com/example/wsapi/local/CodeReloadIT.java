package com.example.wsapi.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.wsapi.local.lambda.RuntimeOptions;
import com.example.wsapi.local.lambda.Scaling;
import com.example.wsapi.local.lambda.testfunctions.ResourceReplyHandler;
import com.example.wsapi.local.log.LogLine;
import com.example.wsapi.local.testing.Await;
import com.example.wsapi.local.testing.JdkClient;
import com.example.wsapi.local.testing.LogLines;
import com.example.wsapi.local.testing.TestTemplates;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rebuilt function code while ws-local serves: the next events run it, without a restart. Each function's code is a
 * temporary folder laid out as Lambda runs it (the test handler's class, and the {@code reply.txt} it answers with,
 * read at its init), which the tests rewrite as a build would.
 */
class CodeReloadIT {

    static final Duration WAIT = Duration.ofSeconds(30);
    static final String HANDLER = ResourceReplyHandler.class.getName();
    static final LogLines LOGS = new LogLines(true);

    @TempDir
    static Path dir;
    static LocalApi api;

    @BeforeAll
    static void start() throws Exception {
        layOutCode(dir.resolve("reply"), "first reply");
        layOutCode(dir.resolve("gone"), "gone v1");
        layOutCode(dir.resolve("broken"), "works");
        // sam build's output from an hour ago, and Maven's build of the same function since.
        Path samBuild = dir.resolve(".aws-sam/build/StaleFunction");
        layOutCode(samBuild, "sam build's");
        try (Stream<Path> files = Files.walk(samBuild)) {
            for (Path file : files.toList()) {
                Files.setLastModifiedTime(file, FileTime.from(Instant.now().minus(Duration.ofHours(1))));
            }
        }
        layOutCode(dir.resolve("stale/target/classes"), "maven's");
        Path template = Files.writeString(dir.resolve("template.yaml"), """
                Transform: AWS::Serverless-2016-10-31
                Globals:
                  Function:
                    Handler: %s::handleRequest
                    Runtime: java25
                    MemorySize: 256
                    Timeout: 60
                Resources:
                %s%s%s%s""".formatted(HANDLER, TestTemplates.webSocketApi("reload", "dev"),
                route("Reply", "$default", "reply"), route("Gone", "gone", "gone"),
                route("Stale", "stale", "stale") + route("Broken", "broken", "broken")));
        api = LocalApi.start(new LocalOptions(template, "127.0.0.1", 0, null, "us-east-1", Duration.ofMinutes(10),
                null, 0, Map.of(), Map.of(), 4, null, true, Scaling.AUTO, false, LocalOptions.DEFAULT_MAX_LIFETIME,
                true), RuntimeOptions.defaults().withLogSink(LOGS));
    }

    /** A two-way route to a function of its own, whose CodeUri is {@code codeUri}. */
    static String route(String name, String routeKey, String codeUri) {
        return TestTemplates.lambdaRoute(name, routeKey, true) + """
                  %sFunction:
                    Type: AWS::Serverless::Function
                    Properties:
                      CodeUri: %s
                """.formatted(name, codeUri);
    }

    /** The handler's class at its package's path and {@code reply.txt} beside it: code as Lambda runs it. */
    static void layOutCode(Path code, String reply) throws Exception {
        Path classFile = Path.of(ResourceReplyHandler.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .resolve(HANDLER.replace('.', '/') + ".class");
        Path target = code.resolve(HANDLER.replace('.', '/') + ".class");
        Files.createDirectories(target.getParent());
        Files.copy(classFile, target);
        Files.writeString(code.resolve("reply.txt"), reply);
    }

    @AfterAll
    static void stop() {
        if (api != null) {
            api.close();
        }
    }

    static JdkClient connect() {
        return JdkClient.connect(api.gateway().webSocketUrl());
    }

    @Test
    void rebuiltCode_runsFromTheNextEvent_whileAnEventUnderWayFinishesOnTheCodeItStartedWith() throws IOException {
        JdkClient client = connect();
        client.send("{\"action\":\"hello\"}");
        assertEquals("first reply", client.nextMessage(WAIT));
        Path gate = dir.resolve("gate");
        client.send("{\"action\":\"held\",\"gate\":\"" + gate + "\"}");
        String waiting = LOGS.await("the held event running", WAIT, line -> line.startsWith("[ReplyFunction] waiting in "));
        long oldPid = Long.parseLong(waiting.substring(waiting.lastIndexOf(' ') + 1));

        Files.writeString(dir.resolve("reply/reply.txt"), "second reply, rebuilt");
        LOGS.await("the reload line", WAIT, line -> line.equals("ReplyFunction: new code in reply; the next events "
                + "run it (the event under way finishes on the code it started with)"));

        JdkClient another = connect();
        another.send("{\"action\":\"hello\"}");
        assertEquals("second reply, rebuilt", another.nextMessage(WAIT), "the next event runs the new code");
        Files.createFile(gate);
        assertEquals("first reply", client.nextMessage(WAIT), "the event under way is answered by its instance");
        Await.until("the replaced instance stopped once answered", WAIT,
                () -> ProcessHandle.of(oldPid).map(process -> !process.isAlive()).orElse(true));
        client.send("{\"action\":\"hello\"}");
        assertEquals("second reply, rebuilt", client.nextMessage(WAIT));
        assertEquals(List.of(), LOGS.matching(line -> line.startsWith("[ReplyFunction]") && line.contains("Exception")),
                "a replaced instance is stopped before its Runtime API: its runtime reports no lost connection");
    }

    @Test
    void codeGone_isSaidOnce_theInstancesGoOn_andItRunsOnceItIsBack() throws Exception {
        JdkClient client = connect();
        client.send("{\"action\":\"gone\"}");
        assertEquals("gone v1", client.nextMessage(WAIT));
        Path code = dir.resolve("gone");
        deleteTree(code.resolve("com"));
        Files.delete(code.resolve("reply.txt"));
        String gone = "GoneFunction: its code in gone is gone (a clean or a build under way?); its instances keep "
                + "running the code they started with";
        LOGS.await("the code-gone warning", WAIT, line -> line.equals(gone));
        client.send("{\"action\":\"gone\"}");
        assertEquals("gone v1", client.nextMessage(WAIT), "the running instance goes on");

        layOutCode(code, "gone v2, back");
        LOGS.await("the reload line", WAIT, line -> line.startsWith("GoneFunction: new code in gone; "));
        client.send("{\"action\":\"gone\"}");
        assertEquals("gone v2, back", client.nextMessage(WAIT));
        assertEquals(1, LOGS.matching(gone::equals).size(), "said once");
    }

    @Test
    void newCodeThatFailsItsInit_showsTheInitFailure_asDeployingABrokenVersionWould() throws IOException {
        JdkClient client = connect();
        client.send("{\"action\":\"broken\"}");
        assertEquals("works", client.nextMessage(WAIT));

        Files.delete(dir.resolve("broken/reply.txt")); // the handler's constructor fails without it
        LOGS.await("the reload line", WAIT, line -> line.startsWith("BrokenFunction: new code in broken; "));
        LogLine failed = LOGS.awaitLine("the init failure", WAIT, line -> "BrokenFunction".equals(line.function())
                && line.text().startsWith("Init failed: ") && line.text().contains("no reply.txt on the classpath"));
        assertEquals(LogLine.Kind.ERROR, failed.kind());
        client.send("{\"action\":\"broken\"}");
        assertTrue(client.nextMessage(WAIT).startsWith("{\"message\": \"Internal server error\""));

        Files.writeString(dir.resolve("broken/reply.txt"), "fixed");
        LOGS.await("the second reload line", WAIT, line -> line.startsWith("BrokenFunction: new code in broken; ")
                && LOGS.matching(text -> text.startsWith("BrokenFunction: new code")).size() == 2);
        client.send("{\"action\":\"broken\"}");
        assertEquals("fixed", client.nextMessage(WAIT));
    }

    @Test
    void templateChanged_isSaid_withWhatToDo() throws IOException {
        Path template = dir.resolve("template.yaml");
        Files.writeString(template, Files.readString(template) + "# edited\n");
        LogLine warning = LOGS.awaitLine("the template warning", WAIT, line -> line.text()
                .equals("template.yaml changed: ws-local keeps running the template it started with"));
        assertEquals(LogLine.Kind.WARNING, warning.kind());
        assertTrue(warning.advice().startsWith("restart ws-local to run the change"), warning.advice());
    }

    @Test
    void runningSamBuildsOutput_whileMavensIsNewer_isWarnedOfAtTheStart() {
        LogLine warning = LOGS.awaitLine("the stale sam build warning", WAIT, line -> line.text().equals(
                "StaleFunction runs sam build's code in .aws-sam/build/StaleFunction, but Maven built "
                        + "stale/target/classes since"));
        assertEquals(LogLine.Kind.WARNING, warning.kind());
        assertTrue(warning.advice().startsWith("run `sam build` again, or delete .aws-sam to run Maven's build"),
                warning.advice());
        JdkClient client = connect();
        client.send("{\"action\":\"stale\"}");
        assertEquals("sam build's", client.nextMessage(WAIT), "as the SAM CLI, sam build's output runs");
    }

    static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
