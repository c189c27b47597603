package com.example.wsapi.leaveroom;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.wsapi.common.testing.LambdaArtifact;
import com.example.wsapi.common.testing.LambdaEvents;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class LeaveRoomArtifactIT {

    @Test
    void artifact_hasTheHandlerDynamoDbAndTheManagementApi() throws Exception {
        Path module = LambdaEvents.projectRoot().resolve("ws-leaveroom");
        LambdaArtifact.assertLayout(module, LeaveRoomHandler.class.getName());
        assertTrue(LambdaArtifact.jars(module).stream().anyMatch(j -> j.startsWith("dynamodb-")));
        assertTrue(LambdaArtifact.jars(module).stream().anyMatch(j -> j.startsWith("apigatewaymanagementapi")));
    }

    /** 4 MB, the target: measured 3.56 MB (3,728,017 bytes), shrunk by ProGuard, the same libraries as ws-joinroom. */
    @Test
    void artifact_zipsUnderItsSizeCeiling() throws Exception {
        LambdaArtifact.assertZippedAtMost(LambdaEvents.projectRoot().resolve("ws-leaveroom"), 4_194_304);
    }

    @Test
    void shrunkArtifact_holdsEveryClassItReferencesOrLoadsByName() throws Exception {
        LambdaArtifact.assertShrunkIntact(LambdaEvents.projectRoot().resolve("ws-leaveroom"));
    }
}
