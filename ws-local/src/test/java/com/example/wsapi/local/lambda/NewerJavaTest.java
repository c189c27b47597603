package com.example.wsapi.local.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.example.wsapi.local.lambda.testfunctions.EchoHandler;
import com.example.wsapi.local.testing.InstalledJava;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A real function JVM on Java 22 or later (the running one, or one installed where {@link JavaInstallations} looks;
 * skipped, saying so, on a machine without one), as ws-local runs {@code java25} functions.
 */
class NewerJavaTest {

    @Test
    void aFunctionOnJava22OrLater_startsWithoutNativeAccessWarnings() throws Exception {
        Optional<JavaHome> newer = InstalledJava.atLeast(22);
        assumeTrue(newer.isPresent(), "no Java 22 or later on this machine");
        LambdaRuntimeTest.RecordingSink logs = new LambdaRuntimeTest.RecordingSink();
        Path testClasses = Path.of(EchoHandler.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        try (LambdaRuntime runtime = new LambdaRuntime(RuntimeOptions.defaults().withLogSink(logs)
                .withJavaExecutable(newer.get().executable()))) {
            runtime.register(new FunctionSettings("Echo", EchoHandler.class.getName() + "::handleRequest",
                    List.of(testClasses), Map.of(), Duration.ofSeconds(10), 256, 1));

            assertEquals("{\"ping\":1}", runtime.invoke("Echo", "{\"ping\":1}").get(60, TimeUnit.SECONDS));

            // Without --enable-native-access, Java 22+ prints four WARNING lines as the runtime client loads its
            // native Runtime API client (System.load), on every start.
            assertTrue(logs.linesStartingWith("[Echo] WARNING").isEmpty(), logs.dump());
        }
    }
}
