package com.example.wsapi.local.lambda;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The Java installations on this machine, looked for where people and their tools put them: {@code JAVA_HOME} and
 * {@code JAVA_HOME_<n>_*} / {@code JAVA<n>_HOME} variables, the system's JVM folders (Linux packages, macOS), and the
 * folders of SDKMAN!, IntelliJ IDEA, asdf, Gradle's toolchains and the usual Windows installers.
 */
public final class JavaInstallations {

    /** Where Linux packages (Debian's, Red Hat's, the installers') and macOS put them. */
    private static final List<Path> SYSTEM_FOLDERS = List.of(Path.of("/usr/lib/jvm"), Path.of("/usr/java"),
            Path.of("/opt/java"), Path.of("/Library/Java/JavaVirtualMachines"));

    private final Map<String, String> environment;
    private final Path userHome;
    private final List<Path> systemFolders;

    /** Looks where this process's environment and user say, and in the system's folders. */
    public static JavaInstallations ofThisMachine() {
        return new JavaInstallations(System.getenv(), Path.of(System.getProperty("user.home")), SYSTEM_FOLDERS);
    }

    JavaInstallations(Map<String, String> environment, Path userHome, List<Path> systemFolders) {
        this.environment = Map.copyOf(environment);
        this.userHome = userHome;
        this.systemFolders = List.copyOf(systemFolders);
    }

    /** Every installation found, each once, those named by variables first. */
    public List<JavaHome> find() {
        Map<Path, JavaHome> found = new LinkedHashMap<>();
        for (Path home : namedHomes()) {
            JavaHome.at(home).ifPresent(java -> found.putIfAbsent(java.home(), java));
        }
        for (Path folder : folders()) {
            for (Path home : children(folder)) {
                JavaHome.at(home).or(() -> JavaHome.at(home.resolve("Contents").resolve("Home")))
                        .ifPresent(java -> found.putIfAbsent(java.home(), java));
            }
        }
        return List.copyOf(found.values());
    }

    /** The first one of exactly {@code feature}, else the oldest newer one (it runs older code too). */
    public Optional<JavaHome> forFeature(int feature) {
        List<JavaHome> all = find();
        return all.stream().filter(java -> java.feature() == feature).findFirst()
                .or(() -> all.stream().filter(java -> java.feature() > feature)
                        .min((a, b) -> Integer.compare(a.feature(), b.feature())));
    }

    private List<Path> namedHomes() {
        List<Path> homes = new ArrayList<>();
        // Sorted so that the choice between several does not depend on the environment's order.
        new TreeMap<>(environment).forEach((name, value) -> {
            if (!value.isBlank() && (name.equals("JAVA_HOME") || name.matches("JAVA_HOME_\\d+(_\\w+)?")
                    || name.matches("JAVA\\d+_HOME") || name.matches("JDK\\d+_HOME"))) {
                homes.add(Path.of(value));
            }
        });
        return homes;
    }

    private List<Path> folders() {
        List<Path> folders = new ArrayList<>(systemFolders);
        folders.addAll(List.of(userHome.resolve("Library").resolve("Java").resolve("JavaVirtualMachines"),
                userHome.resolve(".sdkman").resolve("candidates").resolve("java"), userHome.resolve(".jdks"),
                userHome.resolve(".asdf").resolve("installs").resolve("java"),
                userHome.resolve(".gradle").resolve("jdks")));
        for (String variable : List.of("ProgramFiles", "ProgramW6432")) {
            String programFiles = environment.get(variable);
            if (programFiles != null && !programFiles.isBlank()) {
                for (String vendor : List.of("Java", "Eclipse Adoptium", "Amazon Corretto", "Microsoft", "Zulu",
                        "BellSoft")) {
                    folders.add(Path.of(programFiles, vendor));
                }
            }
        }
        return folders;
    }

    private static List<Path> children(Path folder) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> children = Files.list(folder)) {
            return children.sorted().toList();
        } catch (IOException | RuntimeException e) {
            return List.of(); // unreadable: nothing found there
        }
    }
}
