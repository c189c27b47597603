package com.example.wsapi.connect;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.wsapi.common.testing.LambdaArtifact;
import com.example.wsapi.common.testing.LambdaEvents;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ConnectArtifactIT {

    static final Path MODULE = LambdaEvents.projectRoot().resolve("ws-connect");

    @Test
    void artifact_hasTheHandlerAndOnlyTheDynamoDbClient() throws Exception {
        LambdaArtifact.assertLayout(MODULE, ConnectHandler.class.getName());
        assertTrue(LambdaArtifact.jars(MODULE).stream().anyMatch(j -> j.startsWith("dynamodb-")));
        assertTrue(LambdaArtifact.jars(MODULE).stream().noneMatch(j -> j.startsWith("apigatewaymanagementapi")));
    }

    /** 3.59 MB: measured 3.21 (BENCHMARKS.md, section 2), shrunk by ProGuard; was 6.95 before shrinking. */
    @Test
    void artifact_zipsUnderItsSizeCeiling() throws Exception {
        LambdaArtifact.assertZippedAtMost(MODULE, 3_768_320);
    }

    @Test
    void shrunkArtifact_holdsEveryClassItReferencesOrLoadsByName() throws Exception {
        LambdaArtifact.assertShrunkIntact(MODULE);
    }
}
