package com.example.wsapi.local.lambda;

import com.example.wsapi.local.PrivateFolder;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Per-function class-data archives, so that function JVMs skip most class loading and verification on later starts:
 * a dynamic CDS archive ({@code -XX:ArchiveClassesAtExit}, then {@code -XX:SharedArchiveFile}) on Java 13 and later,
 * nothing on older or unknown Javas. The first instance of a function without an archive records one, written when
 * its JVM exits on SIGTERM (ws-local stopping), and every later start uses it; a recording from a JVM that did not get
 * through its start is dropped, and the next start records again.
 *
 * <p>Not Java 25's AOT cache: its one-step recording ({@code -XX:AOTCacheOutput}) assembles the cache in a child JVM
 * that outlives the function's process, and measured no faster than a dynamic archive for these functions.
 *
 * <p>CDS archives only classes from jars, so a function's classes folder runs from a jar copy of it. An archive belongs
 * to the exact code, runtime jars, Java and JVM options it was made with (a hash of them names its folder); a rebuilt
 * function gets a new one and the old ones are deleted, while the archives of the same code for other JVM options stay.
 * A function's folder unused for {@link UnusedFolders#UNUSED_FOR} (a checkout since deleted, a test's temporary code)
 * is deleted.
 *
 * <p>Several ws-locals may share the cache (three started at once, one still running older code): each process claims
 * the versions it runs ({@link ProcessClaims}), before it looks at the folder, and no version or function folder a
 * running process claims is deleted, since its JVMs run from the jar copies there and write their recordings there
 * when they exit. Recordings have names of their own, and what is published (a jar copy, an archive) is moved into
 * place in one step.
 */
public final class ClassDataCache {

    /**
     * Whether JVM options add an agent or JFR: they hook class loading, and JDK 17 can crash loading a class from a
     * dynamic archive under such a hook (seen with {@code -XX:StartFlightRecording}), so such JVMs start without one.
     */
    public static boolean hooksClassLoading(List<String> jvmOptions) {
        return jvmOptions.stream().anyMatch(option -> option.startsWith("-javaagent:")
                || option.startsWith("-agentlib:") || option.startsWith("-agentpath:")
                || option.startsWith("-XX:StartFlightRecording") || option.equals("-XX:+FlightRecorder"));
    }

    /** How a function's folder is named ({@code <function>-<16 hex digits>}): nothing else in the cache is pruned. */
    private static final Pattern SLOT = Pattern.compile("[A-Za-z0-9_-]+-[0-9a-f]{16}");
    /** How a version's folder in it is named ({@code <code>-<options>}): nothing else there is deleted. */
    private static final Pattern VERSION = Pattern.compile("[0-9a-f]{16}-[0-9a-f]{8}");
    private static final int FIRST_DYNAMIC_ARCHIVE_RELEASE = 13;

    /** How a function JVM starts: its class path, the archive options, and the archive it records, if any. */
    public final class Launch {
        final List<Path> classpath;
        final List<String> jvmOptions;
        private final Path recording;
        private final Path archive;
        private final String slot;
        private final String key;

        private Launch(List<Path> classpath, List<String> jvmOptions, Path recording, Path archive, String slot,
                       String key) {
            this.classpath = classpath;
            this.jvmOptions = jvmOptions;
            this.recording = recording;
            this.archive = archive;
            this.slot = slot;
            this.key = key;
        }

        /** The JVM options that use or record the archive. */
        public List<String> jvmOptions() {
            return jvmOptions;
        }

        /** Whether this JVM records the archive: it must exit normally (SIGTERM, not SIGKILL) for the archive to exist. */
        public boolean records() {
            return recording != null;
        }

        /**
         * After the JVM exited: publishes what it recorded if its run got through its start ({@code startedFully}),
         * and lets another instance record if not. A JVM stopped earlier (its start failed, or it was stopped while
         * starting) records only the classes loaded by then, and that archive would serve every later start of the
         * same code: such later starts would load most classes from the jars again. Nor is a recording of code since
         * rebuilt published (an instance stopped for the new code, with {@code --reload}): no start will use it, and
         * its version's folder is deleted by the first start after this process ends.
         */
        public void exited(boolean startedFully) {
            if (recording == null) {
                return;
            }
            try {
                boolean current = key.startsWith(newestCode.get(slot) + "-");
                if (startedFully && current && Files.isRegularFile(recording) && Files.size(recording) > 0) {
                    moveAtomically(recording, archive);
                }
            } catch (IOException e) {
                // No archive this time: the next start records again.
            } finally {
                deleteQuietly(recording);
                recordingKeys.remove(key);
            }
        }
    }

    private final Path root;
    private final String javaIdentity;
    private final Clock clock;
    private final Set<String> recordingKeys = ConcurrentHashMap.newKeySet();
    /** The code each function's folder (slot) last started here: a recording of other code is no use. */
    private final Map<String, String> newestCode = new ConcurrentHashMap<>();

    private ClassDataCache(Path root, String javaIdentity, Clock clock) {
        this.root = root;
        this.javaIdentity = javaIdentity;
        this.clock = clock;
    }

    /** The cache for functions run by {@code javaExecutable}; empty when there is no folder or that Java has no CDS. */
    public static Optional<ClassDataCache> create(Path root, Path javaExecutable) {
        return create(root, javaExecutable, Clock.systemUTC());
    }

    static Optional<ClassDataCache> create(Path root, Path javaExecutable, Clock clock) {
        if (root == null) {
            return Optional.empty();
        }
        try {
            Path java = javaExecutable.toRealPath();
            Optional<JavaHome> home = JavaHome.ofExecutable(java);
            // The jars and archives in it are run as code: nobody else may plant them.
            if (home.isEmpty() || home.get().feature() < FIRST_DYNAMIC_ARCHIVE_RELEASE || !PrivateFolder.ensure(root)) {
                return Optional.empty();
            }
            String text = home.get().release();
            return Optional.of(new ClassDataCache(root, java + "\n" + text, clock));
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // a java without a release file: start functions as before
        }
    }

    /**
     * How to start an instance: its class path with folders replaced by jar copies, and the options that use or record
     * the archive. Falls back to the plain class path when the cache folder cannot be written.
     */
    public Launch prepare(String function, List<Path> runtimeJars, List<Path> functionClasspath,
                          List<String> jvmOptions) {
        List<Path> classpath = new ArrayList<>(runtimeJars);
        classpath.addAll(functionClasspath);
        try {
            String slot = function.replaceAll("[^A-Za-z0-9_-]", "_") + "-"
                    + Sha256.hex(javaIdentity + "\n" + classpath).substring(0, 16);
            // Logging options change nothing an archive holds: a run with -Xlog reuses the archive of one without.
            List<String> archiveOptions = jvmOptions.stream().filter(o -> !o.startsWith("-Xlog")).toList();
            String code = Sha256.hex(slot + "\n" + javaIdentity + "\n" + fingerprint(classpath)).substring(0, 16);
            String key = code + "-" + Sha256.hex(archiveOptions.toString()).substring(0, 8);
            Path folder = root.resolve(slot).resolve(key);
            newestCode.put(slot, code);
            Files.createDirectories(folder.getParent());
            ProcessClaims.claim(folder); // before looking: another ws-local cleaning up meanwhile keeps it
            Files.createDirectories(folder);
            deleteOtherVersions(folder, code);
            UnusedFolders.markUsed(folder.getParent(), clock.instant()); // in use: not pruned
            List<Path> jarsOnly = new ArrayList<>();
            int folders = 0;
            for (Path entry : classpath) {
                if (Files.isDirectory(entry)) {
                    jarsOnly.add(jarOf(entry, folder.resolve("classes-" + folders++ + ".jar"), classpath));
                } else {
                    jarsOnly.add(entry);
                }
            }
            Path archive = folder.resolve("function.jsa");
            // Archive warnings (a stale archive, classes it skips) would only clutter the function's log.
            List<String> options = new ArrayList<>(List.of("-Xlog:cds=off", "-Xlog:cds+dynamic=off",
                    "-Xlog:class+path=off"));
            if (Files.isRegularFile(archive)) {
                options.add("-XX:SharedArchiveFile=" + archive);
                return new Launch(jarsOnly, options, null, archive, slot, key);
            }
            if (!recordingKeys.add(key)) {
                return new Launch(jarsOnly, List.of(), null, archive, slot, key); // another instance is recording
            }
            Path recording = folder.resolve("recording-" + UUID.randomUUID() + ".jsa");
            options.add("-XX:ArchiveClassesAtExit=" + recording);
            return new Launch(jarsOnly, options, recording, archive, slot, key);
        } catch (IOException | UncheckedIOException e) {
            return new Launch(classpath, List.of(), null, null, null, null);
        }
    }

    /**
     * Deletes the folders of functions no start has used for {@link UnusedFolders#UNUSED_FOR}: every checkout path and
     * Java a function ran from has one (tests add some for their temporary code), and nothing else would ever remove
     * them.
     */
    public void pruneUnused() {
        UnusedFolders.prune(root, SLOT, clock.instant(), slot -> ProcessClaims.claimed(slot, version -> true));
    }

    /** Path, size and modification time of every class path entry (every file of a folder): what makes code differ. */
    private static String fingerprint(List<Path> classpath) throws IOException {
        StringBuilder text = new StringBuilder();
        for (Path entry : classpath) {
            if (Files.isDirectory(entry)) {
                try (Stream<Path> files = Files.walk(entry)) {
                    for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                        text.append(entry.relativize(file)).append(' ').append(Files.size(file)).append(' ')
                                .append(Files.getLastModifiedTime(file).toMillis()).append('\n');
                    }
                }
            } else {
                text.append(entry).append(' ').append(Files.size(entry)).append(' ')
                        .append(Files.getLastModifiedTime(entry).toMillis()).append('\n');
            }
        }
        return text.toString();
    }

    /**
     * The folder's files in a jar (written once; concurrent writers each write their own and the first placed stays),
     * less the jars of the class path inside it (a Lambda layout's lib/*.jar: on the class path on their own).
     */
    private static Path jarOf(Path dir, Path jar, List<Path> classpath) throws IOException {
        if (Files.isRegularFile(jar)) {
            return jar;
        }
        Path staging = jar.resolveSibling(jar.getFileName() + "." + UUID.randomUUID() + ".tmp");
        try (OutputStream out = Files.newOutputStream(staging); ZipOutputStream zip = new ZipOutputStream(out);
             Stream<Path> walk = Files.walk(dir)) {
            for (Path path : walk.sorted().toList()) {
                if (path.equals(dir) || classpath.contains(path)) {
                    continue;
                }
                String name = dir.relativize(path).toString().replace('\\', '/');
                if (Files.isDirectory(path)) {
                    zip.putNextEntry(new ZipEntry(name + "/"));
                    zip.closeEntry();
                } else {
                    zip.putNextEntry(new ZipEntry(name));
                    Files.copy(path, zip);
                    zip.closeEntry();
                }
            }
        } catch (IOException e) {
            deleteQuietly(staging);
            throw e;
        }
        placeOnce(staging, jar);
        return jar;
    }

    /**
     * Puts {@code staging} at {@code target} in one step unless a file is there already, which stays (another process
     * placed it first, and a JVM of its may already run from it and record an archive of it: CDS refuses an archive
     * whose jar has another modification time). {@code staging} is gone afterwards either way.
     */
    static void placeOnce(Path staging, Path target) throws IOException {
        try {
            Files.createLink(target, staging); // fails if there is one: a rename would replace it
        } catch (FileAlreadyExistsException e) {
            // Placed by another: that one stays.
        } catch (UnsupportedOperationException | IOException e) {
            if (!Files.exists(target)) { // no hard links here: a move, checked just before
                moveAtomically(staging, target);
            }
        } finally {
            deleteQuietly(staging);
        }
    }

    /**
     * One version of the code per function, Java and code location: a rebuild replaces the archives instead of adding
     * some, once no running process claims them (another ws-local still running the older code, or this one after a
     * reload: its instances of the old code may still run from them). Archives of the same code with other JVM options
     * stay (a run with other options does not cost the next run without them its archive).
     */
    private static void deleteOtherVersions(Path folder, String code) {
        Path slot = folder.getParent();
        try (Stream<Path> siblings = Files.list(slot)) {
            for (Path sibling : siblings.filter(p -> VERSION.matcher(p.getFileName().toString()).matches()
                    && !p.getFileName().toString().startsWith(code + "-")).toList()) {
                if (!ProcessClaims.claimed(slot, sibling.getFileName().toString()::equals)) {
                    RuntimeJars.deleteRecursively(sibling);
                }
            }
        } catch (IOException | UncheckedIOException e) {
            // Stale versions only take disk space: the next start tries again.
        }
    }

    private static void moveAtomically(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // Left behind in the cache folder: harmless.
        }
    }
}
