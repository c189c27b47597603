package com.example.wsapi.defaultroute;

import com.example.wsapi.common.testing.LambdaArtifact;
import com.example.wsapi.common.testing.LambdaEvents;
import org.junit.jupiter.api.Test;

class DefaultArtifactIT {

    @Test
    void artifact_hasTheHandlerAndNoForbiddenClients() throws Exception {
        LambdaArtifact.assertLayout(LambdaEvents.projectRoot().resolve("ws-default"), DefaultHandler.class.getName());
    }
}
