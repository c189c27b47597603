package com.example.wsapi.local.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CodeFingerprintTest {

    @TempDir
    Path dir;

    private static final FileTime BUILT = FileTime.from(Instant.parse("2026-01-01T10:00:00Z"));

    private Path file(String name, String text) throws Exception {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        Files.setLastModifiedTime(file, BUILT);
        return file;
    }

    @Test
    void of_summarizesAFolder_byItsFileCount_newestTime_andTotalSize() throws Exception {
        file("classes/a/A.class", "12345");
        file("classes/B.class", "123");
        Files.setLastModifiedTime(dir.resolve("classes/a"), BUILT);
        Files.setLastModifiedTime(dir.resolve("classes"), BUILT);

        CodeFingerprint.Place place = CodeFingerprint.of(List.of(dir.resolve("classes"))).places()
                .get(dir.resolve("classes"));

        assertEquals(new CodeFingerprint.Place(2, BUILT.toMillis(), 8, 2 * BUILT.toMillis()), place);
    }

    @Test
    void of_summarizesAFile_andAPlaceThatIsNotThere() throws Exception {
        Path jar = file("app.jar", "zip bytes");
        CodeFingerprint fingerprint = CodeFingerprint.of(List.of(jar, dir.resolve("target/lambda")));
        assertEquals(new CodeFingerprint.Place(1, BUILT.toMillis(), 9, BUILT.toMillis()), fingerprint.places().get(jar));
        assertEquals(CodeFingerprint.Place.ABSENT, fingerprint.places().get(dir.resolve("target/lambda")));
    }

    @Test
    void changedSince_namesThePlacesARebuildTouched() throws Exception {
        Path classes = dir.resolve("classes");
        Path lib = dir.resolve("lib");
        file("classes/A.class", "old");
        file("lib/x.jar", "jar");
        CodeFingerprint before = CodeFingerprint.of(List.of(classes, lib));

        Files.writeString(classes.resolve("A.class"), "new code"); // a rebuild: new content, a new time

        CodeFingerprint after = CodeFingerprint.of(List.of(classes, lib));
        assertEquals(Set.of(classes), after.changedSince(before));
        assertEquals(Set.of(), CodeFingerprint.of(List.of(classes, lib)).changedSince(after), "no change, no place");
    }

    @Test
    void of_seesAFileReplacedByOneOfTheSameSizeAndTime_throughItsFolder() throws Exception {
        Path classes = dir.resolve("classes");
        file("classes/A.class", "same");
        Files.setLastModifiedTime(classes, BUILT);
        CodeFingerprint before = CodeFingerprint.of(List.of(classes));

        Files.delete(classes.resolve("A.class"));
        file("classes/B.class", "same"); // the folder's own time moves: an entry left, another came

        assertNotEquals(before, CodeFingerprint.of(List.of(classes)));
    }

    @Test
    void of_seesAFileRewrittenWithAnOlderTime_thoughTheNewestTimeStays() throws Exception {
        Path lib = dir.resolve("lib");
        file("lib/a.jar", "aaaa");
        Path newest = file("lib/b.jar", "bbbb");
        Files.setLastModifiedTime(newest, FileTime.from(BUILT.toInstant().plusSeconds(60)));
        CodeFingerprint before = CodeFingerprint.of(List.of(lib));

        Files.setLastModifiedTime(dir.resolve("lib/a.jar"), FileTime.from(BUILT.toInstant().minusSeconds(60)));

        assertEquals(Set.of(lib), CodeFingerprint.of(List.of(lib)).changedSince(before), "a copy keeping its times");
    }

    @Test
    void of_aFolderEmptiedByAClean_differsFromItsBuild_andFromNoFolder() throws Exception {
        Path classes = dir.resolve("classes");
        file("classes/A.class", "code");
        CodeFingerprint built = CodeFingerprint.of(List.of(classes));
        Files.delete(classes.resolve("A.class"));
        CodeFingerprint emptied = CodeFingerprint.of(List.of(classes));
        Files.delete(classes);

        assertNotEquals(built, emptied);
        assertEquals(0, emptied.places().get(classes).files());
        assertEquals(CodeFingerprint.Place.ABSENT, CodeFingerprint.of(List.of(classes)).places().get(classes));
    }
}
