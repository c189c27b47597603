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

    /** 2.86 MB: measured 2.55 (BENCHMARKS.md, section 2), shrunk by ProGuard; was 4.58 before shrinking. */
    @Test
    void artifact_zipsUnderItsSizeCeiling() throws Exception {
        LambdaArtifact.assertZippedAtMost(LambdaEvents.projectRoot().resolve("ws-echo"), 2_998_272);
    }

    @Test
    void shrunkArtifact_holdsEveryClassItReferencesOrLoadsByName() throws Exception {
        LambdaArtifact.assertShrunkIntact(LambdaEvents.projectRoot().resolve("ws-echo"));
    }
}
