package com.example.wsapi.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A process and everything it started (ws-local and its function JVMs; serverless-offline and its workers), read from
 * /proc: resident memory and CPU time of the whole tree.
 */
record ProcessTree(long pid) {

    /** The process and its living descendants. */
    List<ProcessHandle> members() {
        List<ProcessHandle> members = new ArrayList<>();
        ProcessHandle.of(pid).ifPresent(root -> {
            members.add(root);
            root.descendants().forEach(members::add);
        });
        return members;
    }

    /** VmRSS of every member, summed, in KB (0 once the process is gone): pages shared between them count in each. */
    long rssKb() {
        long total = 0;
        for (ProcessHandle member : members()) {
            total += statusKb(member.pid(), "/status", "VmRSS:");
        }
        return total;
    }

    /**
     * Proportional set size of every member, summed, in KB: a page shared by n of them (the JVM's code, class-data
     * archives) counts 1/n in each, so this is the memory the tree holds.
     */
    long pssKb() {
        long total = 0;
        for (ProcessHandle member : members()) {
            total += statusKb(member.pid(), "/smaps_rollup", "Pss:");
        }
        return total;
    }

    /**
     * User and system CPU time of the tree in ms: the root's own, its children that have exited (and were reaped),
     * and every living descendant's.
     */
    double cpuMs() {
        double total = 0;
        for (ProcessHandle member : members()) {
            total += member.pid() == pid ? rootCpuMs()
                    : member.info().totalCpuDuration().map(Duration::toNanos).orElse(0L) / 1e6;
        }
        return total;
    }

    /** utime + stime + cutime + cstime from /proc/<pid>/stat (clock ticks of 10 ms, as on every Linux here). */
    private double rootCpuMs() {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // fields[0] is the state (field 3): utime..cstime are fields 14..17.
            long ticks = 0;
            for (int field = 14; field <= 17; field++) {
                ticks += Long.parseLong(fields[field - 3]);
            }
            return ticks * 10.0;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    int size() {
        return members().size();
    }

    /** A "Name:   123 kB" line of a /proc file of the process, in KB. */
    static long statusKb(long pid, String file, String name) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + file))) {
                if (line.startsWith(name)) {
                    return Long.parseLong(line.substring(name.length()).trim().split("\\s+")[0]);
                }
            }
        } catch (IOException | RuntimeException e) {
            // Gone meanwhile (or not Linux): it holds nothing.
        }
        return 0;
    }
}
