package com.example.wsapi.local.lambda;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Finds a function's built code the way Lambda would receive it. */
public final class FunctionCode {

    private static final Logger LOG = LoggerFactory.getLogger(FunctionCode.class);

    private FunctionCode() {}

    /**
     * The classpath of a function, the first that holds built code of: {@code <templateDir>/.aws-sam/build/<logicalId>}
     * and its {@code lib/*.jar} ({@code sam build}); a {@code .zip} or {@code .jar} CodeUri, extracted as Lambda does
     * ({@link CodeArchive}); {@code <codeUri>/target/lambda} and its {@code lib/*.jar} (the artifact a Maven build lays
     * out, here shrunk); {@code <codeUri>/target/classes} and {@code <codeUri>/target/dependency/*.jar} (a Maven module
     * that lays out no artifact, or whose classes were compiled after its artifact was laid out, e.g. by an IDE: the
     * newer code runs, with a warning), or without that folder, the classes and the jar with dependencies that the
     * shade or assembly plugin built in {@code target} ({@code sam build} would deploy the same classes and jars);
     * the CodeUri folder itself and its {@code lib/*.jar} when it holds the handler's class or such jars (code laid
     * out as Lambda runs it, e.g. compiled by {@code javac -d}).
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

    /** @param archives where a {@code .zip} or {@code .jar} CodeUri is extracted */
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
        Path artifact = code.resolve("target").resolve("lambda");
        Path classes = code.resolve("target").resolve("classes");
        if (hasContent(artifact)) {
            if (newestFile(classes) <= newestFile(artifact)) {
                return withJars(artifact, artifact.resolve("lib"));
            }
            LOG.warn("{}: {} holds classes compiled after the artifact in {}: running them, unshrunk; "
                    + "`mvn -DskipTests package` lays the artifact out again", logicalId, classes, artifact);
        }
        if (hasContent(classes)) {
            Path dependency = code.resolve("target").resolve("dependency");
            Optional<Path> bundle = jarWithDependencies(code.resolve("target"));
            if (!hasContent(dependency) && bundle.isPresent()) {
                // What `mvn package` with the shade or assembly plugin builds; the classes first, as they may be newer.
                return List.of(classes, bundle.get());
            }
            return withJars(classes, dependency);
        }
        String handlerClass = handler.split("::", 2)[0].trim().replace('.', '/') + ".class";
        boolean holdsHandler = !handler.isBlank() && Files.isRegularFile(code.resolve(handlerClass));
        if (holdsHandler || withJars(code, code.resolve("lib")).size() > 1) {
            return withJars(code, code.resolve("lib"));
        }
        throw new IllegalStateException("Function " + logicalId + " has no built code: looked in " + artifact + " and "
                + classes + " (Maven), " + samBuild + " (sam build), and for " + handlerClass + " or lib/*.jar in "
                + code + " (code laid out as Lambda runs it). Build it first: run `mvn -DskipTests package` in "
                + templateDir.toAbsolutePath().normalize() + " (the project root), or `sam build`; or point CodeUri "
                + "at the built code's folder, .zip or .jar.");
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

    /** Where {@code sam build} puts a function's or a layer's code: {@code <templateDir>/.aws-sam/build/<logicalId>}. */
    static Path samBuild(Path templateDir, String logicalId) {
        return templateDir.resolve(".aws-sam").resolve("build").resolve(logicalId);
    }

    private static boolean hasContent(Path dir) {
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

    private static List<Path> withJars(Path classes, Path jarDir) {
        List<Path> classpath = new ArrayList<>();
        classpath.add(classes);
        if (Files.isDirectory(jarDir)) {
            try (Stream<Path> jars = Files.list(jarDir)) {
                jars.filter(p -> p.getFileName().toString().endsWith(".jar") && Files.isRegularFile(p))
                        .sorted()
                        .forEach(classpath::add);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read " + jarDir, e);
            }
        }
        return List.copyOf(classpath);
    }
}
