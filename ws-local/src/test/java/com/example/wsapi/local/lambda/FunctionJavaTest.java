package com.example.wsapi.local.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which Java runs the functions. The installations are folders laid out as JDKs are (a {@code release} file, an
 * executable {@code bin/java}); nothing runs them, only their versions are read. No system folder is searched.
 */
class FunctionJavaTest {

    @TempDir
    Path dir;

    @Test
    void choose_whenGivenJavaIsOlderThanTheRuntime_picksAnInstalledJavaOfThatVersion() throws IOException {
        Path given = jdk("jdk-17", "17.0.15").resolve("bin/java");
        Path java25 = jdk("sdkman/candidates/java/25.0.3-tem", "25.0.3");
        jdk("sdkman/candidates/java/26-ea", "26");

        FunctionJava chosen = FunctionJava.choose(List.of("java25", "java17"), given, installations(Map.of()));

        assertEquals(java25.resolve("bin/java").toRealPath(), chosen.executable());
        assertTrue(chosen.picked());
        assertEquals("java25", chosen.runtime());
        assertTrue(chosen.describe().startsWith("Java 25.0.3, "), chosen.describe());
        assertTrue(chosen.describe().contains("found for the template's java25"), chosen.describe());
    }

    @Test
    void choose_whenNoInstalledJavaIsNewEnough_keepsTheGivenOne_andTheBannerSaysSo() throws IOException {
        Path given = jdk("jdk-17", "17.0.15").resolve("bin/java");
        jdk("sdkman/candidates/java/21.0.5-tem", "21.0.5");

        FunctionJava chosen = FunctionJava.choose(List.of("java25"), given, installations(Map.of()));

        assertEquals(given, chosen.executable());
        assertFalse(chosen.picked());
        assertTrue(chosen.olderThanRuntime());
        assertEquals("Java 17.0.15, " + given + " (older than the template's java25, and no Java 25 was found: "
                + "classes built for it will not load; --java <path> runs them on one)", chosen.describe());
    }

    @Test
    void choose_whenNoJavaOfTheVersion_takesTheOldestNewerOne() throws IOException {
        Path given = jdk("jdk-17", "17.0.15").resolve("bin/java");
        jdk(".jdks/b-26", "26.0.1");
        Path java25 = jdk(".jdks/c-25", "25.0.1");

        FunctionJava chosen = FunctionJava.choose(List.of("java21"), given, installations(Map.of()));

        assertEquals(java25.resolve("bin/java").toRealPath(), chosen.executable());
        assertFalse(chosen.olderThanRuntime());
    }

    @Test
    void choose_whenGivenJavaIsRecentEnough_keepsItWithoutWarning() throws IOException {
        Path given = jdk("jdk-25", "25.0.3").resolve("bin/java");
        jdk("sdkman/candidates/java/17.0.15-tem", "17.0.15");

        FunctionJava chosen = FunctionJava.choose(List.of("java17", "java21"), given, installations(Map.of()));

        assertEquals(given, chosen.executable());
        assertFalse(chosen.picked());
        assertFalse(chosen.olderThanRuntime());
        assertEquals("Java 25.0.3, " + given, chosen.describe());
    }

    @Test
    void choose_whenJavaWasGivenOnTheCommandLine_keepsIt_evenWhenOlder() throws IOException {
        Path given = jdk("jdk-17", "17.0.15").resolve("bin/java");
        jdk("sdkman/candidates/java/25.0.3-tem", "25.0.3");

        FunctionJava chosen = FunctionJava.choose(List.of("java25"), given, null);

        assertEquals(given, chosen.executable());
        assertTrue(chosen.olderThanRuntime());
        assertTrue(chosen.describe().endsWith("(older than the template's java25, as --java says)"),
                chosen.describe());
    }

    @Test
    void choose_whenNoFunctionNamesAJavaRuntime_keepsTheGivenJava() throws IOException {
        Path given = jdk("jdk-17", "17.0.15").resolve("bin/java");

        FunctionJava chosen = FunctionJava.choose(List.of("provided.al2023"), given, installations(Map.of()));

        assertEquals(given, chosen.executable());
        assertEquals(null, chosen.runtime());
        assertFalse(chosen.olderThanRuntime());
    }

    @Test
    void find_readsJavaHomeVariablesFirst_andMacLayouts_eachInstallationOnce() throws IOException {
        Path named = jdk("elsewhere/temurin-21", "21.0.5");
        Path mac = jdk("Library/Java/JavaVirtualMachines/zulu-25.jdk/Contents/Home", "25.0.2");
        Files.createDirectories(dir.resolve(".jdks"));
        Files.createSymbolicLink(dir.resolve(".jdks/same-21"), named); // the same JDK through a link

        List<JavaHome> found = installations(Map.of("JAVA_HOME_21_X64", named.toString())).find();

        assertEquals(List.of(named.toRealPath(), mac.toRealPath()), found.stream().map(JavaHome::home).toList());
        assertEquals(List.of(21, 25), found.stream().map(JavaHome::feature).toList());
    }

    @Test
    void at_readsJava8sVersionScheme_andNeedsALauncher() throws IOException {
        Path java8 = jdk("jdk8", "1.8.0_392");
        Path noLauncher = jdk("broken", "21.0.1");
        Files.delete(noLauncher.resolve("bin/java"));

        assertEquals(8, JavaHome.at(java8).orElseThrow().feature());
        assertEquals("1.8.0_392", JavaHome.at(java8).orElseThrow().version());
        assertTrue(JavaHome.at(noLauncher).isEmpty());
    }

    @Test
    void feature_readsLambdasJavaRuntimeNames() {
        assertEquals(25, FunctionJava.feature("java25").orElseThrow());
        assertEquals(8, FunctionJava.feature("java8.al2").orElseThrow());
        assertTrue(FunctionJava.feature("python3.12").isEmpty());
        assertTrue(FunctionJava.feature("java").isEmpty());
    }

    private JavaInstallations installations(Map<String, String> environment) {
        // The user's folders are under the temporary folder; "sdkman" stands for ~/.sdkman's layout below.
        return new JavaInstallations(environment, dir, List.of(dir.resolve("sdkman/candidates/java")));
    }

    /** A folder laid out as a JDK of {@code version}, under the temporary folder. */
    private Path jdk(String path, String version) throws IOException {
        Path home = Files.createDirectories(dir.resolve(path));
        Files.writeString(home.resolve("release"), "IMPLEMENTOR=\"Test\"\nJAVA_VERSION=\"" + version + "\"\n");
        Path java = Files.createDirectories(home.resolve("bin")).resolve("java");
        Files.writeString(java, "#!/bin/sh\nexit 1\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        return home;
    }
}
