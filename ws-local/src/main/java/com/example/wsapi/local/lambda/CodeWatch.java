package com.example.wsapi.local.lambda;

import com.example.wsapi.local.log.LogLine;
import com.example.wsapi.local.log.LogSink;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * While ws-local serves, looks at every routed function's code and at the template about once a second (polling: a
 * WatchService watches no folder tree, and misses changes on network and WSL folders), on a thread of its own. A
 * function's rebuilt code runs from its next events ({@link CodeWatcher}); a changed template is only said
 * ({@link TemplateWatcher}).
 */
public final class CodeWatch implements AutoCloseable {

    /** How often the places are looked at. */
    public static final Duration INTERVAL = Duration.ofSeconds(1);
    /** How long a change must have held before it is acted on: a build writes its files over seconds. */
    public static final Duration SETTLE = Duration.ofSeconds(1);

    private final ScheduledExecutorService poller;
    private final List<Watcher> watchers;
    private final LogSink log;

    /** What is watched, for a person, and its poll. */
    private record Watcher(String what, Runnable poll) {}

    private CodeWatch(List<Watcher> watchers, LogSink log) {
        this.watchers = new CopyOnWriteArrayList<>(watchers);
        this.log = log;
        this.poller = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "ws-local-code-watch");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Starts watching the functions' code (each as registered with the runtime now) and the template.
     *
     * @param warm start an instance of new code at once ({@code --warm-containers EAGER}), else on its next event
     */
    public static CodeWatch start(LambdaRuntime runtime, List<FunctionSource> functions, Path template, LogSink log,
                                  boolean warm, Clock clock) {
        List<Watcher> watchers = new ArrayList<>();
        for (FunctionSource function : functions) {
            watchers.add(new Watcher(function.logicalId() + "'s code", new CodeWatcher(function,
                    runtime.settings(function.logicalId()).classpath(), runtime, log, warm, SETTLE, clock)));
        }
        watchers.add(new Watcher(template.getFileName().toString(), new TemplateWatcher(template, log, SETTLE, clock)));
        CodeWatch watch = new CodeWatch(watchers, log);
        watch.poller.scheduleWithFixedDelay(watch::pollAll, INTERVAL.toMillis(), INTERVAL.toMillis(),
                TimeUnit.MILLISECONDS);
        return watch;
    }

    private void pollAll() {
        for (Watcher watcher : watchers) {
            try {
                watcher.poll().run();
            } catch (RuntimeException e) {
                // A bug rather than a build: stop watching this one, and say so rather than go quiet.
                watchers.remove(watcher);
                log.line(LogLine.warning(null, "watching " + watcher.what() + " stopped: " + e,
                        "restart ws-local to run what is rebuilt from now on"));
                log.flush();
            }
        }
    }

    @Override
    public void close() {
        poller.shutdownNow();
        try {
            poller.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
