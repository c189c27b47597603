package com.example.wsapi.local.lambda;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Java installation, known by the {@code release} file every JDK and JRE since 9 (and most 8s) has at its top.
 *
 * @param home    the installation's folder (real path)
 * @param release the {@code release} file's text
 * @param version its {@code JAVA_VERSION}, e.g. {@code 25.0.3} or {@code 1.8.0_392}
 * @param feature the feature release: 25, or 8 for {@code 1.8.0_392}
 */
public record JavaHome(Path home, String release, String version, int feature) {

    private static final Pattern JAVA_VERSION = Pattern.compile("(?m)^JAVA_VERSION=\"((\\d+)(?:\\.(\\d+))?[^\"]*)\"");

    /** The installation whose {@code bin/java} this is (symbolic links followed), if its release file says which. */
    public static Optional<JavaHome> ofExecutable(Path java) {
        try {
            Path bin = java.toRealPath().getParent();
            return bin == null || bin.getParent() == null ? Optional.empty() : read(bin.getParent());
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The installation in {@code home}, if it has a readable release file and a runnable {@code bin/java}. */
    public static Optional<JavaHome> at(Path home) {
        try {
            Path real = home.toRealPath();
            return Files.isExecutable(launcher(real)) ? read(real) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static Optional<JavaHome> read(Path real) {
        try {
            String release = Files.readString(real.resolve("release"));
            Matcher matcher = JAVA_VERSION.matcher(release);
            if (!matcher.find()) {
                return Optional.empty();
            }
            int feature = Integer.parseInt(matcher.group(2));
            if (feature == 1 && matcher.group(3) != null) {
                feature = Integer.parseInt(matcher.group(3)); // 1.8.0_392
            }
            return Optional.of(new JavaHome(real, release, matcher.group(1), feature));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Its {@code java} launcher. */
    public Path executable() {
        return launcher(home);
    }

    private static Path launcher(Path home) {
        Path unix = home.resolve("bin").resolve("java");
        Path windows = home.resolve("bin").resolve("java.exe");
        return Files.exists(windows) && !Files.exists(unix) ? windows : unix;
    }
}
