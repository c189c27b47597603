package com.example.wsapi.local.lambda;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.wsapi.local.testing.JavaSources;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which of a Gradle project's outputs a function runs ({@link FunctionCode#classpath} on a CodeUri folder), on
 * folders laid out as Gradle lays them out: real class files (a handler, and a dependency's class it calls), and real
 * archives, each built at a chosen time.
 */
class GradleLayoutTest {

    private static final String HANDLER = "app.Handler::handleRequest";
    private static final Instant COMPILED = Instant.parse("2026-01-01T10:00:00Z");

    @TempDir
    Path project;
    @TempDir
    Path archives;
    @TempDir
    Path scratch;
    private Path module;
    private Path handlerClass;
    private Path dependencyClass;

    @BeforeEach
    void compile() throws Exception {
        module = project.resolve("fn");
        Path compiled = JavaSources.compile(scratch.resolve("compiled"), Map.of(
                "app.Handler", "package app; public class Handler { public String handleRequest(Object event) "
                        + "{ return lib.Greeting.text(); } }",
                "lib.Greeting", "package lib; public class Greeting { public static String text() { return \"hi\"; } }"));
        handlerClass = compiled.resolve("app/Handler.class");
        dependencyClass = compiled.resolve("lib/Greeting.class");
    }

    /** What {@code compileJava} writes: the handler's class in {@code build/classes/java/main}. */
    private Path compileJava(Instant at) throws Exception {
        return place(handlerClass, "build/classes/java/main/app/Handler.class", at).getParent().getParent();
    }

    /** The dependency's jar, as Gradle's cache (or a copy task) holds it. */
    private Path dependencyJar(Path jar) throws Exception {
        return JavaSources.archive(jar, Map.of("lib/Greeting.class", dependencyClass));
    }

    private Path place(Path from, String relative, Instant at) throws Exception {
        Path file = module.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.copy(from, file);
        return touch(file, at);
    }

    private static Path touch(Path file, Instant at) throws Exception {
        Files.setLastModifiedTime(file, FileTime.from(at));
        return file;
    }

    private List<Path> classpath() {
        return FunctionCode.classpath(project, "Fn", Path.of("fn"), HANDLER, archives);
    }

    @Test
    void classesOfEachLanguage_thenTheResources_runWithTheJarsOfACopyTask() throws Exception {
        Path java = compileJava(COMPILED);
        Path kotlin = place(handlerClass, "build/classes/kotlin/main/app/Other.class", COMPILED).getParent().getParent();
        Path resources = Files.createDirectories(module.resolve("build/resources/main"));
        Files.writeString(resources.resolve("reply.txt"), "hi");
        Path test = place(handlerClass, "build/classes/java/test/app/HandlerTest.class", COMPILED).getParent();
        Path dependency = dependencyJar(module.resolve("build/dependencies/greeting-1.0.jar"));

        assertEquals(List.of(java, kotlin, resources, dependency), classpath());
        assertTrue(classpath().stream().noneMatch(entry -> entry.startsWith(test.getParent())), "no test classes");
    }

    @Test
    void resourcesAlone_areNoBuiltCode() throws Exception {
        Files.createDirectories(module.resolve("build/resources/main"));
        Files.writeString(module.resolve("build/resources/main/reply.txt"), "hi");

        assertThrows(IllegalStateException.class, this::classpath);
    }

    @Test
    void theBuildZipPackage_builtAfterTheClasses_runsExtracted_classesAtItsRoot_dependenciesInLib() throws Exception {
        compileJava(COMPILED);
        Path dependency = dependencyJar(scratch.resolve("greeting-1.0.jar"));
        touch(JavaSources.archive(module.resolve("build/distributions/fn.zip"), Map.of("app/Handler.class",
                handlerClass, "lib/greeting-1.0.jar", dependency)), COMPILED.plusSeconds(5));

        List<Path> classpath = classpath();

        Path root = classpath.get(0);
        assertTrue(root.startsWith(archives), root.toString());
        assertEquals(List.of(root, root.resolve("lib/greeting-1.0.jar")), classpath);
        assertArrayEquals(Files.readAllBytes(handlerClass), Files.readAllBytes(root.resolve("app/Handler.class")));
    }

    @Test
    void aPackageHoldingOnlyJarsInLib_asAwsGuideNowBuildsIt_runsThoseJars() throws Exception {
        compileJava(COMPILED);
        Path own = JavaSources.archive(scratch.resolve("fn.jar"), Map.of("app/Handler.class", handlerClass));
        Path dependency = dependencyJar(scratch.resolve("greeting-1.0.jar"));
        touch(JavaSources.archive(module.resolve("build/distributions/fn-1.0.zip"), Map.of("lib/fn.jar", own,
                "lib/greeting-1.0.jar", dependency)), COMPILED.plusSeconds(5));

        List<Path> classpath = classpath();

        Path root = classpath.get(0);
        assertEquals(List.of(root, root.resolve("lib/fn.jar"), root.resolve("lib/greeting-1.0.jar")), classpath);
    }

    @Test
    void classesCompiledAfterThePackage_runBeforeItsLibJars() throws Exception {
        Path classes = compileJava(COMPILED.plusSeconds(60)); // an IDE, or `./gradlew build` without buildZip
        Path dependency = dependencyJar(scratch.resolve("greeting-1.0.jar"));
        touch(JavaSources.archive(module.resolve("build/distributions/fn.zip"), Map.of("app/Handler.class",
                handlerClass, "lib/greeting-1.0.jar", dependency)), COMPILED);

        List<Path> classpath = classpath();

        assertEquals(2, classpath.size(), classpath.toString());
        assertEquals(classes, classpath.get(0));
        assertTrue(classpath.get(1).startsWith(archives) && classpath.get(1).endsWith("lib/greeting-1.0.jar"),
                classpath.toString());
    }

    @Test
    void theDistributionPluginsZip_nestedInAFolder_isPassedOver() throws Exception {
        Path classes = compileJava(COMPILED);
        Path dependency = dependencyJar(scratch.resolve("greeting-1.0.jar"));
        touch(JavaSources.archive(module.resolve("build/distributions/fn-1.0.zip"), Map.of(
                "fn-1.0/lib/greeting-1.0.jar", dependency)), COMPILED.plusSeconds(5));

        assertEquals(List.of(classes), classpath());
    }

    @Test
    void theShadowPluginsJar_runsAfterTheClasses_thePlainJarDoesNot() throws Exception {
        Path classes = compileJava(COMPILED);
        touch(JavaSources.archive(module.resolve("build/libs/fn-1.0.jar"), Map.of("app/Handler.class", handlerClass)),
                COMPILED);
        Path shadow = JavaSources.archive(module.resolve("build/libs/fn-1.0-all.jar"), Map.of(
                "app/Handler.class", handlerClass, "lib/Greeting.class", dependencyClass));

        assertEquals(List.of(classes, shadow), classpath());
        Files.delete(shadow);
        assertEquals(List.of(classes), classpath(), "the jar task's jar holds only the classes");
    }

    @Test
    void aRenamedJarWithDependencies_isFoundByWhatItHolds() throws Exception {
        Path classes = compileJava(COMPILED);
        Path fat = JavaSources.archive(module.resolve("build/libs/function.jar"), Map.of(
                "app/Handler.class", handlerClass, "lib/Greeting.class", dependencyClass));

        assertEquals(List.of(classes, fat), classpath());
    }

    @Test
    void aPackageAndAShadowJar_theNewerRuns() throws Exception {
        Path classes = compileJava(COMPILED);
        Path zip = touch(JavaSources.archive(module.resolve("build/distributions/fn.zip"), Map.of(
                "app/Handler.class", handlerClass)), COMPILED.plusSeconds(5));
        Path shadow = touch(JavaSources.archive(module.resolve("build/libs/fn-all.jar"), Map.of(
                "app/Handler.class", handlerClass, "lib/Greeting.class", dependencyClass)), COMPILED.plusSeconds(10));

        assertEquals(List.of(classes, shadow), classpath());
        touch(zip, COMPILED.plusSeconds(20));
        assertTrue(classpath().get(0).startsWith(archives), classpath().toString());
    }

    @Test
    void aProjectBuiltByMavenAndGradle_runsTheMoreRecentBuild() throws Exception {
        Path gradle = compileJava(COMPILED.plusSeconds(60));
        Path maven = module.resolve("target/classes");
        Files.createDirectories(maven.resolve("app"));
        touch(Files.copy(handlerClass, maven.resolve("app/Handler.class")), COMPILED);

        assertEquals(List.of(gradle), classpath());
        touch(maven.resolve("app/Handler.class"), COMPILED.plusSeconds(120));
        assertEquals(List.of(maven), classpath());
    }

    @Test
    void noBuiltCode_namesGradlesOutputs_andHowToBuildThem() throws Exception {
        Files.createDirectories(module);
        Files.writeString(module.resolve("build.gradle"), "plugins { id 'java' }");

        String message = assertThrows(IllegalStateException.class, this::classpath).getMessage();

        assertTrue(message.contains(module.resolve("build/distributions") + ", " + module.resolve("build/libs")
                + " and " + module.resolve("build/classes") + " (Gradle)"), message);
        assertTrue(message.contains("run `./gradlew build` in " + module.toAbsolutePath() + " with a task that "
                + "packages the dependencies too (the buildZip task of AWS's Lambda guide, or the Shadow plugin's "
                + "shadowJar"), message);
        assertTrue(message.indexOf("./gradlew") < message.indexOf("mvn -DskipTests package"),
                "a Gradle project's build first: " + message);
    }
}
