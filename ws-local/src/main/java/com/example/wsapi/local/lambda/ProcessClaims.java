package com.example.wsapi.local.lambda;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Which folders of ws-local's caches a running process still uses, so that another ws-local cleaning up never deletes
 * them: a process claims a folder with a file beside it ({@code <folder>.used-by-<pid>}, holding the process's start
 * time), and the claim lasts as long as that process runs. Claims are never removed by their owner (it may be killed):
 * whoever reads them deletes those of processes that have ended.
 */
final class ProcessClaims {

    /** What a claim's file name holds between the folder's name and the process id. */
    static final String USED_BY = ".used-by-";

    private ProcessClaims() {}

    /** Marks {@code folder} (it need not exist yet) as used by this process until it ends. */
    static void claim(Path folder) throws IOException {
        ProcessHandle self = ProcessHandle.current();
        Files.writeString(folder.resolveSibling(folder.getFileName() + USED_BY + self.pid()), startOf(self));
    }

    /**
     * Whether a running process claims a folder in {@code parent} whose name {@code folders} accepts; deletes the
     * claims of processes that have ended (a process id in use again by a process started later is no claim). When it
     * cannot tell, it says claimed: a folder kept only takes disk space.
     */
    static boolean claimed(Path parent, Predicate<String> folders) {
        boolean claimed = false;
        try (Stream<Path> entries = Files.list(parent)) {
            for (Path claim : entries.filter(p -> p.getFileName().toString().contains(USED_BY)).toList()) {
                String name = claim.getFileName().toString();
                int at = name.indexOf(USED_BY);
                Optional<ProcessHandle> process = pid(name.substring(at + USED_BY.length())).flatMap(ProcessHandle::of);
                String started = Files.readString(claim);
                if (process.isPresent() && (started.isEmpty() || started.equals(startOf(process.get())))) {
                    claimed |= folders.test(name.substring(0, at));
                } else {
                    Files.deleteIfExists(claim);
                }
            }
        } catch (IOException | UncheckedIOException e) {
            return true;
        }
        return claimed;
    }

    private static Optional<Long> pid(String text) {
        try {
            return Optional.of(Long.parseLong(text));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static String startOf(ProcessHandle process) {
        return process.info().startInstant().map(Instant::toString).orElse("");
    }
}
