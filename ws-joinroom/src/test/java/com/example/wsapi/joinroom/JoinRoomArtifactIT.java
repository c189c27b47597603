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
}
