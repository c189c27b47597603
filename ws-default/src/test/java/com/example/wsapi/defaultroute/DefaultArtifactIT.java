package com.example.wsapi.defaultroute;

import com.example.wsapi.common.testing.LambdaArtifact;
import com.example.wsapi.common.testing.LambdaEvents;
import org.junit.jupiter.api.Test;

class DefaultArtifactIT {

    @Test
    void artifact_hasTheHandlerAndNoForbiddenClients() throws Exception {
        LambdaArtifact.assertLayout(LambdaEvents.projectRoot().resolve("ws-default"), DefaultHandler.class.getName());
    }

    /** 2.86 MB: measured 2.55 (BENCHMARKS.md, section 2), shrunk by ProGuard; was 4.58 before shrinking. */
    @Test
    void artifact_zipsUnderItsSizeCeiling() throws Exception {
        LambdaArtifact.assertZippedAtMost(LambdaEvents.projectRoot().resolve("ws-default"), 2_998_272);
    }

    @Test
    void shrunkArtifact_holdsEveryClassItReferencesOrLoadsByName() throws Exception {
        LambdaArtifact.assertShrunkIntact(LambdaEvents.projectRoot().resolve("ws-default"));
    }
}
