package com.example.wsapi.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.wsapi.local.lambda.RuntimeOptions;
import com.example.wsapi.local.lambda.Scaling;
import com.example.wsapi.local.lambda.testfunctions.CheckpointHandler;
import com.example.wsapi.local.lambda.testfunctions.ResourceReplyHandler;
import com.example.wsapi.local.log.LogLine;
import com.example.wsapi.local.testing.JavaSources;
import com.example.wsapi.local.testing.JdkClient;
import com.example.wsapi.local.testing.LogLines;
import com.example.wsapi.local.testing.TestTemplates;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ws-local on a template whose functions are Gradle projects without {@code sam build}, their outputs laid out as
 * Gradle lays them out (no Gradle runs here): compiled classes with their resources; classes and, built since, the
 * package of AWS's {@code buildZip} task; classes whose dependency Gradle left in its cache.
 */
class GradleProjectIT {

    static final Duration WAIT = Duration.ofSeconds(30);
    static final LogLines LOGS = new LogLines(true);
    static final Instant AN_HOUR_AGO = Instant.now().minus(Duration.ofHours(1));

    @TempDir
    static Path dir;
    static LocalApi api;

    @BeforeAll
    static void start() throws Exception {
        Path plain = dir.resolve("plain/build");
        copyClass(ResourceReplyHandler.class, plain.resolve("classes/java/main"));
        Files.createDirectories(plain.resolve("resources/main"));
        Files.writeString(plain.resolve("resources/main/reply.txt"), "from build/resources/main");

        Path zipped = dir.resolve("zipped/build");
        Files.setLastModifiedTime(copyClass(ResourceReplyHandler.class, zipped.resolve("classes/java/main")),
                FileTime.from(AN_HOUR_AGO));
        buildZip(zipped.resolve("distributions/zipped.zip"), "from buildZip's package");

        // CheckpointHandler uses org.crac, which a Gradle project declares as a dependency.
        Path missing = dir.resolve("missing/build/classes/java/main");
        copyClass(CheckpointHandler.class, missing);
        copyClass(Class.forName(CheckpointHandler.class.getName() + "$1"), missing);

        Path template = Files.writeString(dir.resolve("template.yaml"), """
                Transform: AWS::Serverless-2016-10-31
                Globals:
                  Function:
                    Handler: %s::handleRequest
                    Runtime: java25
                    MemorySize: 256
                    Timeout: 60
                Resources:
                %s%s%s%s      Handler: %s::handleRequest
                """.formatted(ResourceReplyHandler.class.getName(), TestTemplates.webSocketApi("gradle", "dev"),
                CodeReloadIT.route("Plain", "plain", "plain"), CodeReloadIT.route("Zipped", "zipped", "zipped"),
                CodeReloadIT.route("Missing", "missing", "missing"), CheckpointHandler.class.getName()));
        api = LocalApi.start(new LocalOptions(template, "127.0.0.1", 0, null, "us-east-1", Duration.ofMinutes(10),
                null, 0, Map.of(), Map.of(), 4, null, true, Scaling.AUTO, false, LocalOptions.DEFAULT_MAX_LIFETIME,
                true), RuntimeOptions.defaults().withLogSink(LOGS));
    }

    /** The class's file at its package's path under {@code classes}, as the compiler writes it. */
    static Path copyClass(Class<?> type, Path classes) throws Exception {
        String name = type.getName().replace('.', '/') + ".class";
        Path target = classes.resolve(name);
        Files.createDirectories(target.getParent());
        return Files.copy(Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).resolve(name),
                target);
    }

    /** What {@code buildZip} writes: the classes and resources at the root (this handler has no dependencies). */
    static void buildZip(Path zip, String reply) throws Exception {
        Path scratch = Files.createTempDirectory(dir, "package");
        Path handler = copyClass(ResourceReplyHandler.class, scratch);
        Path written = JavaSources.archive(scratch.resolve("package.zip"), Map.of(
                scratch.relativize(handler).toString(), handler,
                "reply.txt", Files.writeString(scratch.resolve("reply.txt"), reply)));
        Files.createDirectories(zip.getParent());
        Files.move(written, zip, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    @AfterAll
    static void stop() {
        if (api != null) {
            api.close();
        }
    }

    static String reply(String action) {
        JdkClient client = JdkClient.connect(api.gateway().webSocketUrl());
        client.send("{\"action\":\"" + action + "\"}");
        return client.nextMessage(WAIT);
    }

    @Test
    void compiledClasses_runWithTheirResources() {
        assertEquals("from build/resources/main", reply("plain"));
    }

    @Test
    void theBuildZipPackage_builtAfterTheClasses_runs_andARebuiltOneFromTheNextEvent() throws Exception {
        assertEquals("from buildZip's package", reply("zipped"));

        buildZip(dir.resolve("zipped/build/distributions/zipped.zip"), "from the package built again");
        LOGS.await("the reload line", WAIT, line -> line.equals("ZippedFunction: new code in "
                + "zipped/build/distributions/zipped.zip; the next events run it"));

        assertEquals("from the package built again", reply("zipped"));
    }

    @Test
    void classesWithoutTheDependencyTheyUse_areWarnedOfAtTheStart_withTheTasksThatPackageIt() {
        LogLine warning = LOGS.awaitLine("the missing dependency warning", WAIT, line -> line.text().startsWith(
                "MissingFunction's code in missing/build/classes/java/main uses classes that neither it nor the "
                        + "Lambda runtime has: org.crac."));

        assertEquals(LogLine.Kind.WARNING, warning.kind());
        assertTrue(warning.advice().contains("`./gradlew buildZip`") && warning.advice().contains("`sam build`"),
                warning.advice());
        assertTrue(reply("missing").startsWith("{\"message\": \"Internal server error\""),
                "its init fails as the warning said");
    }
}
