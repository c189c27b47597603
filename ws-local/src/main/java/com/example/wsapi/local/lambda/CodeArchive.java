package com.example.wsapi.local.lambda;

import com.example.wsapi.local.PrivateFolder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Enumeration;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * A function's code given as a {@code .zip} or {@code .jar} file ({@code CodeUri: target/app.jar}), extracted as
 * Lambda extracts it to {@code /var/task}: classes at the root, jars in {@code lib/}. Each file gets a folder of its
 * own under a private root, kept while the file is unchanged, so later starts reuse it (and the class-data archives
 * recorded from it); a rebuilt file replaces it.
 */
final class CodeArchive {

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
            if (Files.isDirectory(extracted)) {
                return extracted;
            }
            Files.createDirectories(slot);
            Path partial = slot.resolve("partial-" + UUID.randomUUID());
            unzip(file, partial);
            try {
                Files.move(partial, extracted, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException | DirectoryNotEmptyException e) {
                deleteTree(partial); // another ws-local extracted the same version meanwhile
            }
            try (Stream<Path> versions = Files.list(slot)) {
                versions.filter(version -> !version.equals(extracted) && !version.getFileName().toString()
                        .startsWith("partial-")).forEach(CodeArchive::deleteTree);
            }
            return extracted;
        } catch (IOException e) {
            throw new IllegalStateException("Cannot extract " + file + " (the function's CodeUri): " + e, e);
        }
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
