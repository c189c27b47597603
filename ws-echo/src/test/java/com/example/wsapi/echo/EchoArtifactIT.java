package com.example.wsapi.echo;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.wsapi.common.testing.LambdaArtifact;
import com.example.wsapi.common.testing.LambdaEvents;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class EchoArtifactIT {

    @Test
    void artifact_hasTheHandlerAndOnlyTheManagementApiClient() throws Exception {
        Path module = LambdaEvents.projectRoot().resolve("ws-echo");
        LambdaArtifact.assertLayout(module, EchoHandler.class.getName());
        assertTrue(LambdaArtifact.jars(module).stream().anyMatch(j -> j.startsWith("apigatewaymanagementapi")));
        assertTrue(LambdaArtifact.jars(module).stream().noneMatch(j -> j.startsWith("dynamodb")));
    }

    /** 4.75 MB: measured 4.58 (BENCHMARKS.md); the 4 MB target is missed by the SDK core (sdk-core, regions, jackson-core). */
    @Test
    void artifact_zipsUnderItsSizeCeiling() throws Exception {
        LambdaArtifact.assertZippedAtMost(LambdaEvents.projectRoot().resolve("ws-echo"), 4_980_736);
    }
}
