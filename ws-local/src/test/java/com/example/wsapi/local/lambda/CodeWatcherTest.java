package com.example.wsapi.local.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.wsapi.local.log.LogLine;
import com.example.wsapi.local.testing.JavaSources;
import com.example.wsapi.local.testing.LogLines;
import com.example.wsapi.local.testing.ManualClock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a settled change to a function's code does, polled by hand on a manual clock: the runtime is real, its function
 * registered but never invoked (no JVM starts), and its code is a Maven module's or sam build's output in a temporary
 * project.
 */
class CodeWatcherTest {

    private static final Duration SETTLE = Duration.ofSeconds(1);
    private static final Instant EARLIER = Instant.parse("2026-01-01T10:00:00Z");

    @TempDir
    Path project;
    private final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T12:00:00Z"));
    private final LogLines logs = new LogLines(false);
    private LambdaRuntime runtime;

    @AfterEach
    void close() {
        if (runtime != null) {
            runtime.close();
        }
    }

    private void built(String relative, Instant at) throws Exception {
        Path file = project.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, "code of " + at);
        Files.setLastModifiedTime(file, FileTime.from(at));
    }

    private CodeWatcher watch(FunctionSource source) {
        runtime = new LambdaRuntime(RuntimeOptions.defaults().withLogSink(line -> {}));
        List<Path> classpath = source.classpath();
        runtime.register(new FunctionSettings("Fn", "app.Handler::handleRequest", classpath, Map.of(),
                Duration.ofSeconds(3), 256, 1));
        return new CodeWatcher(source, classpath, runtime, logs, false, SETTLE, clock);
    }

    private FunctionSource source() {
        return new FunctionSource(project, "Fn", Path.of("fn"), "app.Handler::handleRequest", List.of());
    }

    /** Two polls a settle time apart: how the watch sees a change once a build is done. */
    private void pollSettled(CodeWatcher watcher) {
        watcher.run();
        clock.advance(SETTLE);
        watcher.run();
    }

    private Path running() {
        return runtime.settings("Fn").classpath().get(0);
    }

    @Test
    void aSettledRebuild_isHandedToTheRuntime_whereverItNowIs_andSaid() throws Exception {
        built("fn/target/classes/app/Handler.class", EARLIER);
        CodeWatcher watcher = watch(source());
        assertEquals(project.resolve("fn/target/classes"), running());

        built("fn/target/lambda/app/Handler.class", EARLIER.plusSeconds(60)); // the artifact, laid out since
        watcher.run();
        assertEquals(project.resolve("fn/target/classes"), running(), "not before the change settled");
        clock.advance(SETTLE);
        watcher.run();

        assertEquals(project.resolve("fn/target/lambda"), running());
        assertEquals(List.of("Fn: new code in fn/target/lambda; the next events run it"),
                logs.matching(line -> line.startsWith("Fn:")));
        pollSettled(watcher);
        assertEquals(1, logs.lines().size(), "said once");
    }

    @Test
    void codeGone_isSaidOnce_theRunningCodeStays_andCodeBackIsTaken() throws Exception {
        built("fn/target/classes/app/Handler.class", EARLIER);
        CodeWatcher watcher = watch(source());

        Files.delete(project.resolve("fn/target/classes/app/Handler.class")); // mvn clean
        pollSettled(watcher);
        Files.delete(project.resolve("fn/target/classes/app"));
        pollSettled(watcher);

        LogLine gone = logs.lines().get(0);
        assertEquals(1, logs.lines().size(), logs.text());
        assertEquals(LogLine.Kind.WARNING, gone.kind());
        assertEquals("Fn: its code in fn/target/classes is gone (a clean or a build under way?); its instances "
                + "keep running the code they started with", gone.text());
        assertEquals(project.resolve("fn/target/classes"), running());

        built("fn/target/classes/app/Handler.class", EARLIER.plusSeconds(60));
        pollSettled(watcher);
        assertEquals("Fn: new code in fn/target/classes; the next events run it", logs.lines().get(1).text());
    }

    @Test
    void mavenBuildingUnderSamBuildsOutput_changesNothingItRuns_andSaysWhatToDo() throws Exception {
        built("fn/target/lambda/app/Handler.class", EARLIER);
        built(".aws-sam/build/Fn/app/Handler.class", EARLIER.plusSeconds(60));
        CodeWatcher watcher = watch(source());
        assertEquals(project.resolve(".aws-sam/build/Fn"), running());

        built("fn/target/lambda/app/Handler.class", EARLIER.plusSeconds(120));
        pollSettled(watcher);

        assertEquals(project.resolve(".aws-sam/build/Fn"), running(), "sam build's output still runs");
        LogLine warning = logs.lines().get(0);
        assertEquals(1, logs.lines().size(), logs.text());
        assertEquals("Fn runs sam build's code in .aws-sam/build/Fn, but Maven built fn/target/lambda since",
                warning.text());
        assertTrue(warning.advice().startsWith("run `sam build` again, or delete .aws-sam to run Maven's build"),
                warning.advice());
    }

    @Test
    void aChangeOutsideWhatItRuns_isNotANewCode() throws Exception {
        built("fn/target/lambda/app/Handler.class", EARLIER.plusSeconds(60));
        built("fn/target/dependency/x.jar", EARLIER);
        CodeWatcher watcher = watch(source());

        built("fn/target/dependency/y.jar", EARLIER); // copied for target/classes, which it does not run from
        pollSettled(watcher);

        assertEquals(List.of(), logs.lines());
        assertEquals(project.resolve("fn/target/lambda"), running());
    }

    @Test
    void gradlesPackage_builtAfterItsClasses_isRun_andSaidByItsPlace() throws Exception {
        built("fn/build/classes/java/main/app/Handler.class", EARLIER);
        CodeWatcher watcher = watch(source());
        assertEquals(project.resolve("fn/build/classes/java/main"), running());

        Path zip = project.resolve("fn/build/distributions/fn.zip");
        Files.createDirectories(zip.getParent());
        writeJar(zip, "packaged"); // `./gradlew buildZip`, written now: after the classes
        pollSettled(watcher);

        assertEquals(List.of("Fn: new code in fn/build/distributions/fn.zip; the next events run it"),
                logs.matching(line -> line.startsWith("Fn:")));
        assertEquals("packaged", Files.readString(running().resolve("reply.txt")));
    }

    @Test
    void gradleCompilingTheTests_changesNothingItRuns() throws Exception {
        built("fn/build/classes/java/main/app/Handler.class", EARLIER);
        CodeWatcher watcher = watch(source());

        built("fn/build/classes/java/test/app/HandlerTest.class", EARLIER.plusSeconds(60));
        built("fn/build/reports/tests/index.html", EARLIER.plusSeconds(60));
        pollSettled(watcher);

        assertEquals(List.of(), logs.lines());
        built("fn/build/classes/kotlin/main/app/Helper.class", EARLIER.plusSeconds(120));
        pollSettled(watcher);
        assertEquals(List.of("Fn: new code in fn/build/classes/java/main; the next events run it"),
                logs.matching(line -> line.startsWith("Fn:")), "a language's classes are watched before they exist");
    }

    @Test
    void newClassesWithoutTheDependencyTheyUse_areSaid_withAWarning() throws Exception {
        built("fn/target/lambda/app/Handler.class", EARLIER);
        CodeWatcher watcher = watch(source());
        Path compiled = JavaSources.compile(project.resolve("compiled"), Map.of(
                "app.Handler", "package app; public class Handler { public String handleRequest(Object event) "
                        + "{ return lib.Greeting.text(); } }",
                "lib.Greeting", "package lib; public class Greeting { public static String text() { return \"hi\"; } }"));

        Path classes = Files.createDirectories(project.resolve("fn/build/classes/java/main/app"));
        Files.copy(compiled.resolve("app/Handler.class"), classes.resolve("Handler.class")); // `./gradlew build`
        pollSettled(watcher);

        assertEquals(List.of("Fn: new code in fn/build/classes/java/main; the next events run it", "Fn's code in "
                + "fn/build/classes/java/main uses classes that neither it nor the Lambda runtime has: lib.Greeting; "
                + "events that reach them fail with NoClassDefFoundError"), logs.matching(line -> true));
    }

    @Test
    void aRebuiltArchive_isExtractedAgain() throws Exception {
        Path jar = project.resolve("fn.jar");
        writeJar(jar, "v1");
        CodeWatcher watcher = watch(new FunctionSource(project, "Fn", Path.of("fn.jar"), "app.Handler::handleRequest",
                List.of()));
        Path first = running();

        writeJar(jar, "v2, longer");
        pollSettled(watcher);

        assertEquals(List.of("Fn: new code in fn.jar; the next events run it"), logs.matching(line -> true));
        assertTrue(!running().equals(first) && Files.readString(running().resolve("reply.txt")).equals("v2, longer"),
                "runs the new version's extraction: " + running());
    }

    @Test
    void aHalfWrittenArchive_isCodeGone_andTheWholeOneIsTaken() throws Exception {
        Path jar = project.resolve("fn.jar");
        writeJar(jar, "v1");
        CodeWatcher watcher = watch(new FunctionSource(project, "Fn", Path.of("fn.jar"), "app.Handler::handleRequest",
                List.of()));
        Path first = running();
        writeJar(jar, "v2");
        byte[] whole = Files.readAllBytes(jar);

        Files.write(jar, Arrays.copyOf(whole, whole.length / 2)); // a build stopped half-way
        pollSettled(watcher);

        assertEquals(List.of("Fn: its code in fn.jar is gone (a clean or a build under way?); its instances keep "
                + "running the code they started with"), logs.matching(line -> true));
        assertEquals(first, running());
        Files.write(jar, whole);
        pollSettled(watcher);
        assertEquals("Fn: new code in fn.jar; the next events run it", logs.lines().get(1).text());
        assertEquals("v2", Files.readString(running().resolve("reply.txt")));
    }

    private static void writeJar(Path jar, String reply) throws Exception {
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(jar))) {
            zip.putNextEntry(new ZipEntry("app/Handler.class"));
            zip.write(new byte[] {(byte) 0xCA, (byte) 0xFE});
            zip.putNextEntry(new ZipEntry("reply.txt"));
            zip.write(reply.getBytes(StandardCharsets.UTF_8));
        }
    }
}
