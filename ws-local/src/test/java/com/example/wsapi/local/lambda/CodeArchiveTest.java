package com.example.wsapi.local.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Extracted code archives: reused per version, pruned without pulling code from under a running ws-local. */
class CodeArchiveTest {

    @TempDir
    Path dir;

    @Test
    void extract_ofARebuiltFile_keepsTheOlderVersionWhileAnotherProcessRunsIt_andDeletesItOnceThatEnded()
            throws Exception {
        Path root = dir.resolve("code");
        Path zip = zip(dir.resolve("app.zip"), "first");
        Process other = extractingProcess(zip, root);
        Path older = Path.of(new BufferedReader(new InputStreamReader(other.getInputStream(), StandardCharsets.UTF_8))
                .readLine());
        try {
            zip(zip, "rebuilt");
            Files.setLastModifiedTime(zip, FileTime.fromMillis(Files.getLastModifiedTime(zip).toMillis() + 5_000));

            Path current = CodeArchive.extract(zip, root);

            assertNotEquals(older, current);
            assertEquals("rebuilt", Files.readString(current.resolve("Handler.class")));
            assertEquals("first", Files.readString(older.resolve("Handler.class")),
                    "the other ws-local's instances still start from its version");
        } finally {
            other.getOutputStream().close(); // the other ws-local stops
            assertTrue(other.waitFor(30, TimeUnit.SECONDS));
        }

        Path current = CodeArchive.extract(zip, root);

        assertFalse(Files.exists(older), "nothing runs the older version any more: " + older);
        assertEquals("rebuilt", Files.readString(current.resolve("Handler.class")));
    }

    @Test
    void extract_deletesFoldersOfFilesUnusedForAMonth_unlessARunningProcessClaimsThem_andLeavesOthersAlone()
            throws Exception {
        Instant now = Instant.parse("2026-12-07T09:00:00Z");
        Path root = dir.resolve("code");
        Path stale = folderLastUsed(root.resolve("gone.zip-0123456789ab/00112233aabb"), now.minus(Duration.ofDays(31)));
        Path recent = folderLastUsed(root.resolve("kept.zip-0123456789ab/00112233aabb"), now.minus(Duration.ofDays(29)));
        Path notOurs = folderLastUsed(root.resolve("notes/00112233aabb"), now.minus(Duration.ofDays(400)));
        // Extracted 31 days ago by this process, which still runs: claimed, so kept.
        Path claimed = CodeArchive.extract(zip(dir.resolve("claimed.zip"), "old"), root,
                Clock.fixed(now.minus(Duration.ofDays(31)), ZoneOffset.UTC));
        Files.setLastModifiedTime(claimed.getParent(), FileTime.from(now.minus(Duration.ofDays(31))));
        Path zip = zip(dir.resolve("app.zip"), "code");
        Path current = CodeArchive.extract(zip, root, Clock.fixed(now, ZoneOffset.UTC));
        Path crashed = folderLastUsed(current.resolveSibling("partial-0f0e0d0c-0b0a-0908-0706-050403020100"),
                now.minus(Duration.ofDays(31)));

        assertEquals(current, CodeArchive.extract(zip, root, Clock.fixed(now, ZoneOffset.UTC)));

        assertFalse(Files.exists(stale.getParent()), "unused for 31 days: " + stale);
        assertFalse(Files.exists(crashed), "an extraction a dead process left: " + crashed);
        assertTrue(Files.isDirectory(recent), "used 29 days ago: " + recent);
        assertTrue(Files.isDirectory(notOurs), "not a file's folder: " + notOurs);
        assertTrue(Files.isDirectory(claimed), "claimed by a running process: " + claimed);
        assertEquals("code", Files.readString(current.resolve("Handler.class")));
    }

    /** Another ws-local: a JVM that extracts {@code zip}, prints the folder, and runs until its stdin closes. */
    private static Process extractingProcess(Path zip, Path root) throws Exception {
        String classpath = String.join(File.pathSeparator, List.of(
                codeSource(CodeArchive.class).toString(), codeSource(ExtractingProcess.class).toString()));
        return new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                classpath, ExtractingProcess.class.getName(), zip.toString(), root.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }

    private static Path codeSource(Class<?> type) throws Exception {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    private static Path folderLastUsed(Path folder, Instant when) throws IOException {
        Files.createDirectories(folder);
        Files.writeString(folder.resolve("Handler.class"), "class");
        Files.setLastModifiedTime(folder, FileTime.from(when));
        Files.setLastModifiedTime(folder.getParent(), FileTime.from(when));
        return folder;
    }

    private static Path zip(Path file, String handlerClass) throws IOException {
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(file))) {
            out.putNextEntry(new ZipEntry("Handler.class"));
            out.write(handlerClass.getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
        return file;
    }

    /** The main class of {@link #extractingProcess}. */
    public static final class ExtractingProcess {
        public static void main(String[] args) throws IOException {
            System.out.println(CodeArchive.extract(Path.of(args[0]), Path.of(args[1])));
            System.out.flush();
            while (System.in.read() >= 0) {
                // runs until the test closes stdin
            }
        }
    }
}
