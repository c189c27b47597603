package com.example.wsapi.local.lambda;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Maven module's built code under {@code <codeUri>/target}: the artifact laid out for Lambda ({@code target/lambda},
 * here shrunk), the compiled classes, the jars {@code dependency:copy-dependencies} copies to {@code target/dependency}
 * (or to {@code target/lib}, where the projects of AWS's serverless-java-container archetypes copy them for their
 * zip), and the jar with dependencies of the shade or assembly plugin.
 */
final class MavenLayout {

    private static final Logger LOG = LoggerFactory.getLogger(MavenLayout.class);

    private MavenLayout() {}

    static Path artifact(Path code) {
        return code.resolve("target").resolve("lambda");
    }

    static Path classes(Path code) {
        return code.resolve("target").resolve("classes");
    }

    static Path dependencies(Path code) {
        return code.resolve("target").resolve("dependency");
    }

    /** Where the serverless-java-container archetypes' pom copies the runtime dependencies that its zip holds. */
    static Path libDependencies(Path code) {
        return code.resolve("target").resolve("lib");
    }

    /** When Maven last wrote code the function could run (millis), 0 when it built none. */
    static long builtAt(Path code) {
        long built = Math.max(FunctionCode.newestFile(artifact(code)), FunctionCode.newestFile(classes(code)));
        return Math.max(built, jarWithDependencies(code.resolve("target")).map(FunctionCode::builtAt).orElse(0L));
    }

    /**
     * The classpath of Maven's output, if it built any: {@code target/lambda} and its {@code lib/*.jar}, unless
     * {@code target/classes} were compiled after it (e.g. by an IDE: the newer code runs, with a warning); then
     * {@code target/classes} and {@code target/dependency/*.jar} (else {@code target/lib/*.jar}), or without either
     * folder the classes and the jar with dependencies that the shade or assembly plugin built ({@code sam build}
     * would deploy the same classes and the module's runtime dependencies).
     */
    static Optional<List<Path>> classpath(Path code, String logicalId) {
        Path artifact = artifact(code);
        Path classes = classes(code);
        if (FunctionCode.hasContent(artifact)) {
            if (FunctionCode.newestFile(classes) <= FunctionCode.newestFile(artifact)) {
                return Optional.of(FunctionCode.withJars(artifact, artifact.resolve("lib")));
            }
            LOG.warn("{}: {} holds classes compiled after the artifact in {}: running them, unshrunk; "
                    + "`mvn -DskipTests package` lays the artifact out again", logicalId, classes, artifact);
        }
        if (!FunctionCode.hasContent(classes)) {
            return Optional.empty();
        }
        Path dependency = dependencies(code);
        if (!FunctionCode.hasContent(dependency) && !FunctionCode.jarsIn(libDependencies(code)).isEmpty()) {
            return Optional.of(FunctionCode.withJars(classes, libDependencies(code)));
        }
        Optional<Path> bundle = jarWithDependencies(code.resolve("target"));
        if (!FunctionCode.hasContent(dependency) && bundle.isPresent()) {
            // What `mvn package` with the shade or assembly plugin builds; the classes first, as they may be newer.
            return Optional.of(List.of(classes, bundle.get()));
        }
        return Optional.of(FunctionCode.withJars(classes, dependency));
    }

    /** The places {@link #classpath} consults, for the code watcher. */
    static List<Path> places(Path code) {
        Stream<Path> places = Stream.of(artifact(code), classes(code), dependencies(code), libDependencies(code));
        return Stream.concat(places, jarWithDependencies(code.resolve("target")).stream()).toList();
    }

    /** Maven's outputs that {@code sam build}'s would hide, for the warning of a stale sam build. */
    static List<Path> outputs(Path code) {
        return List.of(artifact(code), classes(code));
    }

    /**
     * The jar with the module's dependencies that {@code mvn package} built in {@code target}, if any: the shade
     * plugin's {@code <name>.jar} (it keeps the plain jar beside it as {@code original-<name>.jar}), or the assembly
     * plugin's {@code <name>-jar-with-dependencies.jar}.
     */
    static Optional<Path> jarWithDependencies(Path target) {
        if (!Files.isDirectory(target)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.list(target)) {
            return files.filter(Files::isRegularFile)
                    .map(file -> file.getFileName().toString())
                    .filter(name -> name.endsWith("-jar-with-dependencies.jar")
                            || (name.startsWith("original-") && name.endsWith(".jar")
                            && Files.isRegularFile(target.resolve(name.substring("original-".length())))))
                    .map(name -> name.startsWith("original-") ? name.substring("original-".length()) : name)
                    .sorted()
                    .map(target::resolve)
                    .findFirst();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + target, e);
        }
    }
}
