package com.example.wsapi.local.lambda;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Gradle project's built code under {@code <codeUri>/build}: the classes the {@code java} (or Kotlin, Groovy, Scala)
 * plugin compiles to {@code build/classes/<language>/main} with the resources of {@code build/resources/main}; the
 * deployment package of the {@code Zip} task in AWS's Lambda guide ({@code buildZip}), a {@code .zip} in
 * {@code build/distributions} with the classes at its root, or the project's jar, and the dependencies in {@code lib/};
 * the Shadow plugin's jar with dependencies in {@code build/libs} ({@code <name>-all.jar}, or renamed); and the jars a
 * copy task put in {@code build/dependencies}, {@code build/dependency} or {@code build/lib}. Unlike Maven's
 * {@code dependency} goal, nothing of Gradle's own copies dependencies under {@code build/}: plain classes may lack them.
 */
final class GradleLayout {

    private static final Logger LOG = LoggerFactory.getLogger(GradleLayout.class);
    /** The languages whose class folders are watched before they exist (others are found once they do). */
    private static final List<String> LANGUAGES = List.of("java", "kotlin", "groovy", "scala");
    private static final List<String> DEPENDENCY_FOLDERS = List.of("dependencies", "dependency", "lib");

    private GradleLayout() {}

    static Path build(Path code) {
        return code.resolve("build");
    }

    /**
     * The compiled classes, {@code build/classes/<language>/main} ({@code java} first, then the others by name), then
     * {@code build/resources/main}; none when no language's folder holds anything (resources alone are no code).
     */
    static List<Path> classFolders(Path code) {
        Path classes = build(code).resolve("classes");
        List<Path> folders = new ArrayList<>();
        if (Files.isDirectory(classes)) {
            try (Stream<Path> languages = Files.list(classes)) {
                languages.map(language -> language.resolve("main"))
                        .filter(FunctionCode::hasContent)
                        .sorted(Comparator.comparing((Path main) -> !main.getParent().endsWith("java"))
                                .thenComparing(Comparator.naturalOrder()))
                        .forEach(folders::add);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read " + classes, e);
            }
        }
        Path resources = build(code).resolve("resources").resolve("main");
        if (!folders.isEmpty() && FunctionCode.hasContent(resources)) {
            folders.add(resources);
        }
        return List.copyOf(folders);
    }

    /**
     * The newest {@code .zip} in {@code build/distributions} laid out as Lambda runs it: a {@code .class} or a
     * {@code lib/*.jar} in it (the {@code distribution} plugin's {@code distZip} nests everything in a folder named
     * after the project, and is passed over). A zip that cannot be read (being written) counts: extracting it says so.
     */
    static Optional<Path> distribution(Path code) {
        return newest(build(code).resolve("distributions"), ".zip", zip -> holdsEntry(zip, name ->
                name.endsWith(".class") || (name.startsWith("lib/") && name.endsWith(".jar")), true));
    }

    /**
     * The newest jar in {@code build/libs} holding dependencies: named {@code *-all.jar} (the Shadow plugin's
     * {@code shadowJar}), or holding a class the compiled classes do not (Shadow with another name, or a fat jar of
     * the project's own; the {@code jar} task's plain jar holds only the project's classes).
     */
    static Optional<Path> jarWithDependencies(Path code, List<Path> classFolders) {
        return newest(build(code).resolve("libs"), ".jar", jar -> jar.getFileName().toString().endsWith("-all.jar")
                || holdsEntry(jar, name -> name.endsWith(".class") && !name.startsWith("META-INF/")
                && !name.startsWith("BOOT-INF/") // Spring Boot's executable jar: nothing Lambda can load
                && classFolders.stream().noneMatch(folder -> Files.isRegularFile(folder.resolve(name))), false));
    }

    /** The jars a copy task put in {@code build/dependencies}, {@code build/dependency} or {@code build/lib}. */
    static List<Path> dependencyJars(Path code) {
        List<Path> jars = new ArrayList<>();
        for (String folder : DEPENDENCY_FOLDERS) {
            jars.addAll(FunctionCode.jarsIn(build(code).resolve(folder)));
        }
        return List.copyOf(jars);
    }

    /** When Gradle last wrote code the function could run (millis), 0 when it built none. */
    static long builtAt(Path code) {
        long built = classFolders(code).stream().mapToLong(FunctionCode::newestFile).max().orElse(0);
        for (String folder : List.of("distributions", "libs")) {
            built = Math.max(built, newest(build(code).resolve(folder), folder.equals("libs") ? ".jar" : ".zip",
                    file -> true).map(FunctionCode::builtAt).orElse(0L));
        }
        return built;
    }

    /**
     * The classpath of Gradle's output, if it built any. The newer of a deployment package and a jar with
     * dependencies: the package's content, extracted as Lambda does, unless the classes were compiled after it (e.g.
     * by an IDE or {@code ./gradlew build} without the zip task): then the classes, with the package's
     * {@code lib/*.jar}, and a warning; or the classes and the jar with dependencies (the classes first, as they may be
     * newer). Else the classes, with the jars a copy task put under {@code build/}, if any.
     *
     * @param archives where a package is extracted
     */
    static Optional<List<Path>> classpath(Path code, String logicalId, Path archives) {
        List<Path> classes = classFolders(code);
        Optional<Path> zip = distribution(code);
        Optional<Path> fatJar = jarWithDependencies(code, classes);
        if (zip.isPresent() && FunctionCode.builtAt(zip.get()) >= fatJar.map(FunctionCode::builtAt).orElse(0L)) {
            Path extracted = CodeArchive.extract(zip.get(), archives);
            long compiled = classes.stream().mapToLong(FunctionCode::newestFile).max().orElse(0);
            if (compiled <= FunctionCode.builtAt(zip.get())) {
                return Optional.of(FunctionCode.withJars(extracted, extracted.resolve("lib")));
            }
            LOG.warn("{}: {} holds classes compiled after {}: running them, with its lib/*.jar; `./gradlew buildZip` "
                    + "(or the task that builds it) packages them again", logicalId, classes.get(0), zip.get());
            List<Path> classpath = new ArrayList<>(classes);
            classpath.addAll(FunctionCode.jarsIn(extracted.resolve("lib")));
            return Optional.of(List.copyOf(classpath));
        }
        if (fatJar.isPresent()) {
            List<Path> classpath = new ArrayList<>(classes);
            classpath.add(fatJar.get());
            return Optional.of(List.copyOf(classpath));
        }
        if (classes.isEmpty()) {
            return Optional.empty();
        }
        List<Path> classpath = new ArrayList<>(classes);
        classpath.addAll(dependencyJars(code));
        return Optional.of(List.copyOf(classpath));
    }

    /** The places {@link #classpath} consults, for the code watcher. */
    static List<Path> places(Path code) {
        Set<Path> places = new LinkedHashSet<>();
        for (String language : LANGUAGES) {
            places.add(build(code).resolve("classes").resolve(language).resolve("main"));
        }
        places.addAll(classFolders(code));
        places.add(build(code).resolve("resources").resolve("main"));
        places.add(build(code).resolve("distributions"));
        places.add(build(code).resolve("libs"));
        for (String folder : DEPENDENCY_FOLDERS) {
            places.add(build(code).resolve(folder));
        }
        return List.copyOf(places);
    }

    /** Gradle's outputs that {@code sam build}'s would hide, for the warning of a stale sam build. */
    static List<Path> outputs(Path code) {
        List<Path> outputs = new ArrayList<>(classFolders(code));
        outputs.add(build(code).resolve("distributions"));
        outputs.add(build(code).resolve("libs"));
        return List.copyOf(outputs);
    }

    /** The most recently modified file in {@code folder} named {@code *<suffix>} that {@code accepted} takes. */
    private static Optional<Path> newest(Path folder, String suffix, Predicate<Path> accepted) {
        if (!Files.isDirectory(folder)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(file -> file.getFileName().toString().endsWith(suffix) && Files.isRegularFile(file))
                    .filter(accepted)
                    .max(Comparator.comparingLong(FunctionCode::builtAt).thenComparing(Comparator.reverseOrder()));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + folder, e);
        }
    }

    /** Whether the archive has an entry whose name {@code wanted} takes; {@code unreadable} when it cannot be read. */
    private static boolean holdsEntry(Path archive, Predicate<String> wanted, boolean unreadable) {
        try (ZipFile zip = new ZipFile(archive.toFile())) {
            return zip.stream().map(ZipEntry::getName).anyMatch(wanted);
        } catch (IOException e) {
            return unreadable;
        }
    }
}
