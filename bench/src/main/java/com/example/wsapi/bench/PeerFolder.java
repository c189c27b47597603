package com.example.wsapi.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The peer emulator (serverless-offline), its bare echo server (the floor) and its load client ({@code bench.mjs}),
 * copied from a read-only folder outside the project into a scratch folder and installed there with {@code npm ci}.
 * The folder is {@code ../shared/peers/serverless-offline} beside the project, or {@code -Dbench.peer=<folder>}.
 */
record PeerFolder(Path source, Path scratch) {

    /** The files the benchmark uses; a folder without them is not the peer. */
    static final List<String> REQUIRED = List.of("bench.mjs", "echo-server.mjs", "start-offline.sh", "package.json",
            "package-lock.json", "serverless.yml", "handler.js");

    static PeerFolder locate(Path root) {
        String configured = System.getProperty("bench.peer");
        Path source = configured != null ? Path.of(configured)
                : root.resolve("../shared/peers/serverless-offline").normalize();
        List<String> missing = REQUIRED.stream().filter(name -> !Files.isRegularFile(source.resolve(name))).toList();
        if (!Files.isDirectory(source) || !missing.isEmpty()) {
            throw new IllegalStateException("the peer benchmark needs the serverless-offline peer folder (its "
                    + "serverless.yml, handler, bare echo server and the load client bench.mjs) at " + source
                    + (Files.isDirectory(source) ? ", which lacks " + String.join(", ", missing) : ", which is missing")
                    + ": pass -Dbench.peer=<folder> (BENCH_JAVA_OPTS) if it is elsewhere");
        }
        return new PeerFolder(source, root.resolve("bench/target/peer-serverless-offline"));
    }

    /**
     * Copies the peer's files into the scratch folder and runs {@code npm ci} there, unless the same lock file is
     * installed already. Needs node and npm (and the npm registry the first time).
     */
    void prepare() throws IOException, InterruptedException {
        for (String tool : List.of("node", "npm")) {
            if (!onPath(tool)) {
                throw new IllegalStateException("the peer benchmark needs " + tool + " on the PATH (Node.js 18+)");
            }
        }
        Files.createDirectories(scratch);
        boolean installed = Files.isDirectory(scratch.resolve("node_modules/serverless-offline"))
                && Files.isRegularFile(scratch.resolve("package-lock.json"))
                && Arrays.equals(Files.readAllBytes(scratch.resolve("package-lock.json")),
                        Files.readAllBytes(source.resolve("package-lock.json")));
        try (Stream<Path> files = Files.list(source)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Path target = scratch.resolve(file.getFileName().toString());
                Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
                target.toFile().setWritable(true, true);
                if (file.getFileName().toString().endsWith(".sh")) {
                    target.toFile().setExecutable(true, true);
                }
            }
        }
        if (installed) {
            return;
        }
        System.out.println("installing the peer with npm ci in " + scratch + " ...");
        Process npm = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund", "--loglevel=error")
                .directory(scratch.toFile()).redirectErrorStream(true)
                .redirectOutput(scratch.resolve("npm-ci.log").toFile()).start();
        if (!npm.waitFor(10, TimeUnit.MINUTES) || npm.exitValue() != 0) {
            npm.destroyForcibly();
            throw new IllegalStateException("npm ci failed in " + scratch + ": see " + scratch.resolve("npm-ci.log"));
        }
    }

    private static boolean onPath(String tool) {
        String path = System.getenv().getOrDefault("PATH", "");
        return Arrays.stream(path.split(java.io.File.pathSeparator))
                .anyMatch(dir -> !dir.isEmpty() && Files.isExecutable(Path.of(dir, tool)));
    }
}
