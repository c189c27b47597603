package com.example.wsapi.authorizer;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.wsapi.common.testing.LambdaArtifact;
import com.example.wsapi.common.testing.LambdaEvents;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class AuthorizerArtifactIT {

    static final Path MODULE = LambdaEvents.projectRoot().resolve("ws-authorizer");

    @Test
    void artifact_hasTheHandlerAndTheJoseLibrary_andNoAwsSdk() throws Exception {
        LambdaArtifact.assertLayout(MODULE, AuthorizerHandler.class.getName());
        assertTrue(LambdaArtifact.jars(MODULE).stream().anyMatch(j -> j.startsWith("nimbus-jose-jwt-")));
        assertTrue(LambdaArtifact.jars(MODULE).stream().noneMatch(j -> j.startsWith("sdk-core")
                || j.startsWith("dynamodb") || j.startsWith("apigatewaymanagementapi") || j.startsWith("tink")
                || j.startsWith("bcprov")), "no AWS SDK, no optional crypto providers: " + LambdaArtifact.jars(MODULE));
    }

    /** 0.70 MB: measured 0.67, shrunk by ProGuard (the JOSE library 0.47, gson 0.24); no AWS SDK in it. */
    @Test
    void artifact_zipsUnderItsSizeCeiling() throws Exception {
        LambdaArtifact.assertZippedAtMost(MODULE, 734_003);
    }

    @Test
    void shrunkArtifact_holdsEveryClassItReferencesOrLoadsByName() throws Exception {
        LambdaArtifact.assertShrunkIntact(MODULE);
    }
}
