package com.example.wsapi.joinroom;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.wsapi.common.testing.LambdaArtifact;
import com.example.wsapi.common.testing.LambdaEvents;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class JoinRoomArtifactIT {

    @Test
    void artifact_hasTheHandlerDynamoDbAndTheManagementApi() throws Exception {
        Path module = LambdaEvents.projectRoot().resolve("ws-joinroom");
        LambdaArtifact.assertLayout(module, JoinRoomHandler.class.getName());
        assertTrue(LambdaArtifact.jars(module).stream().anyMatch(j -> j.startsWith("dynamodb-")));
        assertTrue(LambdaArtifact.jars(module).stream().anyMatch(j -> j.startsWith("apigatewaymanagementapi")));
    }

    /** 4 MB, the target: measured 3.56 (BENCHMARKS.md, section 2), shrunk by ProGuard; was 7.22 before shrinking. */
    @Test
    void artifact_zipsUnderItsSizeCeiling() throws Exception {
        LambdaArtifact.assertZippedAtMost(LambdaEvents.projectRoot().resolve("ws-joinroom"), 4_194_304);
    }

    @Test
    void shrunkArtifact_holdsEveryClassItReferencesOrLoadsByName() throws Exception {
        LambdaArtifact.assertShrunkIntact(LambdaEvents.projectRoot().resolve("ws-joinroom"));
    }
}
