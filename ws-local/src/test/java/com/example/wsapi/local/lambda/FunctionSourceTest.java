package com.example.wsapi.local.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.wsapi.local.lambda.testfunctions.ResourceReplyHandler;
import com.example.wsapi.local.log.LogLine;
import com.example.wsapi.local.testing.JavaSources;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The warnings about a function's code: compiled classes without the dependencies they use (real class files, checked
 * against the real runtime jars), and sam build's output older than a build tool's.
 */
class FunctionSourceTest {

    private static final List<Path> RUNTIME = RuntimeJars.locate();

    @TempDir
    Path project;
    @TempDir
    Path scratch;
    private Path handlerClass;
    private Path dependencyClass;

    @BeforeEach
    void compile() throws Exception {
        Path compiled = JavaSources.compile(scratch.resolve("compiled"), Map.of(
                "app.Handler", "package app; public class Handler { public String handleRequest(Object event) "
                        + "{ return lib.Greeting.text() + kotlin.Unit.INSTANCE; } }",
                "lib.Greeting", "package lib; public class Greeting { public static String text() { return \"hi\"; } }",
                "kotlin.Unit", "package kotlin; public class Unit { public static final Unit INSTANCE = new Unit(); }"));
        handlerClass = compiled.resolve("app/Handler.class");
        dependencyClass = compiled.resolve("lib/Greeting.class");
    }

    private FunctionSource source(FunctionSource.Layer... layers) {
        return new FunctionSource(project, "Fn", Path.of("fn"), "app.Handler::handleRequest", List.of(layers));
    }

    private Path place(Path from, String relative) throws Exception {
        Path file = project.resolve(relative);
        Files.createDirectories(file.getParent());
        return Files.copy(from, file);
    }

    private Optional<LogLine> missingDependencies(FunctionSource source) {
        return source.missingDependencies(source.classpath(), RUNTIME);
    }

    @Test
    void gradleClassesWithoutTheirDependencies_areWarnedOf_namingTheClassesAndTheTasksThatPackageThem()
            throws Exception {
        place(handlerClass, "fn/build/classes/java/main/app/Handler.class");

        LogLine warning = missingDependencies(source()).orElseThrow();

        assertEquals(LogLine.Kind.WARNING, warning.kind());
        assertEquals("Fn's code in fn/build/classes/java/main uses classes that neither it nor the Lambda runtime has: "
                + "kotlin.Unit, lib.Greeting; events that reach them fail with NoClassDefFoundError", warning.text());
        assertTrue(warning.advice().startsWith("Gradle keeps dependencies in its cache, not under build/: package "
                + "them with the classes, with the buildZip task of AWS's Lambda guide (`./gradlew buildZip`) or the "
                + "Shadow plugin (`./gradlew shadowJar`), or run `sam build`"), warning.advice());
    }

    @Test
    void mavenClassesWithoutTheirDependencies_sayHowMavenCopiesThem() throws Exception {
        place(handlerClass, "fn/target/classes/app/Handler.class");

        LogLine warning = missingDependencies(source()).orElseThrow();

        assertTrue(warning.text().startsWith("Fn's code in fn/target/classes uses classes"), warning.text());
        assertTrue(warning.advice().startsWith("`mvn dependency:copy-dependencies -DincludeScope=runtime` copies them "
                + "to target/dependency"), warning.advice());
    }

    @Test
    void classesWithTheirDependencies_inALayerOrACopiedFolder_areNotWarnedOf() throws Exception {
        place(handlerClass, "fn/build/classes/java/main/app/Handler.class");
        Map<String, Path> dependencies = Map.of("lib/Greeting.class", dependencyClass, "kotlin/Unit.class",
                scratch.resolve("compiled/kotlin/Unit.class"));
        JavaSources.archive(project.resolve("layer/java/lib/deps.jar"), dependencies);

        assertEquals(Optional.empty(), missingDependencies(source(new FunctionSource.Layer("Deps", Path.of("layer")))));
        JavaSources.archive(project.resolve("fn/build/dependencies/deps.jar"), dependencies);
        assertEquals(Optional.empty(), missingDependencies(source()));
    }

    @Test
    void classesUsingOnlyTheJdkAndTheRuntimesLambdaCore_areNotWarnedOf() throws Exception {
        String name = ResourceReplyHandler.class.getName().replace('.', '/') + ".class";
        place(Path.of(ResourceReplyHandler.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .resolve(name), "fn/build/classes/java/main/" + name);

        assertEquals(Optional.empty(), missingDependencies(source()));
    }

    @Test
    void samBuildsOutput_olderThanGradlesBuild_isWarnedOf() throws Exception {
        Path samBuilt = place(handlerClass, ".aws-sam/build/Fn/app/Handler.class");
        Files.setLastModifiedTime(samBuilt, FileTime.from(Instant.parse("2026-01-01T10:00:00Z")));
        place(handlerClass, "fn/build/classes/java/main/app/Handler.class");
        FunctionSource source = source();

        LogLine warning = source.staleSamBuild(source.classpath()).orElseThrow();

        assertEquals("Fn runs sam build's code in .aws-sam/build/Fn, but Gradle built fn/build/classes/java/main "
                + "since", warning.text());
        assertTrue(warning.advice().startsWith("run `sam build` again, or delete .aws-sam to run Gradle's build"),
                warning.advice());
    }

    @Test
    void packagedCode_runsAsItIs_andIsWatchedWhole_neitherSamBuildNorABuildToolsOutputIn() throws Exception {
        place(handlerClass, "cdk.out/asset.c0de/app/Handler.class");
        place(handlerClass, ".aws-sam/build/Fn/app/Handler.class");
        place(handlerClass, "cdk.out/asset.c0de/build/classes/java/main/app/Handler.class");
        Path code = project.resolve("cdk.out/asset.c0de");
        FunctionSource source = new FunctionSource(project, "Fn", code, "app.Handler::handleRequest", List.of(), true);

        List<Path> classpath = source.classpath();

        assertEquals(List.of(code), classpath);
        assertEquals(List.of(code, code.resolve("lib"), code.resolve("app/Handler.class")), source.places(classpath));
        assertEquals(Optional.empty(), source.staleSamBuild(classpath));
        assertEquals(Optional.empty(), source.missingDependencies(classpath, RUNTIME),
                "the package holds what it holds: no build tool left dependencies out");
    }

    @Test
    void gradlesPackage_isDescribedByItsPlaceInTheProject_notItsExtraction() throws Exception {
        place(handlerClass, "fn/build/classes/java/main/app/Handler.class");
        Path zip = JavaSources.archive(project.resolve("fn/build/distributions/fn.zip"), Map.of("app/Handler.class",
                handlerClass));
        Files.setLastModifiedTime(zip, FileTime.from(Instant.now().plusSeconds(5)));
        FunctionSource source = source();

        assertEquals("fn/build/distributions/fn.zip", source.describe(source.classpath()));
    }
}
