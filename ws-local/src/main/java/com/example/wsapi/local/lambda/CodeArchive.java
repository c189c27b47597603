package com.example.wsapi.local.lambda;

import com.example.wsapi.local.PrivateFolder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.util.Enumeration;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * A function's code given as a {@code .zip} or {@code .jar} file ({@code CodeUri: target/app.jar}), extracted as
 * Lambda extracts it to {@code /var/task}: classes at the root, jars in {@code lib/}. Each file gets a folder of its
 * own under a private root ({@code <file name>-<hash of its path>}), holding one folder per version of the file (its
 * size and modification time), so later starts reuse it (and the class-data archives recorded from it).
 *
 * <p>Every ws-local that runs a version claims it ({@link ProcessClaims}: {@code <version>.used-by-<pid>}) for as long
 * as it runs: its function instances start from that folder at any time. A rebuilt file's older versions are deleted
 * once no running process claims them; a file's whole folder once no start used it for {@link UnusedFolders#UNUSED_FOR}
 * (a deleted checkout, a test's temporary code) and nothing running claims it.
 */
final class CodeArchive {

    /** How a file's folder is named: nothing else under the root is pruned. */
    private static final Pattern SLOT = Pattern.compile("[A-Za-z0-9._-]+-[0-9a-f]{12}");
    private static final Pattern VERSION = Pattern.compile("[0-9a-f]{12}");
    /** An extraction under way, or left by a process that died during one. */
    private static final Pattern PARTIAL = Pattern.compile("partial-[0-9a-f-]+");

    /** {@code ${java.io.tmpdir}/ws-local-code}. */
    static Path defaultRoot() {
        return Path.of(System.getProperty("java.io.tmpdir"), "ws-local-code");
    }

    private CodeArchive() {}

    /** Whether {@code file} is a {@code .zip} or {@code .jar}, by its name (as SAM decides). */
    static boolean isArchive(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".zip") || name.endsWith(".jar");
    }

    /**
     * The folder holding the archive's content, extracted under {@code root} unless this version of the file already
     * was.
     *
     * @throws IllegalStateException when the file is not a readable zip, an entry would land outside the folder, or
     *                               {@code root} is not this user's alone
     */
    static Path extract(Path archive, Path root) {
        return extract(archive, root, Clock.systemUTC());
    }

    static Path extract(Path archive, Path root, Clock clock) {
        Path file = archive.toAbsolutePath().normalize();
        try {
            // The code in it is run: nobody else may plant or change it.
            if (!PrivateFolder.ensure(root)) {
                throw new IllegalStateException(root + " is not this user's alone (another user owns it or may write "
                        + "to it): ws-local extracts " + file + " there, so remove that folder");
            }
            Path slot = root.resolve(file.getFileName().toString().replaceAll("[^A-Za-z0-9._-]", "_") + "-"
                    + Sha256.hex(file.toString()).substring(0, 12));
            Path extracted = slot.resolve(Sha256.hex(Files.size(file) + ":" + Files.getLastModifiedTime(file).toMillis())
                    .substring(0, 12));
            Instant now = clock.instant();
            Files.createDirectories(slot);
            UnusedFolders.markUsed(slot, now);
            ProcessClaims.claim(extracted); // before looking: another ws-local pruning meanwhile keeps it
            if (!Files.isDirectory(extracted)) {
                Path partial = slot.resolve("partial-" + UUID.randomUUID());
                unzip(file, partial);
                try {
                    Files.move(partial, extracted, StandardCopyOption.ATOMIC_MOVE);
                } catch (FileAlreadyExistsException | DirectoryNotEmptyException e) {
                    deleteTree(partial); // another ws-local extracted the same version meanwhile
                }
            }
            UnusedFolders.markUsed(extracted, now);
            pruneOlderVersions(slot, extracted, now);
            UnusedFolders.prune(root, SLOT, now, other -> ProcessClaims.claimed(other, name -> true));
            return extracted;
        } catch (IOException e) {
            throw new IllegalStateException("Cannot extract " + file + " (the function's code): " + e, e);
        }
    }

    /**
     * Deletes the versions of the file other than {@code current} that no running process claims (each run extracts
     * the version the file has at its start, so nothing else will ever want them), and extractions a dead process
     * left half done.
     */
    private static void pruneOlderVersions(Path slot, Path current, Instant now) throws IOException {
        try (Stream<Path> entries = Files.list(slot)) {
            for (Path version : entries.filter(p -> !p.equals(current)
                    && VERSION.matcher(p.getFileName().toString()).matches()).toList()) {
                String name = version.getFileName().toString();
                if (!ProcessClaims.claimed(slot, name::equals)) {
                    deleteTree(version);
                }
            }
        }
        UnusedFolders.prune(slot, PARTIAL, now, partial -> false);
    }

    private static void unzip(Path file, Path into) throws IOException {
        Files.createDirectories(into);
        try (ZipFile zip = new ZipFile(file.toFile())) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                Path target = into.resolve(entry.getName()).normalize();
                if (!target.startsWith(into)) {
                    throw new IOException("its entry " + entry.getName() + " points outside the folder it is "
                            + "extracted to");
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                    continue;
                }
                Files.createDirectories(target.getParent());
                try (InputStream in = zip.getInputStream(entry)) {
                    Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            deleteTree(into);
            throw e;
        }
    }

    private static void deleteTree(Path folder) {
        try {
            RuntimeJars.deleteRecursively(folder);
        } catch (IOException | RuntimeException e) {
            // Left in the temp folder: a failed deletion must not stop the function from starting.
        }
    }
}
