package com.example.wsapi.local.lambda;

import com.example.wsapi.local.log.LogLine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Where a function's code comes from, as its template says: its classpath, resolved as {@link FunctionCode} does
 * (again after every rebuild), and every place that resolution consults, which {@link CodeWatcher} polls.
 *
 * @param templateDir the template's folder (absolute): CodeUri and ContentUri are relative to it
 * @param layers      the function's layers, in the template's order
 */
public record FunctionSource(Path templateDir, String logicalId, Path codeUri, String handler, List<Layer> layers) {

    /** A Java layer: its logical id and its ContentUri. */
    public record Layer(String logicalId, Path contentUri) {}

    public FunctionSource {
        Objects.requireNonNull(templateDir, "templateDir");
        Objects.requireNonNull(logicalId, "logicalId");
        Objects.requireNonNull(codeUri, "codeUri");
        Objects.requireNonNull(handler, "handler");
        layers = List.copyOf(layers);
    }

    /**
     * The function's classpath now: its code, then its layers' jars.
     *
     * @throws IllegalStateException when there is no built code, or it cannot be read (a half-written archive)
     */
    public List<Path> classpath() {
        List<Path> classpath = new ArrayList<>(FunctionCode.classpath(templateDir, logicalId, codeUri, handler));
        for (Layer layer : layers) {
            classpath.addAll(FunctionCode.layerJars(templateDir, layer.logicalId(), layer.contentUri()));
        }
        return List.copyOf(classpath);
    }

    /**
     * Every place {@link #classpath()} looks at, while {@code running} runs: {@code sam build}'s folder, Maven's
     * outputs and the CodeUri's {@code lib/} and handler class; the whole CodeUri when it is an archive or the
     * function runs from it (not otherwise: a module's sources live there too); each layer's.
     */
    List<Path> places(List<Path> running) {
        Path code = code();
        Set<Path> places = new LinkedHashSet<>();
        places.add(FunctionCode.samBuild(templateDir, logicalId));
        if (Files.isRegularFile(code) || (!running.isEmpty() && running.get(0).equals(code))) {
            places.add(code);
        }
        Path target = code.resolve("target");
        places.add(target.resolve("lambda"));
        places.add(target.resolve("classes"));
        places.add(target.resolve("dependency"));
        FunctionCode.jarWithDependencies(target).ifPresent(places::add);
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

    /** Where a classpath's code lives, for a person: its first entry (an archive's, the archive), as the template has it. */
    public String describe(List<Path> classpath) {
        Path code = code();
        Path shown = classpath.isEmpty() || (Files.isRegularFile(code) && !classpath.get(0).startsWith(templateDir))
                ? code : classpath.get(0);
        if (!shown.startsWith(templateDir)) {
            return shown.toString();
        }
        String relative = templateDir.relativize(shown).toString();
        return relative.isEmpty() ? "." : relative;
    }

    /**
     * A warning when the function runs {@code sam build}'s output while Maven's under its CodeUri ({@code target/lambda}
     * or {@code target/classes}) is newer: someone who ran {@code sam build} once would run stale code ever after.
     */
    public Optional<LogLine> staleSamBuild(List<Path> running) {
        Path samBuild = FunctionCode.samBuild(templateDir, logicalId);
        if (running.isEmpty() || !running.get(0).equals(samBuild)) {
            return Optional.empty();
        }
        long samBuilt = FunctionCode.newestFile(samBuild);
        Path target = code().resolve("target");
        for (Path maven : List.of(target.resolve("lambda"), target.resolve("classes"))) {
            if (FunctionCode.newestFile(maven) > samBuilt) {
                return Optional.of(LogLine.warning(null, logicalId + " runs sam build's code in "
                        + describe(running) + ", but Maven built " + describe(List.of(maven)) + " since",
                        "run `sam build` again, or delete " + describe(List.of(templateDir.resolve(".aws-sam")))
                                + " to run Maven's build (ws-local uses sam build's output when there is one)"));
            }
        }
        return Optional.empty();
    }

    private Path code() {
        return templateDir.resolve(codeUri).normalize();
    }
}
