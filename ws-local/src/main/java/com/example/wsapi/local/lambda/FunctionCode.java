package com.example.wsapi.local.lambda;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;

/** Finds a function's built code the way Lambda would receive it. */
public final class FunctionCode {

    private FunctionCode() {}

    /**
     * The classpath of a function, the first that holds built code of: {@code <templateDir>/.aws-sam/build/<logicalId>}
     * and its {@code lib/*.jar} ({@code sam build}); a {@code .zip} or {@code .jar} CodeUri, extracted as Lambda does
     * ({@link CodeArchive}); the build output of Maven under {@code <codeUri>/target} ({@link MavenLayout}) or of Gradle
     * under {@code <codeUri>/build} ({@link GradleLayout}), the more recently built first when there are both (a project
     * with a {@code pom.xml} and a {@code build.gradle}, as AWS's samples have); the CodeUri folder itself and its
     * {@code lib/*.jar} when it holds the handler's class or such jars (code laid out as Lambda runs it, e.g. compiled
     * by {@code javac -d}).
     *
     * @param handler the function's Handler ({@code package.Class} or {@code package.Class::method})
     * @throws IllegalStateException when neither holds built code; the message says how to build it
     */
    public static List<Path> classpath(Path templateDir, String logicalId, Path codeUri, String handler) {
        return classpath(templateDir, logicalId, codeUri, handler, CodeArchive.defaultRoot());
    }

    /** As {@link #classpath(Path, String, Path, String)} for a handler not known: a code folder needs lib/*.jar. */
    public static List<Path> classpath(Path templateDir, String logicalId, Path codeUri) {
        return classpath(templateDir, logicalId, codeUri, "", CodeArchive.defaultRoot());
    }

    /** @param archives where a {@code .zip} or {@code .jar} CodeUri (or Gradle's package) is extracted */
    static List<Path> classpath(Path templateDir, String logicalId, Path codeUri, String handler, Path archives) {
        Objects.requireNonNull(templateDir, "templateDir");
        Objects.requireNonNull(logicalId, "logicalId");
        Objects.requireNonNull(codeUri, "codeUri");
        Objects.requireNonNull(handler, "handler");
        Path samBuild = samBuild(templateDir, logicalId);
        if (hasContent(samBuild)) {
            return withJars(samBuild, samBuild.resolve("lib"));
        }
        Path code = templateDir.resolve(codeUri).normalize();
        if (Files.isRegularFile(code)) {
            if (!CodeArchive.isArchive(code)) {
                throw new IllegalStateException("Function " + logicalId + ": its CodeUri " + code + " is a file, but "
                        + "not a .zip or .jar: point CodeUri at the function's code folder, .zip or .jar");
            }
            Path extracted = CodeArchive.extract(code, archives);
            return withJars(extracted, extracted.resolve("lib"));
        }
        Supplier<Optional<List<Path>>> maven = () -> MavenLayout.classpath(code, logicalId);
        Supplier<Optional<List<Path>>> gradle = () -> GradleLayout.classpath(code, logicalId, archives);
        boolean gradleFirst = GradleLayout.builtAt(code) > MavenLayout.builtAt(code);
        Optional<List<Path>> built = (gradleFirst ? gradle : maven).get().or(gradleFirst ? maven : gradle);
        if (built.isPresent()) {
            return built.get();
        }
        String handlerClass = handler.split("::", 2)[0].trim().replace('.', '/') + ".class";
        boolean holdsHandler = !handler.isBlank() && Files.isRegularFile(code.resolve(handlerClass));
        if (holdsHandler || !jarsIn(code.resolve("lib")).isEmpty()) {
            return withJars(code, code.resolve("lib"));
        }
        throw new IllegalStateException(noBuiltCode(templateDir, logicalId, code, handlerClass));
    }

    /**
     * The classpath of code that is its own deployment package (an AWS::Lambda::Function's Code: a CDK asset, or a
     * path), as Lambda runs it: a {@code .zip} or {@code .jar} extracted, else the folder; the classes at its root and
     * its {@code lib/*.jar}. No build output is looked for: {@code cdk deploy} and {@code sam deploy} upload the folder
     * as it is, so the classes of a Maven or Gradle project in it would not run on AWS either.
     *
     * @param code the code's file or folder, absolute
     * @throws IllegalStateException when it holds neither the handler's class nor {@code lib/*.jar}
     */
    public static List<Path> packaged(String logicalId, Path code, String handler) {
        return packaged(logicalId, code, handler, CodeArchive.defaultRoot());
    }

    static List<Path> packaged(String logicalId, Path code, String handler, Path archives) {
        if (Files.isRegularFile(code)) {
            if (!CodeArchive.isArchive(code)) {
                throw new IllegalStateException("Function " + logicalId + ": its code " + code + " is a file, but not "
                        + "a .zip or .jar, which Lambda would not unpack: give it the function's built .jar, .zip or "
                        + "folder");
            }
            Path extracted = CodeArchive.extract(code, archives);
            return withJars(extracted, extracted.resolve("lib"));
        }
        String handlerClass = handler.split("::", 2)[0].trim().replace('.', '/') + ".class";
        if (Files.isRegularFile(code.resolve(handlerClass)) || !jarsIn(code.resolve("lib")).isEmpty()) {
            return withJars(code, code.resolve("lib"));
        }
        String project = Files.isRegularFile(code.resolve("pom.xml")) ? "a Maven project (pom.xml)"
                : Files.isRegularFile(code.resolve("build.gradle")) || Files.isRegularFile(code.resolve("build.gradle.kts"))
                ? "a Gradle project" : null;
        throw new IllegalStateException("Function " + logicalId + "'s code " + code + " holds neither " + handlerClass
                + " nor lib/*.jar, so Lambda would find no handler there: an AWS::Lambda::Function's code is deployed "
                + "as it is (cdk deploy and sam deploy zip the folder; nothing builds it), and Lambda runs the classes "
                + "at its root and the jars in its lib/"
                + (project == null ? "" : "; this folder holds " + project + ", whose build output Lambda never sees")
                + ". Point the code at what your build makes: with the CDK, Code.fromAsset(\"target/<function>.jar\") "
                + "(a jar with its dependencies, e.g. the shade plugin's) or a folder laid out so, or bundle the asset "
                + "(BundlingOptions); then `cdk synth` again.");
    }

    private static String noBuiltCode(Path templateDir, String logicalId, Path code, String handlerClass) {
        Path build = GradleLayout.build(code);
        boolean gradleProject = Files.isRegularFile(code.resolve("build.gradle"))
                || Files.isRegularFile(code.resolve("build.gradle.kts"));
        String gradleBuild = "`./gradlew build` in " + code.toAbsolutePath()
                + " with a task that packages the dependencies too (the buildZip task of AWS's Lambda guide, or the "
                + "Shadow plugin's shadowJar: Gradle keeps them out of build/)";
        String mavenBuild = "`mvn -DskipTests package` in " + templateDir.toAbsolutePath().normalize()
                + " (the project root)";
        return "Function " + logicalId + " has no built code: looked in " + MavenLayout.artifact(code) + " and "
                + MavenLayout.classes(code) + " (Maven), " + build.resolve("distributions") + ", "
                + build.resolve("libs") + " and " + build.resolve("classes") + " (Gradle), "
                + samBuild(templateDir, logicalId) + " (sam build), and for " + handlerClass + " or lib/*.jar in " + code
                + " (code laid out as Lambda runs it). Build it first: run "
                + (gradleProject ? gradleBuild + ", or " + mavenBuild : mavenBuild + ", or " + gradleBuild)
                + ", or `sam build`; or point CodeUri at the built code's folder, .zip or .jar.";
    }

    /**
     * The jars a Java layer puts on the classpath, {@code java/lib/*.jar} of the first that holds content of:
     * {@code <templateDir>/.aws-sam/build/<layerId>} ({@code sam build}); its ContentUri, a folder or a {@code .zip}
     * or {@code .jar} (extracted as Lambda does to {@code /opt}).
     *
     * @throws IllegalStateException when the layer has no {@code java/lib/*.jar}
     */
    public static List<Path> layerJars(Path templateDir, String layerId, Path contentUri) {
        return layerJars(templateDir, layerId, contentUri, CodeArchive.defaultRoot());
    }

    static List<Path> layerJars(Path templateDir, String layerId, Path contentUri, Path archives) {
        Path samBuild = samBuild(templateDir, layerId);
        Path content = hasContent(samBuild) ? samBuild : templateDir.resolve(contentUri).normalize();
        if (Files.isRegularFile(content) && CodeArchive.isArchive(content)) {
            content = CodeArchive.extract(content, archives);
        }
        List<Path> jars = withJars(content, content.resolve("java").resolve("lib"));
        if (jars.size() < 2) {
            throw new IllegalStateException("Layer " + layerId + " has no jars in " + content.resolve("java/lib")
                    + ": a Java layer holds its jars in java/lib (Lambda puts /opt/java/lib/*.jar on the classpath); "
                    + "lay its ContentUri out so, or build it with `sam build`");
        }
        return jars.subList(1, jars.size());
    }

    /** Where {@code sam build} puts a function's or a layer's code: {@code <templateDir>/.aws-sam/build/<logicalId>}. */
    static Path samBuild(Path templateDir, String logicalId) {
        return templateDir.resolve(".aws-sam").resolve("build").resolve(logicalId);
    }

    /** Whether {@code dir} is a folder holding anything. */
    static boolean hasContent(Path dir) {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isPresent();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + dir, e);
        }
    }

    /** The last modification time of the newest file under {@code dir} (millis), or 0 when it holds none. */
    static long newestFile(Path dir) {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(file -> {
                try {
                    return Files.getLastModifiedTime(file).toMillis();
                } catch (IOException e) {
                    throw new UncheckedIOException("Cannot read " + file, e);
                }
            }).max().orElse(0);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + dir, e);
        }
    }

    /** When code at {@code place} was last written (millis): a file's modification time, a folder's newest file's. */
    static long builtAt(Path place) {
        if (!Files.isRegularFile(place)) {
            return newestFile(place);
        }
        try {
            return Files.getLastModifiedTime(place).toMillis();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + place, e);
        }
    }

    /** {@code classes}, then the jars in {@code jarDir}. */
    static List<Path> withJars(Path classes, Path jarDir) {
        List<Path> classpath = new ArrayList<>();
        classpath.add(classes);
        classpath.addAll(jarsIn(jarDir));
        return List.copyOf(classpath);
    }

    /** The {@code *.jar} files in {@code dir}, by name; none when it is no folder. */
    static List<Path> jarsIn(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> jars = Files.list(dir)) {
            return jars.filter(p -> p.getFileName().toString().endsWith(".jar") && Files.isRegularFile(p))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + dir, e);
        }
    }
}
