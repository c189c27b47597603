package com.example.wsapi.disconnect;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.wsapi.common.testing.LambdaArtifact;
import com.example.wsapi.common.testing.LambdaEvents;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class DisconnectArtifactIT {

    static final Path MODULE = LambdaEvents.projectRoot().resolve("ws-disconnect");

    @Test
    void artifact_hasTheHandlerDynamoDbAndTheManagementApi() throws Exception {
        LambdaArtifact.assertLayout(MODULE, DisconnectHandler.class.getName());
        assertTrue(LambdaArtifact.jars(MODULE).stream().anyMatch(j -> j.startsWith("dynamodb-")));
        assertTrue(LambdaArtifact.jars(MODULE).stream().anyMatch(j -> j.startsWith("apigatewaymanagementapi")));
    }

    /** 3.94 MB: measured 3.50 (BENCHMARKS.md, section 2), shrunk by ProGuard; was 7.22 before shrinking. */
    @Test
    void artifact_zipsUnderItsSizeCeiling() throws Exception {
        LambdaArtifact.assertZippedAtMost(MODULE, 4_128_768);
    }

    @Test
    void shrunkArtifact_holdsEveryClassItReferencesOrLoadsByName() throws Exception {
        LambdaArtifact.assertShrunkIntact(MODULE);
    }
}
