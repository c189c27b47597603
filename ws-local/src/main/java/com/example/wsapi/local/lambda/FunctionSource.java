package com.example.wsapi.local.lambda;

import com.example.wsapi.local.log.LogLine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Where a function's code comes from, as its template says: its classpath, resolved as {@link FunctionCode} does
 * (again after every rebuild), and every place that resolution consults, which {@link CodeWatcher} polls.
 *
 * @param templateDir the template's folder (absolute): CodeUri and ContentUri are relative to it
 * @param layers      the function's layers, in the template's order
 * @param packaged    whether the code is its own deployment package (an AWS::Lambda::Function's, e.g. a CDK asset),
 *                    run as Lambda would ({@link FunctionCode#packaged}): no build's output is looked for
 */
public record FunctionSource(Path templateDir, String logicalId, Path codeUri, String handler, List<Layer> layers,
                             boolean packaged) {

    /** A Java layer: its logical id and its ContentUri. */
    public record Layer(String logicalId, Path contentUri) {}

    public FunctionSource {
        Objects.requireNonNull(templateDir, "templateDir");
        Objects.requireNonNull(logicalId, "logicalId");
        Objects.requireNonNull(codeUri, "codeUri");
        Objects.requireNonNull(handler, "handler");
        layers = List.copyOf(layers);
    }

    /** A SAM function's: its CodeUri is built by Maven, Gradle or sam build. */
    public FunctionSource(Path templateDir, String logicalId, Path codeUri, String handler, List<Layer> layers) {
        this(templateDir, logicalId, codeUri, handler, layers, false);
    }

    /**
     * The function's classpath now: its code, then its layers' jars.
     *
     * @throws IllegalStateException when there is no built code, or it cannot be read (a half-written archive)
     */
    public List<Path> classpath() {
        List<Path> classpath = new ArrayList<>(packaged ? FunctionCode.packaged(logicalId, code(), handler)
                : FunctionCode.classpath(templateDir, logicalId, codeUri, handler));
        classpath.addAll(layerJars());
        return List.copyOf(classpath);
    }

    private List<Path> layerJars() {
        List<Path> jars = new ArrayList<>();
        for (Layer layer : layers) {
            jars.addAll(FunctionCode.layerJars(templateDir, layer.logicalId(), layer.contentUri()));
        }
        return jars;
    }

    /**
     * Every place {@link #classpath()} looks at, while {@code running} runs: {@code sam build}'s folder, Maven's and
     * Gradle's outputs and the CodeUri's {@code lib/} and handler class; the whole CodeUri when it is an archive or the
     * function runs from it (not otherwise: a module's sources live there too), as packaged code always does; each
     * layer's.
     */
    List<Path> places(List<Path> running) {
        Path code = code();
        Set<Path> places = new LinkedHashSet<>();
        if (packaged) {
            places.add(code);
        } else {
            places.add(FunctionCode.samBuild(templateDir, logicalId));
            if (Files.isRegularFile(code) || (!running.isEmpty() && running.get(0).equals(code))) {
                places.add(code);
            }
            places.addAll(MavenLayout.places(code));
            places.addAll(GradleLayout.places(code));
        }
        places.add(code.resolve("lib"));
        String handlerClass = handler.split("::", 2)[0].trim();
        if (!handlerClass.isEmpty()) {
            places.add(code.resolve(handlerClass.replace('.', '/') + ".class"));
        }
        for (Layer layer : layers) {
            places.add(FunctionCode.samBuild(templateDir, layer.logicalId()));
            places.add(templateDir.resolve(layer.contentUri()).normalize());
        }
        return List.copyOf(places);
    }

    /**
     * Where a classpath's code lives, for a person: its first entry (an archive's extraction, the CodeUri or Gradle's
     * package it came from), as the template has it.
     */
    public String describe(List<Path> classpath) {
        Path code = code();
        Path shown = classpath.isEmpty() ? code : classpath.get(0);
        if (!shown.startsWith(templateDir) && shown.startsWith(CodeArchive.defaultRoot())) {
            shown = Files.isRegularFile(code) ? code : GradleLayout.distribution(code).orElse(shown);
        }
        if (!shown.startsWith(templateDir)) {
            return shown.toString();
        }
        String relative = templateDir.relativize(shown).toString();
        return relative.isEmpty() ? "." : relative;
    }

    /**
     * A warning when the function runs {@code sam build}'s output while Maven's under its CodeUri ({@code target/lambda}
     * or {@code target/classes}) or Gradle's ({@code build/classes}, {@code build/distributions}, {@code build/libs}) is
     * newer: someone who ran {@code sam build} once would run stale code ever after.
     */
    public Optional<LogLine> staleSamBuild(List<Path> running) {
        Path samBuild = FunctionCode.samBuild(templateDir, logicalId);
        if (running.isEmpty() || !running.get(0).equals(samBuild)) {
            return Optional.empty();
        }
        long samBuilt = FunctionCode.newestFile(samBuild);
        Map<Path, String> outputs = new LinkedHashMap<>();
        MavenLayout.outputs(code()).forEach(place -> outputs.put(place, "Maven"));
        GradleLayout.outputs(code()).forEach(place -> outputs.put(place, "Gradle"));
        for (Map.Entry<Path, String> output : outputs.entrySet()) {
            if (FunctionCode.builtAt(output.getKey()) > samBuilt) {
                String tool = output.getValue();
                return Optional.of(LogLine.warning(null, logicalId + " runs sam build's code in "
                        + describe(running) + ", but " + tool + " built " + describe(List.of(output.getKey()))
                        + " since", "run `sam build` again, or delete "
                        + describe(List.of(templateDir.resolve(".aws-sam"))) + " to run " + tool
                        + "'s build (ws-local uses sam build's output when there is one)"));
            }
        }
        return Optional.empty();
    }

    /**
     * A warning when the function runs a build tool's compiled classes without any jar of its code (Gradle copies no
     * dependencies under {@code build/}; Maven copies them to {@code target/dependency} only when asked) and they use
     * classes that neither they, the function's layers, the Lambda runtime ({@code runtimeJars}) nor the JDK hold.
     */
    public Optional<LogLine> missingDependencies(List<Path> running, List<Path> runtimeJars) {
        Path code = code();
        boolean gradle = !running.isEmpty() && running.get(0).startsWith(GradleLayout.build(code));
        boolean maven = !running.isEmpty() && running.get(0).equals(MavenLayout.classes(code));
        List<Path> layerJars = layerJars();
        List<Path> folders = running.stream().filter(Files::isDirectory).toList();
        if (!(gradle || maven) || running.size() != folders.size() + layerJars.size()) {
            return Optional.empty(); // not classes alone: whatever jar the build packaged has the dependencies
        }
        List<Path> available = new ArrayList<>(running);
        available.addAll(runtimeJars);
        List<String> missing = UnresolvedClasses.of(folders, available);
        if (missing.isEmpty()) {
            return Optional.empty();
        }
        String named = String.join(", ", missing.subList(0, Math.min(3, missing.size())))
                + (missing.size() > 3 ? " and " + (missing.size() - 3) + " more" : "");
        String advice = gradle
                ? "Gradle keeps dependencies in its cache, not under build/: package them with the classes, with the "
                + "buildZip task of AWS's Lambda guide (`./gradlew buildZip`) or the Shadow plugin (`./gradlew "
                + "shadowJar`), or run `sam build`; ws-local runs what they build"
                : "`mvn dependency:copy-dependencies -DincludeScope=runtime` copies them to target/dependency (or "
                + "build with the shade plugin, or run `sam build`)";
        return Optional.of(LogLine.warning(null, logicalId + "'s code in " + describe(running) + " uses classes that "
                + "neither it nor the Lambda runtime has: " + named + "; events that reach them fail with "
                + "NoClassDefFoundError", advice));
    }

    private Path code() {
        return templateDir.resolve(codeUri).normalize();
    }
}
