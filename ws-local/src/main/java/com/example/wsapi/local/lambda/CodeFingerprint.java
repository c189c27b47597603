package com.example.wsapi.local.lambda;

import java.io.IOException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A cheap summary of the places code may come from, to notice a rebuild by polling: per place, how many files it
 * holds, the newest modification time of its files and folders (a folder's changes when an entry is added, removed or
 * renamed), their total size and the sum of their modification times (a file rewritten with an older time, as a copy
 * keeping times does, changes no newest time). Reads only file attributes, never content: a poll of a function's
 * places costs about a millisecond.
 *
 * @param places each place's summary, in the order given
 */
public record CodeFingerprint(Map<Path, Place> places) {

    /**
     * One place: a folder (everything under it, links followed) or a file.
     *
     * @param files        regular files in it (1 for a file); {@link #ABSENT} and {@link #UNREADABLE} are negative
     * @param newestMillis the newest modification time of its files and folders
     * @param bytes        the files' total size
     * @param millisSum    the sum of the files' modification times
     */
    public record Place(int files, long newestMillis, long bytes, long millisSum) {
        public static final Place ABSENT = new Place(-1, 0, 0, 0);
        public static final Place UNREADABLE = new Place(-2, 0, 0, 0);
    }

    public CodeFingerprint {
        places = Collections.unmodifiableMap(new LinkedHashMap<>(places));
    }

    /** The summary of each place, now. */
    public static CodeFingerprint of(Collection<Path> places) {
        Map<Path, Place> summaries = new LinkedHashMap<>();
        for (Path place : places) {
            summaries.put(place, summarize(place));
        }
        return new CodeFingerprint(summaries);
    }

    /** The places whose summary differs from {@code before}'s (a place only one of them has counts as changed). */
    public Set<Path> changedSince(CodeFingerprint before) {
        Set<Path> changed = new TreeSet<>();
        places.forEach((place, summary) -> {
            if (!summary.equals(before.places.get(place))) {
                changed.add(place);
            }
        });
        before.places.keySet().stream().filter(place -> !places.containsKey(place)).forEach(changed::add);
        return changed;
    }

    static Place summarize(Path place) {
        BasicFileAttributes top;
        try {
            top = Files.readAttributes(place, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            return Place.ABSENT;
        } catch (IOException e) {
            return Place.UNREADABLE;
        }
        if (!top.isDirectory()) {
            long millis = top.lastModifiedTime().toMillis();
            return new Place(1, millis, top.size(), millis);
        }
        long[] sums = new long[4]; // files, newest, bytes, sum of times
        try {
            Files.walkFileTree(place, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE,
                    new SimpleFileVisitor<>() {
                        @Override
                        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
                            sums[1] = Math.max(sums[1], attributes.lastModifiedTime().toMillis());
                            return FileVisitResult.CONTINUE;
                        }

                        @Override
                        public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                            if (attributes.isRegularFile()) {
                                long millis = attributes.lastModifiedTime().toMillis();
                                sums[0]++;
                                sums[1] = Math.max(sums[1], millis);
                                sums[2] += attributes.size();
                                sums[3] += millis;
                            }
                            return FileVisitResult.CONTINUE;
                        }

                        @Override
                        public FileVisitResult visitFileFailed(Path file, IOException e) {
                            // Deleted while walked (a build under way), a dangling link or a loop of links: the
                            // summary differs from the next one anyway, or stays as it is.
                            return FileVisitResult.CONTINUE;
                        }
                    });
        } catch (IOException e) {
            return Place.UNREADABLE;
        }
        return new Place((int) Math.min(Integer.MAX_VALUE, sums[0]), sums[1], sums[2], sums[3]);
    }
}
