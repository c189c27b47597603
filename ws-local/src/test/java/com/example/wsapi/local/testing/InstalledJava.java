package com.example.wsapi.local.testing;

import com.example.wsapi.local.lambda.JavaHome;
import com.example.wsapi.local.lambda.JavaInstallations;
import com.example.wsapi.local.lambda.RuntimeOptions;
import java.util.Optional;

/** A Java of at least some feature release on this machine: the running one, else one installed where ws-local looks. */
public final class InstalledJava {

    private InstalledJava() {}

    public static Optional<JavaHome> atLeast(int feature) {
        return JavaHome.ofExecutable(RuntimeOptions.currentJava()).filter(java -> java.feature() >= feature)
                .or(() -> JavaInstallations.ofThisMachine().forFeature(feature));
    }
}
