package com.example.wsapi.local.lambda;

import io.netty.channel.EventLoopGroup;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * What the function pools share.
 *
 * @param eventLoops    the Runtime API endpoints and the timers (both non-blocking)
 * @param workers       everything that may block: launching processes, killing them, completing invocations
 * @param scratchDir    the function processes' HOME folders
 * @param nativeLibrary the RIC's JNI library for this machine, when it ships one
 * @param classData     the function JVMs' class-data archives, when there is a cache and their Java supports them
 * @param java          the functions' Java installation, when its release file says which (read once, not per JVM)
 * @param cores         the machine's processors, which {@link Scaling#AUTO} weighs
 */
record RuntimeServices(RuntimeOptions options, EventLoopGroup eventLoops, ExecutorService workers, LogWriter logs,
                       Path scratchDir, Optional<Path> nativeLibrary, Optional<ClassDataCache> classData, Optional<JavaHome> java,
                       int cores) {

    /** Runs a task on a worker; after close there are none, and the task is dropped (close fails what is pending). */
    void execute(Runnable task) {
        try {
            workers.execute(task);
        } catch (RejectedExecutionException e) {
            // Closed: nothing left to do.
        }
    }

    /** Runs a task on a worker after a delay; null once closed. */
    ScheduledFuture<?> schedule(Runnable task, Duration delay) {
        try {
            return eventLoops.schedule(() -> execute(task), delay.toNanos(), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            return null;
        }
    }
}
