package com.example.wsapi.common.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Checks a function module's Lambda layout (target/classes + target/dependency), as sam build packages it. */
public final class LambdaArtifact {

    /** HTTP clients that must never ship in a function: they are big and slow to start. */
    public static final List<String> FORBIDDEN_JAR_PREFIXES =
            List.of("apache-client", "httpclient", "httpcore", "netty-", "aws-crt");

    private LambdaArtifact() {}

    public static List<String> jars(Path moduleDir) throws IOException {
        Path dependency = moduleDir.resolve("target/dependency");
        assertTrue(Files.isDirectory(dependency), "no " + dependency + ": the package phase copies runtime jars there");
        try (Stream<Path> files = Files.list(dependency)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".jar")).sorted().toList();
        }
    }

    public static void assertLayout(Path moduleDir, String handlerClass) throws IOException {
        Path classFile = moduleDir.resolve("target/classes").resolve(handlerClass.replace('.', '/') + ".class");
        assertTrue(Files.isRegularFile(classFile), "handler class missing: " + classFile);
        List<String> jars = jars(moduleDir);
        assertTrue(jars.stream().anyMatch(j -> j.startsWith("aws-lambda-java-core")), "no aws-lambda-java-core in " + jars);
        for (String jar : jars) {
            for (String prefix : FORBIDDEN_JAR_PREFIXES) {
                if (jar.startsWith(prefix)) {
                    fail(jar + " must not be in the function artifact of " + moduleDir.getFileName());
                }
            }
        }
    }
}
