package com.example.wsapi.local.lambda;

import com.example.wsapi.local.log.LogLine;
import com.example.wsapi.local.log.LogSink;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * One function's code while ws-local serves. Each poll summarizes every place its code may come from
 * ({@link FunctionSource#places}); once a change has settled, the code is resolved again and, when what the function
 * runs changed, handed to the runtime (as a new deployment is on Lambda), with a line saying where the new code is.
 * Code that is gone or unusable (a clean, a build under way) is said once, and the instances keep running theirs
 * until it is back.
 */
final class CodeWatcher implements Runnable {

    private final FunctionSource source;
    private final LambdaRuntime runtime;
    private final LogSink log;
    private final boolean warm;
    private final Settling<CodeFingerprint> settling;
    /** The code the function runs, the places watched for it, and their summary when it was taken. */
    private List<Path> running;
    private List<Path> places;
    private CodeFingerprint base;
    private boolean gone;

    /**
     * @param running the classpath the function was registered with
     * @param warm    start an instance of new code at once ({@code --warm-containers EAGER}), else on the next event
     */
    CodeWatcher(FunctionSource source, List<Path> running, LambdaRuntime runtime, LogSink log, boolean warm,
                Duration settle, Clock clock) {
        this.source = source;
        this.runtime = runtime;
        this.log = log;
        this.warm = warm;
        this.running = List.copyOf(running);
        this.places = source.places(this.running);
        this.base = CodeFingerprint.of(places);
        this.settling = new Settling<>(base, settle, clock);
    }

    @Override
    public void run() {
        settling.offer(CodeFingerprint.of(places)).ifPresent(this::settled);
    }

    private void settled(CodeFingerprint now) {
        String name = source.logicalId();
        List<Path> next;
        try {
            next = source.classpath();
            if (CodeFingerprint.summarize(next.get(0)).files() <= 0) {
                // Folders and no file: a build has only begun (or a clean left them).
                throw new IllegalStateException(next.get(0) + " holds no file");
            }
        } catch (RuntimeException e) {
            if (!gone) {
                gone = true;
                say(LogLine.warning(null, name + ": its code in " + source.describe(running) + " is gone (a clean "
                        + "or a build under way?); its instances keep running the code they started with",
                        "build it (`mvn -DskipTests package`, `./gradlew build`, or `sam build`): ws-local runs it "
                                + "once it is back (" + e.getMessage() + ")"));
            }
            return;
        }
        boolean wasGone = gone;
        gone = false;
        Set<Path> changed = now.changedSince(base);
        if (next.equals(running) && changed.stream().noneMatch(place -> feeds(place, next))) {
            base = now; // nothing the function runs changed (sam build's output shadows Maven's, say)
            if (wasGone) {
                say(LogLine.of(LogLine.Kind.ACTIVITY, name + ": its code in " + source.describe(running)
                        + " is back, unchanged"));
            } else {
                source.staleSamBuild(running).ifPresent(this::say);
            }
            return;
        }
        int busy;
        try {
            busy = runtime.replaceCode(name, next);
        } catch (IllegalArgumentException e) {
            gone = true; // a classpath entry vanished since it was resolved: the next settled change tries again
            say(LogLine.warning(null, name + ": its new code in " + source.describe(next) + " cannot be used: "
                    + e.getMessage(), "its instances keep running the code they started with; build it again"));
            return;
        }
        say(LogLine.of(LogLine.Kind.ACTIVITY, name + ": new code in " + source.describe(next)
                + "; the next events run it" + (busy == 0 ? "" : busy == 1 ? " (the event under way finishes on the "
                + "code it started with)" : " (" + busy + " events under way finish on the code they started with)")));
        source.missingDependencies(next, runtime.runtimeJars()).ifPresent(this::say); // as at the start
        running = next;
        places = source.places(next);
        base = places.equals(List.copyOf(now.places().keySet())) ? now : CodeFingerprint.of(places);
        settling.reset(base);
        if (warm) {
            runtime.prewarm(name); // its init failing logs why, as at the start
        }
    }

    /** Whether code from {@code place} is on the classpath: it holds an entry, or is inside one. */
    private static boolean feeds(Path place, List<Path> classpath) {
        return classpath.stream().anyMatch(entry -> entry.startsWith(place) || place.startsWith(entry));
    }

    private void say(LogLine line) {
        log.line(line);
        log.flush();
    }
}
