package com.example.wsapi.local.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.wsapi.local.lambda.testfunctions.EnvironmentHandler;
import com.example.wsapi.local.log.LogLine;
import com.example.wsapi.local.log.LogSink;
import com.google.gson.JsonParser;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClassDataCacheTest {

    @TempDir
    Path dir;

    /** A Java installation as far as the cache can tell: bin/java and a release file. */
    private Path fakeJava(String version) throws Exception {
        Path home = Files.createDirectories(dir.resolve("jdk-" + version));
        Path java = Files.createDirectories(home.resolve("bin")).resolve("java");
        Files.writeString(java, "#!/bin/sh\n");
        Files.writeString(home.resolve("release"), "IMPLEMENTOR=\"Test\"\nJAVA_VERSION=\"" + version + "\"\n");
        return java;
    }

    private Path classesFolder() throws Exception {
        Path classes = Files.createDirectories(dir.resolve("code/classes/com/example"));
        Files.writeString(classes.resolve("Handler.class"), "not really a class");
        return dir.resolve("code/classes");
    }

    @Test
    void create_withoutAFolder_orForJavaBefore13_orWithoutReleaseFile_isEmpty() throws Exception {
        assertTrue(ClassDataCache.create(null, fakeJava("17.0.15")).isEmpty());
        assertTrue(ClassDataCache.create(dir.resolve("cache"), fakeJava("11.0.2")).isEmpty());
        assertTrue(ClassDataCache.create(dir.resolve("cache"), fakeJava("1.8.0_402")).isEmpty());
        Path bare = Files.createDirectories(dir.resolve("bare/bin")).resolve("java");
        Files.writeString(bare, "");
        assertTrue(ClassDataCache.create(dir.resolve("cache"), bare).isEmpty());
        assertTrue(ClassDataCache.create(dir.resolve("cache"), fakeJava("17.0.15")).isPresent());
        assertTrue(ClassDataCache.create(dir.resolve("cache"), fakeJava("25")).isPresent());
    }

    @Test
    void create_makesItsFolderPrivate_andRefusesOneOthersMayWriteTo() throws Exception {
        Path fresh = dir.resolve("fresh-cache");
        assertTrue(ClassDataCache.create(fresh, fakeJava("17.0.15")).isPresent());
        assertEquals(PosixFilePermissions.fromString("rwx------"), Files.getPosixFilePermissions(fresh));

        Path shared = Files.createDirectories(dir.resolve("shared-cache"));
        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxrwxrwx"));
        assertTrue(ClassDataCache.create(shared, fakeJava("17.0.15")).isEmpty(),
                "a folder anyone may write to could hold planted jars");
    }

    @Test
    void pruneUnused_deletesFunctionFoldersUnusedForAMonth_andKeepsRecentOnesAndAnythingElse() throws Exception {
        Instant now = Instant.parse("2026-12-07T09:00:00Z");
        Path root = dir.resolve("cache");
        ClassDataCache cache = ClassDataCache.create(root, fakeJava("17.0.15"), Clock.fixed(now, ZoneOffset.UTC))
                .orElseThrow();
        Path stale = folderLastUsed(root.resolve("Echo-0123456789abcdef"), now.minus(Duration.ofDays(31)));
        Path recent = folderLastUsed(root.resolve("Echo-fedcba9876543210"), now.minus(Duration.ofDays(29)));
        Path notOurs = folderLastUsed(root.resolve("notes"), now.minus(Duration.ofDays(400)));

        cache.pruneUnused();

        assertFalse(Files.exists(stale), "unused for 31 days: " + stale);
        assertTrue(Files.isDirectory(recent), "used 29 days ago: " + recent);
        assertTrue(Files.isDirectory(notOurs), "not a function's folder: " + notOurs);
    }

    @Test
    void prepare_marksTheFunctionsFolderUsed_soThatPruningKeepsIt() throws Exception {
        Instant now = Instant.parse("2026-12-07T09:00:00Z");
        ClassDataCache cache = ClassDataCache.create(dir.resolve("cache"), fakeJava("17.0.15"),
                Clock.fixed(now, ZoneOffset.UTC)).orElseThrow();
        Path classes = classesFolder();
        ClassDataCache.Launch launch = cache.prepare("Echo", List.of(), List.of(classes), List.of());
        Path slot = launch.classpath.get(0).getParent().getParent();
        Files.setLastModifiedTime(slot, FileTime.from(now.minus(Duration.ofDays(60))));

        cache.prepare("Echo", List.of(), List.of(classes), List.of());
        cache.pruneUnused();

        assertEquals(FileTime.from(now), Files.getLastModifiedTime(slot));
        assertTrue(Files.isRegularFile(launch.classpath.get(0)), "the jar copy of a function in use stays");
    }

    private static Path folderLastUsed(Path folder, Instant when) throws Exception {
        Files.createDirectories(folder.resolve("key"));
        Files.writeString(folder.resolve("key/function.jsa"), "archive bytes");
        Files.setLastModifiedTime(folder, FileTime.from(when));
        return folder;
    }

    @Test
    void prepare_withoutArchive_recordsOnce_andRunsFoldersFromJarCopies() throws Exception {
        ClassDataCache cache = ClassDataCache.create(dir.resolve("cache"), fakeJava("17.0.15")).orElseThrow();
        Path classes = classesFolder();
        Path lib = Files.writeString(dir.resolve("lib.jar"), "jar bytes");

        ClassDataCache.Launch first = cache.prepare("Echo", List.of(), List.of(classes, lib), List.of());
        ClassDataCache.Launch second = cache.prepare("Echo", List.of(), List.of(classes, lib), List.of());

        assertTrue(first.records());
        assertTrue(first.jvmOptions.stream().anyMatch(o -> o.startsWith("-XX:ArchiveClassesAtExit=")), first.jvmOptions.toString());
        assertFalse(second.records(), "a second instance must not record the same archive");
        assertTrue(second.jvmOptions.isEmpty(), second.jvmOptions.toString());
        Path jar = first.classpath.get(0);
        assertTrue(jar.getFileName().toString().endsWith(".jar"), jar.toString());
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            assertTrue(zip.getEntry("com/example/Handler.class") != null, "the folder's class is in " + jar);
        }
        assertEquals(lib, first.classpath.get(1));
    }

    @Test
    void prepare_forALambdaLayout_leavesItsLibJarsOutOfTheFoldersJarCopy() throws Exception {
        ClassDataCache cache = ClassDataCache.create(dir.resolve("cache"), fakeJava("17.0.15")).orElseThrow();
        Path artifact = Files.createDirectories(dir.resolve("lambda/com/example")).getParent().getParent();
        Files.writeString(artifact.resolve("com/example/Handler.class"), "not really a class");
        Path lib = Files.writeString(Files.createDirectories(artifact.resolve("lib")).resolve("sdk.jar"), "jar bytes");

        ClassDataCache.Launch launch = cache.prepare("Echo", List.of(), List.of(artifact, lib), List.of());

        try (ZipFile zip = new ZipFile(launch.classpath.get(0).toFile())) {
            assertTrue(zip.getEntry("com/example/Handler.class") != null, "the folder's class is in the copy");
            assertTrue(zip.getEntry("lib/sdk.jar") == null, "lib/sdk.jar is on the class path already");
        }
        assertEquals(lib, launch.classpath.get(1));
    }

    @Test
    void exited_publishesTheRecording_andLaterStartsUseIt() throws Exception {
        ClassDataCache cache = ClassDataCache.create(dir.resolve("cache"), fakeJava("21.0.1")).orElseThrow();
        Path classes = classesFolder();
        ClassDataCache.Launch recorder = cache.prepare("Echo", List.of(), List.of(classes), List.of());
        Files.writeString(recordingOf(recorder), "archive bytes"); // what the JVM writes

        recorder.exited(true);
        ClassDataCache.Launch later = cache.prepare("Echo", List.of(), List.of(classes), List.of());

        assertFalse(later.records());
        assertTrue(later.jvmOptions.stream().anyMatch(o -> o.startsWith("-XX:SharedArchiveFile=")
                && o.endsWith("function.jsa")), later.jvmOptions.toString());
    }

    @Test
    void exited_withoutARecording_letsTheNextInstanceRecord() throws Exception {
        ClassDataCache cache = ClassDataCache.create(dir.resolve("cache"), fakeJava("17.0.15")).orElseThrow();
        Path classes = classesFolder();
        ClassDataCache.Launch killed = cache.prepare("Echo", List.of(), List.of(classes), List.of());

        killed.exited(true); // SIGKILL or a crash: the JVM wrote nothing

        assertTrue(cache.prepare("Echo", List.of(), List.of(classes), List.of()).records());
    }

    @Test
    void exited_afterARunStoppedInItsStart_dropsWhatItRecorded_andTheNextStartRecords() throws Exception {
        ClassDataCache cache = ClassDataCache.create(dir.resolve("cache"), fakeJava("17.0.15")).orElseThrow();
        Path classes = classesFolder();
        ClassDataCache.Launch stoppedEarly = cache.prepare("Echo", List.of(), List.of(classes), List.of());
        Path recording = recordingOf(stoppedEarly);
        Files.writeString(recording, "the few classes loaded before it stopped");

        stoppedEarly.exited(false);

        assertFalse(Files.exists(recording), "the partial recording is deleted");
        assertFalse(Files.exists(recording.resolveSibling("function.jsa")), "and not published");
        assertTrue(cache.prepare("Echo", List.of(), List.of(classes), List.of()).records());
    }

    @Test
    void prepare_afterARebuild_usesANewVersion_andDeletesTheOldOnes_onceTheRunThatClaimedThemEnded()
            throws Exception {
        Path root = dir.resolve("cache");
        ClassDataCache cache = ClassDataCache.create(root, fakeJava("17.0.15")).orElseThrow();
        Path classes = classesFolder();
        Path before = cache.prepare("Echo", List.of(), List.of(classes), List.of()).classpath.get(0).getParent();
        Path beforeOtherGc = cache.prepare("Echo", List.of(), List.of(classes), List.of("-XX:+UseParallelGC"))
                .classpath.get(0).getParent();
        Files.setLastModifiedTime(classes.resolve("com/example/Handler.class"),
                FileTime.fromMillis(System.currentTimeMillis() + 60_000));

        Path after = cache.prepare("Echo", List.of(), List.of(classes), List.of()).classpath.get(0).getParent();

        assertNotEquals(before, after);
        assertTrue(Files.isDirectory(before), "this process still claims it: its instances may still record there");
        endClaimsOfThisProcess(before.getParent()); // as if the run that used the old build had ended
        cache.prepare("Echo", List.of(), List.of(classes), List.of());
        assertFalse(Files.exists(before), "the archive of the old build is deleted");
        assertFalse(Files.exists(beforeOtherGc), "with its other options too");
        try (Stream<Path> versions = Files.list(after.getParent())) {
            assertEquals(List.of(after), versions.filter(Files::isDirectory).toList());
        }
    }

    /** Makes this process's claims in {@code slot} those of an ended process: its id, another start time. */
    private static void endClaimsOfThisProcess(Path slot) throws Exception {
        try (Stream<Path> claims = Files.list(slot)) {
            for (Path claim : claims.filter(p -> p.getFileName().toString().contains(".used-by-")).toList()) {
                Files.writeString(claim, "1970-01-01T00:00:00Z");
            }
        }
    }

    @Test
    void prepare_ofRebuiltCode_keepsTheVersionAnotherProcessRecordsIn_andDeletesItOnceThatProcessEnded()
            throws Exception {
        Path root = dir.resolve("cache");
        Path java = fakeJava("17.0.15");
        Path classes = classesFolder();
        Process other = recordingProcess(root, java, classes);
        BufferedReader otherSays = new BufferedReader(new InputStreamReader(other.getInputStream(),
                StandardCharsets.UTF_8));
        Path othersRecording = Path.of(otherSays.readLine());
        Path othersVersion = othersRecording.getParent();
        try {
            Files.setLastModifiedTime(classes.resolve("com/example/Handler.class"),
                    FileTime.fromMillis(System.currentTimeMillis() + 60_000));

            ClassDataCache.Launch rebuilt = ClassDataCache.create(root, java).orElseThrow()
                    .prepare("Echo", List.of(), List.of(classes), List.of());

            assertNotEquals(othersVersion, rebuilt.classpath.get(0).getParent());
            assertTrue(Files.isRegularFile(othersVersion.resolve("classes-0.jar")),
                    "the other ws-local's JVM runs from its jar copy: " + othersVersion);
        } finally {
            other.getOutputStream().close(); // the other ws-local stops: its JVM writes the archive as it exits
            assertTrue(other.waitFor(30, TimeUnit.SECONDS));
        }

        assertEquals("published", otherSays.readLine(), "the other process could not write " + othersRecording);
        assertTrue(Files.isRegularFile(othersVersion.resolve("function.jsa")));
        ClassDataCache.create(root, java).orElseThrow().prepare("Echo", List.of(), List.of(classes), List.of());
        assertFalse(Files.exists(othersVersion), "nothing runs the older version any more: " + othersVersion);
    }

    @Test
    void exited_ofAnInstanceOfCodeSinceRebuilt_publishesNothing() throws Exception {
        ClassDataCache cache = ClassDataCache.create(dir.resolve("cache"), fakeJava("17.0.15")).orElseThrow();
        Path classes = classesFolder();
        ClassDataCache.Launch old = cache.prepare("Echo", List.of(), List.of(classes), List.of());
        Files.writeString(recordingOf(old), "archive of the code before the rebuild");
        Files.setLastModifiedTime(classes.resolve("com/example/Handler.class"),
                FileTime.fromMillis(System.currentTimeMillis() + 60_000));
        cache.prepare("Echo", List.of(), List.of(classes), List.of()); // --reload started the rebuilt code

        old.exited(true); // stopped for the rebuilt code, after a full start

        assertFalse(Files.exists(recordingOf(old)));
        assertFalse(Files.exists(recordingOf(old).resolveSibling("function.jsa")), "no start will use it");
    }

    @Test
    void pruneUnused_keepsAFunctionsFolder_whileARunningProcessRecordsInIt() throws Exception {
        Instant started = Instant.parse("2026-11-01T09:00:00Z");
        Path root = dir.resolve("cache");
        Path java = fakeJava("17.0.15");
        // This process started an instance 31 days ago (by its clock), and it has not exited yet.
        ClassDataCache.Launch recording = ClassDataCache.create(root, java, Clock.fixed(started, ZoneOffset.UTC))
                .orElseThrow().prepare("Echo", List.of(), List.of(classesFolder()), List.of());
        ClassDataCache startingNow = ClassDataCache.create(root, java,
                Clock.fixed(started.plus(Duration.ofDays(31)), ZoneOffset.UTC)).orElseThrow();

        startingNow.pruneUnused();

        assertTrue(Files.isDirectory(recordingOf(recording).getParent()),
                "the running instance writes its archive there at exit");
        Files.writeString(recordingOf(recording), "archive bytes");
        recording.exited(true);
        assertTrue(Files.isRegularFile(recordingOf(recording).resolveSibling("function.jsa")));
    }

    @Test
    void placeOnce_keepsTheFileAnotherWriterPlacedFirst_andDropsItsOwn() throws Exception {
        // Two ws-locals that both found no jar copy each write one: the JVM started with the first may record an
        // archive of it, and CDS refuses an archive whose jar has another modification time.
        Path jar = Files.writeString(dir.resolve("classes-0.jar"), "placed first");
        Path staging = Files.writeString(dir.resolve("classes-0.jar.1234.tmp"), "placed second");
        FileTime first = Files.getLastModifiedTime(jar);

        ClassDataCache.placeOnce(staging, jar);

        assertEquals("placed first", Files.readString(jar));
        assertEquals(first, Files.getLastModifiedTime(jar));
        assertFalse(Files.exists(staging));

        Path fresh = Files.writeString(dir.resolve("fresh.tmp"), "the only one");
        ClassDataCache.placeOnce(fresh, dir.resolve("classes-1.jar"));
        assertEquals("the only one", Files.readString(dir.resolve("classes-1.jar")));
        assertFalse(Files.exists(fresh));
    }

    @Test
    void prepare_withOtherJvmOptions_usesAnotherArchive_andKeepsTheFirst_butLoggingOptionsDoNotCount() throws Exception {
        ClassDataCache cache = ClassDataCache.create(dir.resolve("cache"), fakeJava("17.0.15")).orElseThrow();
        Path classes = classesFolder();
        Path plain = cache.prepare("Echo", List.of(), List.of(classes), List.of()).classpath.get(0).getParent();

        Path logging = cache.prepare("Echo", List.of(), List.of(classes), List.of("-Xlog:class+load"))
                .classpath.get(0).getParent();
        Path otherGc = cache.prepare("Echo", List.of(), List.of(classes), List.of("-XX:+UseParallelGC"))
                .classpath.get(0).getParent();

        assertEquals(plain, logging);
        assertNotEquals(plain, otherGc);
        assertTrue(Files.isDirectory(plain), "a run with other options leaves the archive of the plain one");
    }

    /** End to end with the Java running the tests (17+): the archive the first process wrote serves the second. */
    @Test
    void secondStart_loadsTheFunctionsClassesFromTheArchiveTheFirstRecorded() throws Exception {
        FunctionSettings function = environmentFunction(Map.of());

        List<String> firstArguments = argumentsOfARun(function);
        Optional<Path> archive;
        try (Stream<Path> files = Files.walk(dir.resolve("cache"))) {
            archive = files.filter(p -> p.getFileName().toString().equals("function.jsa")).findFirst();
        }
        List<String> secondArguments = argumentsOfARun(function);

        assertTrue(firstArguments.stream().anyMatch(a -> a.startsWith("-XX:ArchiveClassesAtExit=")), firstArguments.toString());
        assertTrue(archive.isPresent(), "stopping the first runtime wrote the archive");
        assertTrue(secondArguments.contains("-XX:SharedArchiveFile=" + archive.get()), secondArguments.toString());
    }

    @Test
    void aStartWithOtherJavaToolOptions_recordsItsOwnArchive() throws Exception {
        // Recorded without it, an archive is refused (silently) by a JVM without compressed oops.
        argumentsOfARun(environmentFunction(Map.of()));

        List<String> arguments = argumentsOfARun(environmentFunction(
                Map.of("JAVA_TOOL_OPTIONS", "-XX:-UseCompressedOops")));

        assertTrue(arguments.stream().anyMatch(a -> a.startsWith("-XX:ArchiveClassesAtExit=")), arguments.toString());
        assertTrue(arguments.stream().noneMatch(a -> a.startsWith("-XX:SharedArchiveFile=")), arguments.toString());
    }

    @Test
    void stoppingWhileAnArchiveIsWritten_saysSo_andAStopWithTheArchiveSaysNothing() throws Exception {
        List<LogLine> firstRun = new CopyOnWriteArrayList<>();
        List<LogLine> secondRun = new CopyOnWriteArrayList<>();

        argumentsOfARun(environmentFunction(Map.of()), firstRun::add);
        argumentsOfARun(environmentFunction(Map.of()), secondRun::add);

        assertEquals(1, firstRun.stream().filter(line -> line.text().startsWith("stopping: 1 function JVM writes "
                + "its class-data archive")).count(), firstRun.toString());
        assertTrue(secondRun.stream().noneMatch(line -> line.text().startsWith("stopping:")), secondRun.toString());
    }

    /** The test handler that reports its JVM's pid, as a function with {@code environment}. */
    private static FunctionSettings environmentFunction(Map<String, String> environment) throws Exception {
        Path testClasses = Path.of(EnvironmentHandler.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        return new FunctionSettings("Environment", EnvironmentHandler.class.getName() + "::handleRequest",
                List.of(testClasses), environment, Duration.ofSeconds(30), 256, 1);
    }

    /** Invokes {@code function} once in a runtime of its own on this test's cache, and stops it (archives written). */
    private List<String> argumentsOfARun(FunctionSettings function) throws Exception {
        return argumentsOfARun(function, line -> {});
    }

    private List<String> argumentsOfARun(FunctionSettings function, LogSink logs) throws Exception {
        RuntimeOptions options = RuntimeOptions.defaults().withClassDataCache(dir.resolve("cache")).withLogSink(logs);
        try (LambdaRuntime runtime = new LambdaRuntime(options)) {
            runtime.register(function);
            return arguments(runtime.invoke(function.name(), "{}").get(60, TimeUnit.SECONDS));
        }
    }

    /**
     * Another ws-local: a JVM that prepares an instance of {@code classes} recording its archive and prints where it
     * records; once its stdin closes, writes the recording as an exiting JVM would, publishes it and prints
     * {@code published}.
     */
    private static Process recordingProcess(Path root, Path java, Path classes) throws Exception {
        String classpath = String.join(File.pathSeparator, List.of(codeSource(ClassDataCache.class).toString(),
                codeSource(RecordingProcess.class).toString()));
        return new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                classpath, RecordingProcess.class.getName(), root.toString(), java.toString(), classes.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }

    private static Path codeSource(Class<?> type) throws Exception {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    /** The main class of {@link #recordingProcess}. */
    public static final class RecordingProcess {
        public static void main(String[] args) throws Exception {
            ClassDataCache.Launch launch = ClassDataCache.create(Path.of(args[0]), Path.of(args[1])).orElseThrow()
                    .prepare("Echo", List.of(), List.of(Path.of(args[2])), List.of());
            Path recording = recordingOf(launch);
            System.out.println(recording);
            System.out.flush();
            while (System.in.read() >= 0) {
                // runs until the test closes stdin
            }
            Files.writeString(recording, "archive bytes");
            launch.exited(true);
            System.out.println("published");
        }
    }

    /** Where the JVM started with {@code launch} writes its archive at exit. */
    private static Path recordingOf(ClassDataCache.Launch launch) {
        String option = launch.jvmOptions.stream().filter(o -> o.startsWith("-XX:ArchiveClassesAtExit="))
                .findFirst().orElseThrow();
        return Path.of(option.substring(option.indexOf('=') + 1));
    }

    /** The JVM arguments of the process that answered (EnvironmentHandler reports its pid; it is still running). */
    private static List<String> arguments(String response) {
        long pid = JsonParser.parseString(response).getAsJsonObject().get("pid").getAsLong();
        return ProcessHandle.of(pid).flatMap(p -> p.info().arguments()).map(List::of).orElseThrow();
    }
}
