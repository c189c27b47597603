package com.example.wsapi.local.lambda;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The folders ws-local keeps between runs under the temp folder (class-data archives, extracted code): every start
 * that uses one marks it used, and one no start has used for {@link #UNUSED_FOR} (a checkout since deleted, a test's
 * temporary code) is deleted, as nothing else would ever remove it.
 */
final class UnusedFolders {

    /** How long a folder may go unused before {@link #prune} deletes it. */
    static final Duration UNUSED_FOR = Duration.ofDays(30);

    private UnusedFolders() {}

    /** Marks {@code folder} used at {@code now}: pruning keeps it for another {@link #UNUSED_FOR}. */
    static void markUsed(Path folder, Instant now) throws IOException {
        Files.setLastModifiedTime(folder, FileTime.from(now));
    }

    /**
     * Deletes the folders in {@code parent} whose names match {@code names} and that were last used more than
     * {@link #UNUSED_FOR} before {@code now}, except those {@code inUse} says a running process still uses.
     */
    static void prune(Path parent, Pattern names, Instant now, Predicate<Path> inUse) {
        FileTime cutoff = FileTime.from(now.minus(UNUSED_FOR));
        try (Stream<Path> folders = Files.list(parent)) {
            for (Path folder : folders.filter(p -> names.matcher(p.getFileName().toString()).matches()).toList()) {
                if (Files.isDirectory(folder) && Files.getLastModifiedTime(folder).compareTo(cutoff) < 0
                        && !inUse.test(folder)) {
                    RuntimeJars.deleteRecursively(folder);
                }
            }
        } catch (IOException | UncheckedIOException e) {
            // Left for the next start: unused folders only take disk space.
        }
    }
}
