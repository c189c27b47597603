package com.example.wsapi.local.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FunctionCodeTest {

    @Test
    void classpath_prefersTheSamBuildFolder_withItsLibJars(@TempDir Path project) throws Exception {
        Path build = Files.createDirectories(project.resolve(".aws-sam/build/EchoFunction"));
        Files.createDirectories(build.resolve("com/example"));
        Files.createDirectories(build.resolve("lib"));
        Files.writeString(build.resolve("lib/b.jar"), "b");
        Files.writeString(build.resolve("lib/a.jar"), "a");
        Files.writeString(build.resolve("lib/notes.txt"), "not a jar");
        mavenLayout(project.resolve("ws-echo"));

        List<Path> classpath = FunctionCode.classpath(project, "EchoFunction", project.resolve("ws-echo"));

        assertEquals(List.of(build, build.resolve("lib/a.jar"), build.resolve("lib/b.jar")), classpath);
    }

    @Test
    void classpath_usesTheMavenLayout_whenThereIsNoSamBuild(@TempDir Path project) throws Exception {
        Path module = project.resolve("ws-echo");
        mavenLayout(module);

        List<Path> classpath = FunctionCode.classpath(project, "EchoFunction", Path.of("ws-echo"));

        assertEquals(List.of(module.resolve("target/classes"), module.resolve("target/dependency/core.jar")),
                classpath);
    }

    @Test
    void classpath_ofAModuleBuiltWithTheShadePlugin_isItsClassesThenTheShadedJar(@TempDir Path project)
            throws Exception {
        Path target = Files.createDirectories(project.resolve("exec/target/classes/poseidon")).getParent().getParent();
        Files.writeString(target.resolve("exec-1.0.jar"), "classes and dependencies");
        Files.writeString(target.resolve("original-exec-1.0.jar"), "classes only");

        List<Path> classpath = FunctionCode.classpath(project, "ExecFunction", Path.of("exec"));

        assertEquals(List.of(target.resolve("classes"), target.resolve("exec-1.0.jar")), classpath);
    }

    @Test
    void classpath_ofAModuleBuiltWithTheAssemblyPlugin_isItsClassesThenTheJarWithDependencies(@TempDir Path project)
            throws Exception {
        Path target = Files.createDirectories(project.resolve("exec/target/classes/poseidon")).getParent().getParent();
        Files.writeString(target.resolve("exec-1.0.jar"), "classes only");
        Files.writeString(target.resolve("exec-1.0-jar-with-dependencies.jar"), "classes and dependencies");

        List<Path> classpath = FunctionCode.classpath(project, "ExecFunction", Path.of("exec"));

        assertEquals(List.of(target.resolve("classes"), target.resolve("exec-1.0-jar-with-dependencies.jar")),
                classpath);
    }

    @Test
    void classpath_ofAModuleThatCopiesItsDependenciesToTargetLib_isItsClassesThenThoseJars(@TempDir Path project)
            throws Exception {
        // The serverless-java-container archetypes' pom: copy-dependencies to target/lib, a zip of both, no jar.
        Path target = Files.createDirectories(project.resolve("api/target/classes/org")).getParent().getParent();
        Files.createDirectories(target.resolve("lib"));
        Files.writeString(target.resolve("lib/dynamodb-2.25.35.jar"), "jar");
        Files.writeString(target.resolve("lib/aws-lambda-java-events-3.14.0.jar"), "jar");
        Files.writeString(target.resolve("api-1.0-lambda-package.zip"), "classes and lib/");

        List<Path> classpath = FunctionCode.classpath(project, "ApiFunction", Path.of("api"));

        assertEquals(List.of(target.resolve("classes"), target.resolve("lib/aws-lambda-java-events-3.14.0.jar"),
                target.resolve("lib/dynamodb-2.25.35.jar")), classpath);
    }

    @Test
    void classpath_ofAModuleWithDependencyJarsAndAShadedJar_prefersTheDependencyJars(@TempDir Path project)
            throws Exception {
        Path module = project.resolve("exec");
        mavenLayout(module);
        Files.writeString(module.resolve("target/exec-1.0.jar"), "classes and dependencies");
        Files.writeString(module.resolve("target/original-exec-1.0.jar"), "classes only");

        List<Path> classpath = FunctionCode.classpath(project, "ExecFunction", Path.of("exec"));

        assertEquals(List.of(module.resolve("target/classes"), module.resolve("target/dependency/core.jar")),
                classpath);
    }

    @Test
    void classpath_prefersTheShrunkArtifact_overTheMavenLayout(@TempDir Path project) throws Exception {
        Path module = project.resolve("ws-echo");
        mavenLayout(module);
        Path artifact = Files.createDirectories(module.resolve("target/lambda/com/example")).getParent().getParent();
        Files.createDirectories(artifact.resolve("lib"));
        Files.writeString(artifact.resolve("lib/sdk-core.jar"), "jar");
        Files.writeString(artifact.resolve("lib/aws-lambda-java-core.jar"), "jar");

        List<Path> classpath = FunctionCode.classpath(project, "EchoFunction", Path.of("ws-echo"));

        assertEquals(List.of(artifact, artifact.resolve("lib/aws-lambda-java-core.jar"),
                artifact.resolve("lib/sdk-core.jar")), classpath);
    }

    @Test
    void classpath_whenClassesWereCompiledAfterTheArtifact_runsTheNewerClasses(@TempDir Path project) throws Exception {
        Path module = project.resolve("ws-echo");
        mavenLayout(module);
        Path artifact = Files.createDirectories(module.resolve("target/lambda/lib")).getParent();
        Files.writeString(artifact.resolve("lib/sdk-core.jar"), "jar");
        Files.setLastModifiedTime(artifact.resolve("lib/sdk-core.jar"), FileTime.fromMillis(1_000_000));
        Path edited = Files.writeString(module.resolve("target/classes/com/example/Handler.class"), "class");
        Files.setLastModifiedTime(edited, FileTime.fromMillis(2_000_000)); // an IDE compiled after `mvn package`

        List<Path> classpath = FunctionCode.classpath(project, "EchoFunction", Path.of("ws-echo"));

        assertEquals(List.of(module.resolve("target/classes"), module.resolve("target/dependency/core.jar")),
                classpath);
    }

    @Test
    void classpath_prefersTheSamBuild_overTheShrunkArtifact(@TempDir Path project) throws Exception {
        Path build = Files.createDirectories(project.resolve(".aws-sam/build/EchoFunction/com"));
        Files.createDirectories(project.resolve("ws-echo/target/lambda/lib"));

        List<Path> classpath = FunctionCode.classpath(project, "EchoFunction", Path.of("ws-echo"));

        assertEquals(List.of(build.getParent()), classpath);
    }

    @Test
    void classpath_whenNothingIsBuilt_namesTheFunctionTheFoldersAndTheBuildCommands(@TempDir Path project)
            throws Exception {
        Path module = Files.createDirectories(project.resolve("ws-echo/target/classes")).getParent().getParent();
        Files.createDirectories(project.resolve(".aws-sam/build/EchoFunction")); // empty: not a build

        IllegalStateException thrown = assertThrows(IllegalStateException.class,
                () -> FunctionCode.classpath(project, "EchoFunction", module, "com.example.Handler"));

        String message = thrown.getMessage();
        assertTrue(message.contains("EchoFunction"), message);
        assertTrue(message.contains(module.resolve("target/classes").toString()), message);
        assertTrue(message.contains(module.resolve("target/lambda").toString()), message);
        assertTrue(message.contains(project.resolve(".aws-sam/build/EchoFunction").toString()), message);
        assertTrue(message.contains("mvn -DskipTests package") && message.contains("sam build"), message);
    }

    @Test
    void classpath_ofAZipOrJarCodeUri_isItsContentExtractedAsLambdaDoes_reusedUntilTheFileChanges(
            @TempDir Path project, @TempDir Path archives) throws Exception {
        Path zip = zip(project.resolve("build/app.zip"), Map.of("trial/Handler.class", "class", "lib/dep.jar", "jar"));

        List<Path> classpath = FunctionCode.classpath(project, "Fn", Path.of("build/app.zip"), "trial.Handler",
                archives);
        Path root = classpath.get(0);

        assertEquals(List.of(root, root.resolve("lib/dep.jar")), classpath);
        assertTrue(root.startsWith(archives), root.toString());
        assertEquals("class", Files.readString(root.resolve("trial/Handler.class")));
        assertEquals(classpath, FunctionCode.classpath(project, "Fn", Path.of("build/app.zip"), "trial.Handler",
                archives));

        zip(zip, Map.of("trial/Handler.class", "rebuilt"));
        Files.setLastModifiedTime(zip, FileTime.fromMillis(Files.getLastModifiedTime(zip).toMillis() + 5_000));
        List<Path> rebuilt = FunctionCode.classpath(project, "Fn", Path.of("build/app.zip"), "trial.Handler", archives);

        assertEquals("rebuilt", Files.readString(rebuilt.get(0).resolve("trial/Handler.class")));
        assertNotEquals(root, rebuilt.get(0), "each version has its own folder (CodeArchiveTest: which are deleted)");
    }

    @Test
    void classpath_ofAnArchiveWithAnEntryOutsideItsFolder_refusesIt(@TempDir Path project, @TempDir Path archives)
            throws Exception {
        zip(project.resolve("evil.jar"), Map.of("../../escaped.class", "class"));

        IllegalStateException thrown = assertThrows(IllegalStateException.class,
                () -> FunctionCode.classpath(project, "Fn", Path.of("evil.jar"), "trial.Handler", archives));

        assertTrue(thrown.getMessage().contains("outside"), thrown.getMessage());
        assertTrue(Files.notExists(archives.resolve("escaped.class")), "written outside the extraction folder");
    }

    @Test
    void classpath_ofACodeUriFileThatIsNoArchive_saysWhatCodeUriTakes(@TempDir Path project) throws Exception {
        Files.writeString(project.resolve("Handler.java"), "class Handler {}");

        IllegalStateException thrown = assertThrows(IllegalStateException.class,
                () -> FunctionCode.classpath(project, "Fn", Path.of("Handler.java"), "Handler"));

        assertTrue(thrown.getMessage().contains("not a .zip or .jar"), thrown.getMessage());
    }

    @Test
    void classpath_ofAFolderHoldingTheHandlersClass_isThatFolder_withItsLibJars(@TempDir Path project)
            throws Exception {
        Path code = Files.createDirectories(project.resolve("out/trial"));
        Files.writeString(code.resolve("Handler.class"), "class"); // e.g. javac -d out
        Files.createDirectories(project.resolve("out/lib"));
        Files.writeString(project.resolve("out/lib/dep.jar"), "jar");

        List<Path> classpath = FunctionCode.classpath(project, "Fn", Path.of("out"), "trial.Handler::handleRequest");

        assertEquals(List.of(project.resolve("out"), project.resolve("out/lib/dep.jar")), classpath);
    }

    @Test
    void packaged_folder_isRunAsLambdaRunsIt_itsRootAndLibJars_neverABuildOutputInIt(@TempDir Path project)
            throws Exception {
        Path asset = Files.createDirectories(project.resolve("cdk.out/asset.c0de/trial"));
        Files.writeString(asset.resolve("Handler.class"), "class");
        Files.createDirectories(project.resolve("cdk.out/asset.c0de/lib"));
        Files.writeString(project.resolve("cdk.out/asset.c0de/lib/dep.jar"), "jar");
        mavenLayout(project.resolve("cdk.out/asset.c0de"));
        Files.createDirectories(project.resolve("cdk.out/.aws-sam/build/Fn"));
        Files.writeString(project.resolve("cdk.out/.aws-sam/build/Fn/Other.class"), "class");
        Path code = project.resolve("cdk.out/asset.c0de");

        assertEquals(List.of(code, code.resolve("lib/dep.jar")),
                FunctionCode.packaged("Fn", code, "trial.Handler::handleRequest"));
    }

    @Test
    void packaged_jar_isExtractedAsLambdaDoes(@TempDir Path project, @TempDir Path archives) throws Exception {
        Path jar = zip(project.resolve("cdk.out/asset.c0de.jar"), Map.of("trial/Handler.class", "class"));

        List<Path> classpath = FunctionCode.packaged("Fn", jar, "trial.Handler", archives);

        assertEquals(1, classpath.size(), classpath.toString());
        assertEquals("class", Files.readString(classpath.get(0).resolve("trial/Handler.class")));
    }

    @Test
    void packaged_mavenProjectFolder_isRefused_sayingLambdaWouldFindNoHandler_andWhatToGiveTheCdk(
            @TempDir Path project) throws Exception {
        Path module = project.resolve("cdk.out/asset.c0de");
        mavenLayout(module);
        Files.createDirectories(module.resolve("target/classes/trial"));
        Files.writeString(module.resolve("target/classes/trial/Handler.class"), "class");
        Files.writeString(module.resolve("pom.xml"), "<project/>");

        IllegalStateException thrown = assertThrows(IllegalStateException.class,
                () -> FunctionCode.packaged("Fn", module, "trial.Handler::handleRequest"));

        for (String fragment : List.of("Function Fn's code " + module + " holds neither trial/Handler.class nor "
                + "lib/*.jar, so Lambda would find no handler there", "a Maven project (pom.xml), whose build output "
                + "Lambda never sees", "Code.fromAsset(\"target/<function>.jar\")", "`cdk synth` again")) {
            assertTrue(thrown.getMessage().contains(fragment), thrown.getMessage());
        }
    }

    @Test
    void packaged_fileThatIsNoArchive_isRefused(@TempDir Path project) throws Exception {
        Path file = Files.writeString(project.resolve("asset.c0de.txt"), "text");

        IllegalStateException thrown = assertThrows(IllegalStateException.class,
                () -> FunctionCode.packaged("Fn", file, "trial.Handler"));

        assertTrue(thrown.getMessage().contains("not a .zip or .jar, which Lambda would not unpack"),
                thrown.getMessage());
    }

    @Test
    void layerJars_areTheJarsInJavaLib_ofTheContentUriFolderOrArchive(@TempDir Path project, @TempDir Path archives)
            throws Exception {
        Path lib = Files.createDirectories(project.resolve("layer/java/lib"));
        Files.writeString(lib.resolve("b.jar"), "jar");
        Files.writeString(lib.resolve("a.jar"), "jar");
        zip(project.resolve("layer.zip"), Map.of("java/lib/c.jar", "jar"));

        assertEquals(List.of(lib.resolve("a.jar"), lib.resolve("b.jar")),
                FunctionCode.layerJars(project, "Deps", Path.of("layer"), archives));
        Path extracted = FunctionCode.layerJars(project, "Zipped", Path.of("layer.zip"), archives).get(0);
        assertTrue(extracted.startsWith(archives) && extracted.endsWith("java/lib/c.jar"), extracted.toString());
    }

    @Test
    void layerJars_ofALayerWithoutJavaLib_failsSayingWhereJavaLayersKeepTheirJars(@TempDir Path project)
            throws Exception {
        Files.createDirectories(project.resolve("layer/lib"));
        Files.writeString(project.resolve("layer/lib/a.jar"), "jar");

        IllegalStateException thrown = assertThrows(IllegalStateException.class,
                () -> FunctionCode.layerJars(project, "Deps", Path.of("layer")));

        assertTrue(thrown.getMessage().contains("Deps") && thrown.getMessage().contains("java/lib"),
                thrown.getMessage());
    }

    private static Path zip(Path file, Map<String, String> entries) throws IOException {
        Files.createDirectories(file.getParent());
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(file))) {
            for (Map.Entry<String, String> entry : entries.entrySet()) {
                out.putNextEntry(new ZipEntry(entry.getKey()));
                out.write(entry.getValue().getBytes());
                out.closeEntry();
            }
        }
        return file;
    }

    private static void mavenLayout(Path module) throws Exception {
        Files.createDirectories(module.resolve("target/classes/com/example"));
        Files.createDirectories(module.resolve("target/dependency"));
        Files.writeString(module.resolve("target/dependency/core.jar"), "jar");
    }
}
