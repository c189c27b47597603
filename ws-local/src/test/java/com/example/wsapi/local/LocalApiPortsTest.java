package com.example.wsapi.local;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.wsapi.local.lambda.RuntimeOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalApiPortsTest {

    @Test
    void start_withTheSamePortForTheGatewayAndDynamoDb_failsSayingSo(@TempDir Path dir) throws Exception {
        // Refused before anything starts: nothing in the template needs to be runnable.
        Path template = Files.writeString(dir.resolve("template.yaml"), "Resources: {}\n");
        int port = FreePort.find("127.0.0.1");

        LocalApiException e = assertThrows(LocalApiException.class, () -> LocalApi.start(new LocalOptions(template,
                "127.0.0.1", port, null, "us-east-1", Duration.ofMinutes(10), null, port, Map.of(), Map.of(), 2),
                RuntimeOptions.defaults().withLogSink(line -> {})));

        assertTrue(e.getMessage().contains("--port and --dynamodb-port are both " + port), e.getMessage());
    }
}
