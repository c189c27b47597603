package com.example.wsapi.local.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line and environment a function instance's JVM gets (built, not started). */
class FunctionCommandTest {

    @TempDir
    Path home;

    @Test
    void theExecutionEnvironment_namesTheFunctionsRuntime_asLambdaDoes() {
        for (String runtime : List.of("java17", "java21", "java25")) {
            FunctionSettings function = new FunctionSettings("Fn", "example.Handler::handleRequest", List.of(home),
                    Map.of(), Duration.ofSeconds(3), 128, 1, Scaling.LAMBDA, false, runtime, "Fn");

            ProcessBuilder command = FunctionCommand.build(function, RuntimeOptions.defaults(), Optional.empty(), null,
                    "stream", 9001, home, null);

            assertEquals("AWS_Lambda_" + runtime, command.environment().get("AWS_EXECUTION_ENV"));
        }
    }

    @Test
    void aFunctionWithAFunctionName_seesThatName_notItsLogicalId() {
        FunctionSettings function = new FunctionSettings("ConnectFunction", "example.Handler::handleRequest",
                List.of(home), Map.of(), Duration.ofSeconds(3), 128, 1, Scaling.LAMBDA, false, "java25",
                "chat-stack-connect");

        Map<String, String> env = FunctionCommand.build(function, RuntimeOptions.defaults(), Optional.empty(), null,
                "stream", 9001, home, null).environment();

        assertEquals("chat-stack-connect", env.get("AWS_LAMBDA_FUNCTION_NAME"));
        assertEquals("/aws/lambda/chat-stack-connect", env.get("AWS_LAMBDA_LOG_GROUP_NAME"));
    }

    @Test
    void aFunctionWithALogGroup_seesThatGroup() {
        FunctionSettings function = new FunctionSettings("ConnectFunction", "example.Handler::handleRequest",
                List.of(home), Map.of(), Duration.ofSeconds(3), 128, 1, Scaling.LAMBDA, false, "java25",
                "ConnectFunction", "/aws/lambda/stack/ConnectFunction");

        Map<String, String> env = FunctionCommand.build(function, RuntimeOptions.defaults(), Optional.empty(), null,
                "stream", 9001, home, null).environment();

        assertEquals("/aws/lambda/stack/ConnectFunction", env.get("AWS_LAMBDA_LOG_GROUP_NAME"));
    }
}
