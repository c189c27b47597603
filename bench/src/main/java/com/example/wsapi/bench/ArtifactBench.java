package com.example.wsapi.bench;

import com.example.wsapi.local.lambda.FunctionCode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * What {@code sam build} packages per function (the Makefile copies the shrunk target/lambda: classes at the root,
 * jars in lib/), zipped the way SAM zips it (deflate, zlib's default level), and its jars.
 */
final class ArtifactBench {

    /** SAM's Lambda code-size check is on the zip; the target per function. */
    static final long TARGET_BYTES = 4L * 1024 * 1024;

    record Artifact(String function, long zippedBytes, long unzippedBytes, List<String> jars) {}

    private ArtifactBench() {}

    static void run(Bench.Options options) throws Exception {
        Map<String, Path> modules = new LinkedHashMap<>();
        modules.put(ColdStartBench.FLOOR, options.root().resolve("bench/hello-function"));
        for (Map.Entry<String, Path> function : FunctionModules.of(options.root()).entrySet()) {
            modules.put(function.getKey(), function.getValue());
        }
        List<Artifact> artifacts = new ArrayList<>();
        for (Map.Entry<String, Path> module : modules.entrySet()) {
            artifacts.add(measure(module.getKey(), FunctionCode.classpath(options.root(), module.getKey(),
                    options.root().relativize(module.getValue()))));
        }
        Artifact floor = artifacts.get(0);
        System.out.println("| function | zipped bytes | zipped MB | / floor | target 4 MB | unzipped bytes | jars |");
        System.out.println("|---|---|---|---|---|---|---|");
        for (Artifact artifact : artifacts) {
            System.out.printf(Locale.ROOT, "| %s | %d | %.2f | %s | %s | %d | %d |%n", artifact.function(),
                    artifact.zippedBytes(), artifact.zippedBytes() / 1048576.0,
                    Stats.ratio(artifact.zippedBytes(), floor.zippedBytes()),
                    artifact.zippedBytes() <= TARGET_BYTES ? "met" : String.format(Locale.ROOT, "missed by %.2f MB",
                            (artifact.zippedBytes() - TARGET_BYTES) / 1048576.0),
                    artifact.unzippedBytes(), artifact.jars().size());
        }
        System.out.println();
        for (Artifact artifact : artifacts) {
            System.out.println("- " + artifact.function() + ": " + String.join(", ", artifact.jars()));
        }
    }

    /** Zips classes (at the root) and jars (in lib/) exactly as the Makefile lays them out; each jar once. */
    static Artifact measure(String function, List<Path> classpath) throws IOException {
        Path classes = classpath.get(0);
        List<Path> jars = classpath.subList(1, classpath.size());
        CountingStream counter = new CountingStream();
        long unzipped = 0;
        try (ZipOutputStream zip = new ZipOutputStream(counter)) {
            List<Path> files;
            try (Stream<Path> walk = Files.walk(classes)) {
                files = walk.filter(Files::isRegularFile).filter(file -> !jars.contains(file)).sorted().toList();
            }
            for (Path file : files) {
                unzipped += add(zip, classes.relativize(file).toString().replace('\\', '/'), file);
            }
            for (Path jar : jars) {
                unzipped += add(zip, "lib/" + jar.getFileName(), jar);
            }
        }
        return new Artifact(function, counter.count, unzipped,
                jars.stream().map(j -> j.getFileName().toString()).collect(Collectors.toList()));
    }

    private static long add(ZipOutputStream zip, String name, Path file) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        long size = Files.copy(file, zip);
        zip.closeEntry();
        return size;
    }

    private static final class CountingStream extends OutputStream {
        long count;

        @Override
        public void write(int b) {
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            count += len;
        }
    }
}
