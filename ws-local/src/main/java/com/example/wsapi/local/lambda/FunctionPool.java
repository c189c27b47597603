package com.example.wsapi.local.lambda;

import com.example.wsapi.local.lambda.FunctionFailure.Kind;
import com.example.wsapi.local.lambda.FunctionInstance.State;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * The instances of one function and the invocations waiting for them (FIFO). An invocation goes to an instance whose
 * runtime is polling {@code /next}; new processes start as the function's {@link Scaling} says, up to maxConcurrency
 * (or its ReservedConcurrentExecutions, when lower). As on Lambda, an event that finds the reservation taken by events
 * running or waiting is throttled at once ({@link FunctionThrottled}), never queued. State is guarded by {@code this};
 * Runtime API callbacks run on the event loop and never block, anything slow runs on a worker.
 */
final class FunctionPool {

    static final String ACCOUNT_ID = "123456789012";
    /** How often waiting events are looked at again under {@link Scaling#AUTO} (durations grow while they wait). */
    private static final Duration SCALING_RECHECK = Duration.ofMillis(50);

    /** Replaced with its code ({@link #replaceCode}); read without the lock only for what a new code keeps. */
    private volatile FunctionSettings function;
    private final RuntimeServices services;
    private InstanceLauncher launcher;
    private final PlatformLog log;
    private final String functionArn;
    private final Deque<Invocation> queue = new ArrayDeque<>();
    private final List<FunctionInstance> instances = new ArrayList<>();
    /** Instances of a replaced code finishing the event they run: out of dispatching, stopped once it is answered. */
    private final List<FunctionInstance> draining = new ArrayList<>();
    private int launched;
    private boolean closed;
    /** Recent init durations (a mean; -1 until there is one): what {@link ScaleOut} weighs a new instance by. */
    private long meanInitNanos = -1;
    /** Recent event durations (a mean; -1 until one ended): how soon the busy instances work through a queue. */
    private long meanEventNanos = -1;
    private ScheduledFuture<?> scalingRecheck;
    /** Since when events have been waiting for an instance without a break; 0 while none waits. */
    private long backlogSinceNanos;

    FunctionPool(FunctionSettings function, RuntimeServices services) {
        this.function = function;
        this.services = services;
        this.launcher = new InstanceLauncher(function, services);
        this.log = new PlatformLog(function.name(), function.memoryMb(), services.logs());
        this.functionArn = "arn:aws:lambda:" + services.options().region() + ":" + ACCOUNT_ID + ":function:"
                + function.functionName();
    }

    CompletableFuture<String> submit(String eventJson) {
        Invocation invocation = new Invocation(eventJson);
        synchronized (this) {
            if (closed) {
                return CompletableFuture.failedFuture(
                        new IllegalStateException("The local Lambda runtime is closed"));
            }
            OptionalInt reserved = function.reservedConcurrency();
            if (reserved.isPresent() && eventsUnderWay() >= reserved.getAsInt()) {
                // Lambda does not queue a synchronous invoke beyond the reservation: it answers 429 at once.
                return CompletableFuture.failedFuture(new FunctionThrottled(function.name(), reserved.getAsInt()));
            }
            queue.addLast(invocation);
            dispatch();
        }
        return invocation.result;
    }

    /**
     * Starts an instance ahead of any event (when the function has none), as SAM's eager warm containers and
     * provisioned concurrency do; completes with whether it became ready (false: its init failed, and was logged).
     */
    CompletableFuture<Boolean> prewarm() {
        synchronized (this) {
            if (closed || function.instanceLimit() == 0) {
                return CompletableFuture.completedFuture(false); // ReservedConcurrentExecutions 0: Lambda never runs it
            }
            if (!instances.isEmpty()) {
                return instances.get(0).ready;
            }
            FunctionInstance instance = launch();
            instance.prewarmed = true;
            return instance.ready;
        }
    }

    /** How many processes this function has now (starting, idle or busy, of its current code or a replaced one). */
    synchronized int instanceCount() {
        return instances.size() + draining.size();
    }

    synchronized FunctionSettings settings() {
        return function;
    }

    /**
     * The events that take up the function's concurrency now: those waiting for an instance (a cold start's too) and
     * those running, on its code or a replaced one, until they are answered (the caller has its response then).
     */
    private int eventsUnderWay() {
        queue.removeIf(invocation -> invocation.result.isDone()); // cancelled while waiting: no longer under way
        int running = 0;
        for (List<FunctionInstance> group : List.of(instances, draining)) {
            for (FunctionInstance instance : group) {
                if (instance.state == State.BUSY && instance.current != null && !instance.current.answered) {
                    running++;
                }
            }
        }
        return queue.size() + running;
    }

    /**
     * The function's code was rebuilt: instances start from {@code next} from now on. Idle and starting instances stop
     * now; a busy one finishes its event (its response still goes out) and then stops; no event goes to them any
     * more. Returns how many events are still running on the replaced code (not answered yet).
     */
    int replaceCode(FunctionSettings next) {
        synchronized (this) {
            if (closed) {
                return 0;
            }
            function = next;
            launcher = new InstanceLauncher(next, services);
            for (FunctionInstance instance : List.copyOf(instances)) {
                if (instance.state == State.BUSY) {
                    instances.remove(instance);
                    draining.add(instance);
                } else {
                    retire(instance);
                }
            }
            dispatch();
            // Answered but yet to ask for the next event: not under way any more.
            return (int) draining.stream().filter(instance -> !instance.current.answered).count();
        }
    }

    // ---- Runtime API callbacks (event loop) ----

    void next(FunctionInstance instance, PendingPoll poll) {
        Invocation finished;
        long durationNanos;
        long restoreNanos = -1;
        synchronized (this) {
            if (instance.state == State.GONE) {
                poll.close();
                return;
            }
            if (instance.state == State.STARTING) {
                long now = System.nanoTime();
                instance.initNanos = now - instance.startNanos;
                meanInitNanos = ScaleOut.mean(meanInitNanos, instance.initNanos);
                if (instance.restoreStartNanos != 0) {
                    restoreNanos = now - instance.restoreStartNanos;
                }
                cancelTimer(instance);
                instance.state = State.READY;
            }
            if (instance.state == State.READY) {
                if (restoreNanos >= 0) {
                    drain(instance);
                    log.restoreReport(restoreNanos);
                }
                if (instance.poll != null) {
                    instance.poll.close(); // a second /next replaces the first
                }
                instance.poll = poll;
                instance.ready.complete(true);
                dispatch();
                return;
            }
            // BUSY: asking for the next event ends the current invocation (Lambda's invoke phase).
            finished = instance.current;
            instance.current = null;
            instance.state = State.READY;
            cancelTimer(instance);
            durationNanos = System.nanoTime() - finished.deliveredNanos;
            meanEventNanos = ScaleOut.mean(meanEventNanos, durationNanos);
        }
        if (!finished.answered) {
            services.execute(() -> finished.result.completeExceptionally(ErrorDocument.of("Runtime.NoResponse",
                    requestIdPrefix(finished) + "Error: the runtime asked for the next event without answering "
                            + "this one").toFailure(function.name(), Kind.CRASH)));
        }
        // END and REPORT now, before the next START: reading the process's output and /proc does not block.
        drain(instance);
        log.report(finished, durationNanos, log.showsInvocationLines() ? PlatformLog.maxMemoryUsedMb(instance.pid())
                : OptionalLong.empty(), List.of(), "");
        synchronized (this) {
            if (draining.contains(instance)) {
                instance.poll = poll;
                retire(instance); // its code was replaced: its event is answered, and it gets no other
            } else if (instance.state == State.READY && instance.poll == null) {
                instance.poll = poll;
                dispatch();
            } else {
                poll.close();
            }
        }
    }

    /**
     * SnapStart: the runtime has run its init and the checkpoint hooks and asks to be restored. There is no snapshot
     * here: the process goes on, as if restored at once, and runs its restore hooks before asking for an event.
     */
    ApiReply restoreNext(FunctionInstance instance) {
        synchronized (this) {
            if (!function.snapStart()) {
                return ApiReply.error(HttpResponseStatus.FORBIDDEN, "InvalidStateTransition",
                        "restore/next is only for functions with SnapStart");
            }
            if (instance.state != State.STARTING || instance.restoreStartNanos != 0) {
                return ApiReply.error(HttpResponseStatus.FORBIDDEN, "InvalidStateTransition",
                        "restore/next is only accepted once, before the first /next");
            }
            instance.restoreStartNanos = System.nanoTime();
            drain(instance); // what the init and the checkpoint hooks printed, before RESTORE_START
            log.restoreStart(instance.pid());
            return ApiReply.ok();
        }
    }

    /** SnapStart: a restore hook failed; the runtime exits after this (as after an init error). */
    ApiReply restoreError(FunctionInstance instance, String errorTypeHeader, byte[] body) {
        synchronized (this) {
            if (instance.state != State.STARTING || instance.restoreStartNanos == 0) {
                return ApiReply.error(HttpResponseStatus.FORBIDDEN, "InvalidStateTransition",
                        "restore/error is only accepted after restore/next, before the first /next");
            }
            instance.initError = ErrorDocument.parse(body, errorTypeHeader);
            return ApiReply.accepted();
        }
    }

    ApiReply response(FunctionInstance instance, String requestId, byte[] body) {
        Invocation invocation;
        synchronized (this) {
            invocation = answer(instance, requestId);
            if (invocation == null) {
                return ApiReply.invalidRequestId(requestId);
            }
        }
        String payload = new String(body, StandardCharsets.UTF_8);
        services.execute(() -> invocation.result.complete(payload));
        return ApiReply.accepted();
    }

    ApiReply error(FunctionInstance instance, String requestId, String errorTypeHeader, byte[] body) {
        Invocation invocation;
        synchronized (this) {
            invocation = answer(instance, requestId);
            if (invocation == null) {
                return ApiReply.invalidRequestId(requestId);
            }
        }
        FunctionFailure failure = ErrorDocument.parse(body, errorTypeHeader).toFailure(function.name(),
                Kind.HANDLED_ERROR);
        services.execute(() -> invocation.result.completeExceptionally(failure));
        return ApiReply.accepted();
    }

    ApiReply initError(FunctionInstance instance, String errorTypeHeader, byte[] body) {
        synchronized (this) {
            if (instance.state != State.STARTING) {
                return ApiReply.error(HttpResponseStatus.FORBIDDEN,
                        "InvalidStateTransition", "init/error is only accepted before the first /next");
            }
            instance.initError = ErrorDocument.parse(body, errorTypeHeader);
            return ApiReply.accepted();
        }
    }

    /** The runtime got its 202 for /init/error or /restore/error: the instance is done for (the RIC exits too). */
    void initErrorAcknowledged(FunctionInstance instance) {
        services.execute(() -> failInit(instance, head -> instance.initError, "error"));
    }

    void connectionClosed(FunctionInstance instance, ChannelHandlerContext ctx) {
        synchronized (this) {
            if (instance.poll != null && instance.poll.ctx() == ctx) {
                instance.poll = null;
            }
        }
    }

    // ---- dispatching (callers hold the lock) ----

    private void dispatch() {
        if (closed) {
            return;
        }
        queue.removeIf(invocation -> invocation.result.isDone()); // cancelled by the caller while waiting
        for (FunctionInstance instance : instances) {
            if (queue.isEmpty()) {
                break;
            }
            if (instance.state == State.READY && instance.poll != null) {
                deliver(instance, queue.pollFirst());
            }
        }
        if (queue.isEmpty()) {
            backlogSinceNanos = 0;
            return;
        }
        int soonReady = 0;
        long longestBusyNanos = 0;
        long now = System.nanoTime();
        for (FunctionInstance instance : instances) {
            if (instance.state == State.STARTING || (instance.state == State.READY && instance.poll == null)) {
                soonReady++;
            } else if (instance.state == State.BUSY) {
                longestBusyNanos = Math.max(longestBusyNanos, now - instance.current.deliveredNanos);
            }
        }
        if (backlogSinceNanos == 0) {
            backlogSinceNanos = now;
        }
        ScaleOut.Demand demand = new ScaleOut.Demand(queue.size(), soonReady, instances.size(),
                function.instanceLimit(), longestBusyNanos,
                meanInitNanos < 0 ? ScaleOut.DEFAULT_INIT_NANOS : meanInitNanos, now - backlogSinceNanos,
                meanEventNanos);
        for (int i = ScaleOut.launches(function.scaling(), services.cores(), demand); i > 0; i--) {
            launch();
        }
        if (function.scaling() == Scaling.AUTO && instances.size() < function.instanceLimit()
                && queue.size() > soonReady && scalingRecheck == null) {
            // Events wait on busy instances: look again soon, as their wait grows.
            scalingRecheck = services.schedule(() -> {
                synchronized (this) {
                    scalingRecheck = null;
                    dispatch();
                }
            }, SCALING_RECHECK);
        }
    }

    private void deliver(FunctionInstance instance, Invocation invocation) {
        PendingPoll poll = instance.poll;
        instance.poll = null;
        instance.state = State.BUSY;
        instance.current = invocation;
        invocation.deliveredNanos = System.nanoTime();
        // Init Duration belongs to the first event of an instance started for events, not ahead of them.
        invocation.initNanos = instance.invocations++ == 0 && !instance.prewarmed ? instance.initNanos : -1;
        drain(instance); // init output before START
        log.start(invocation);
        instance.timer = services.schedule(() -> timedOut(instance, invocation), function.timeout());
        long deadline = System.currentTimeMillis() + function.timeout().toMillis();
        poll.deliver(invocation, deadline, functionArn, PlatformLog.traceId()).addListener(sent -> {
            if (!sent.isSuccess()) {
                services.execute(() -> deliveryFailed(instance, invocation));
            }
        });
    }

    /** The invocation a response or error may be posted for: the one this instance handles, not answered yet. */
    private static Invocation answer(FunctionInstance instance, String requestId) {
        Invocation invocation = instance.current;
        if (instance.state != State.BUSY || invocation == null || invocation.answered
                || !invocation.requestId.equals(requestId)) {
            return null;
        }
        invocation.answered = true;
        return invocation;
    }

    private Invocation takeHead() {
        Invocation invocation;
        while ((invocation = queue.pollFirst()) != null) {
            if (!invocation.result.isDone()) {
                return invocation;
            }
        }
        return null;
    }

    /** Takes an instance out of the pool and kills its process; the caller dispatches afterwards. */
    private void retire(FunctionInstance instance) {
        instance.state = State.GONE;
        instances.remove(instance);
        draining.remove(instance);
        cancelTimer(instance);
        instance.ready.complete(false);
        if (closed && instance.classData != null && instance.classData.records()) {
            // Its Runtime API stays open until the JVM has exited: a runtime that lost its connection exits at once,
            // and that exit would race the SIGTERM that writes the archive (see close()).
            return;
        }
        if (closed && instance.process != null) {
            // Kill before cutting its Runtime API: a live runtime client would log the lost poll as an error.
            InstanceLauncher.kill(instance.process);
        }
        PendingPoll poll = instance.poll;
        instance.poll = null;
        Channel server = instance.server;
        Runnable cutRuntimeApi = () -> {
            if (poll != null) {
                poll.close();
            }
            if (server != null) {
                server.close();
            }
            instance.connections.close();
        };
        Process process = instance.process;
        OutputPump output = instance.output;
        if (process == null || closed) {
            cutRuntimeApi.run();
            return;
        }
        services.execute(() -> {
            // Killing closes the process's output stream: forward what it wrote first (a crash's last words).
            if (output != null) {
                output.drainAll();
            }
            InstanceLauncher.kill(process);
            // Then its Runtime API: a live runtime (idle, its code replaced) would log its cut poll as an error.
            try {
                process.onExit().get(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException e) {
                // Not gone yet: cut it all the same.
            }
            cutRuntimeApi.run();
        });
    }

    private static void cancelTimer(FunctionInstance instance) {
        if (instance.timer != null) {
            instance.timer.cancel(false);
            instance.timer = null;
        }
    }

    // ---- process lifecycle (workers) ----

    private FunctionInstance launch() {
        FunctionInstance instance = new FunctionInstance(++launched, PlatformLog.logStreamName(),
                new DefaultChannelGroup(GlobalEventExecutor.INSTANCE));
        instances.add(instance);
        InstanceLauncher code = launcher;
        services.execute(() -> start(instance, code));
        return instance;
    }

    private void start(FunctionInstance instance, InstanceLauncher launcher) {
        try {
            Channel server = launcher.bindRuntimeApi(instance, this);
            InstanceLauncher.Launch launch = launcher.prepare(instance,
                    ((InetSocketAddress) server.localAddress()).getPort());
            ClassDataCache.Launch classData = launch.classData();
            synchronized (this) {
                instance.server = server;
                if (instance.state == State.GONE) {
                    server.close();
                    if (classData != null) {
                        classData.exited(false); // never started: another instance may record the archive
                    }
                    return;
                }
                instance.startNanos = System.nanoTime();
            }
            Process process = launch.command().start();
            process.getOutputStream().close(); // no stdin, like Lambda
            OutputPump output = new OutputPump(process, log::output);
            boolean gone;
            synchronized (this) {
                instance.process = process;
                instance.classData = classData;
                // Only an instance whose init finished recorded the classes every later start loads.
                instance.exitHandled = process.onExit().thenRun(classData == null ? () -> {}
                        : () -> classData.exited(instance.ready.getNow(false)));
                instance.output = output;
                gone = instance.state == State.GONE;
                if (!gone) {
                    log.initStart(process.pid());
                }
                if (instance.state == State.STARTING) {
                    instance.timer = services.schedule(() -> failInit(instance, head -> ErrorDocument.of(
                            "Sandbox.Timedout", requestIdPrefix(head) + "Error: the runtime did not ask for an "
                                    + "event within " + PlatformLog.seconds(initDeadline()) + " seconds of starting"),
                            "timeout"), initDeadline());
                }
            }
            Thread pump = new Thread(output, "ws-local-" + function.name() + "-" + instance.number + "-output");
            pump.setDaemon(true);
            pump.start();
            process.onExit().thenAccept(exited -> services.execute(() -> exited(instance, exited.exitValue())));
            if (gone) {
                InstanceLauncher.kill(process);
                process.onExit().get(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failInit(instance, head -> startError(head, e), "error");
        } catch (Exception e) {
            failInit(instance, head -> startError(head, e), "error");
        }
    }

    private void exited(FunctionInstance instance, int exitCode) {
        State state;
        synchronized (this) {
            state = instance.state;
        }
        if (state == State.GONE) {
            return;
        }
        if (state == State.STARTING) {
            failInit(instance, head -> instance.initError != null ? instance.initError : exitError(head, exitCode),
                    "error");
            return;
        }
        Invocation crashed;
        long durationNanos = 0;
        synchronized (this) {
            if (instance.state == State.GONE) {
                return;
            }
            crashed = instance.current;
            instance.current = null;
            if (crashed != null) {
                durationNanos = System.nanoTime() - crashed.deliveredNanos;
            }
            retire(instance);
            dispatch();
        }
        if (crashed == null) {
            drain(instance);
            log.exitedWhileIdle(exitCode);
            return;
        }
        ErrorDocument error = exitError(crashed, exitCode);
        drain(instance);
        log.crashed(crashed, durationNanos, error);
        crashed.result.completeExceptionally(error.toFailure(function.name(), Kind.CRASH)); // no-op if answered
    }

    private void timedOut(FunctionInstance instance, Invocation invocation) {
        long pid;
        synchronized (this) {
            if (instance.current != invocation) {
                return;
            }
            pid = instance.pid();
        }
        OptionalLong memory = PlatformLog.maxMemoryUsedMb(pid); // before the kill
        long durationNanos;
        synchronized (this) {
            if (instance.current != invocation) {
                return;
            }
            instance.current = null;
            durationNanos = System.nanoTime() - invocation.deliveredNanos;
            retire(instance);
            dispatch();
        }
        String timedOut = "Task timed out after " + PlatformLog.seconds(function.timeout()) + " seconds";
        ErrorDocument error = ErrorDocument.of("Sandbox.Timedout",
                requestIdPrefix(invocation) + "Error: " + timedOut);
        drain(instance);
        log.timedOut(invocation, durationNanos, memory, function.timeout());
        invocation.result.completeExceptionally(error.toFailure(function.name(), Kind.TIMEOUT)); // no-op if answered
    }

    private void deliveryFailed(FunctionInstance instance, Invocation invocation) {
        synchronized (this) {
            if (instance.current != invocation) {
                return;
            }
            // The event never reached the runtime (its connection is gone): it goes to another instance.
            instance.current = null;
            if (!invocation.result.isDone()) {
                queue.addFirst(invocation);
            }
            retire(instance);
            dispatch();
        }
    }

    /**
     * Ends an instance that failed before asking for its first event, and fails the oldest waiting invocation with
     * the error (each invocation retries the init, as Lambda does after an init error).
     */
    private void failInit(FunctionInstance instance, Function<Invocation, ErrorDocument> errorFor, String status) {
        Invocation head;
        long initNanos;
        synchronized (this) {
            if (instance.state != State.STARTING) {
                return;
            }
            initNanos = instance.startNanos == 0 ? 0 : System.nanoTime() - instance.startNanos;
            retire(instance);
            head = takeHead();
            dispatch();
        }
        ErrorDocument error = errorFor.apply(head);
        drain(instance);
        log.initFailed(initNanos, status, error, instance.initError != null);
        if (head != null) {
            head.result.completeExceptionally(error.toFailure(function.name(), Kind.INIT_ERROR));
        }
    }

    /** Forwards what the instance's process has written so far (before a line of ours about it). */
    private void drain(FunctionInstance instance) {
        OutputPump output;
        synchronized (this) {
            output = instance.output;
        }
        if (output != null) {
            output.drainAll();
        }
    }

    /** A process being stopped: done once it exited and its class-data archive (if it recorded one) is in place. */
    record Stopping(Process process, CompletableFuture<Void> done, boolean recording) {}

    /**
     * Fails everything pending and stops every process: killed, except that a JVM recording a class-data archive gets
     * SIGTERM, since it writes the archive as it exits (the caller kills it if that takes too long). Returns what the
     * caller awaits.
     */
    List<Stopping> close() {
        List<Invocation> pending = new ArrayList<>();
        List<Stopping> processes = new ArrayList<>();
        synchronized (this) {
            closed = true;
            if (scalingRecheck != null) {
                scalingRecheck.cancel(false);
            }
            pending.addAll(queue);
            queue.clear();
            List<FunctionInstance> all = new ArrayList<>(instances);
            all.addAll(draining);
            for (FunctionInstance instance : all) {
                if (instance.current != null) {
                    pending.add(instance.current);
                    instance.current = null;
                }
                if (instance.process != null) {
                    boolean recording = instance.classData != null && instance.classData.records();
                    processes.add(new Stopping(instance.process, instance.exitHandled, recording));
                }
                retire(instance);
            }
        }
        for (Invocation invocation : pending) {
            invocation.result.completeExceptionally(ErrorDocument.of("Runtime.ExitError",
                    requestIdPrefix(invocation) + "Error: the local Lambda runtime shut down")
                    .toFailure(function.name(), Kind.CRASH));
        }
        for (Stopping stopping : processes) {
            if (stopping.recording()) {
                stopping.process().destroy();
            } else {
                InstanceLauncher.kill(stopping.process());
            }
        }
        return processes;
    }

    // ---- helpers ----

    private Duration initDeadline() {
        // Lambda retries a timed-out INIT within the first invocation, under the function timeout.
        return services.options().initTimeout().plus(function.timeout());
    }

    private ErrorDocument exitError(Invocation invocation, int exitCode) {
        return ErrorDocument.of("Runtime.ExitError",
                requestIdPrefix(invocation) + "Error: Runtime exited with error: exit status " + exitCode);
    }

    private ErrorDocument startError(Invocation invocation, Exception e) {
        return ErrorDocument.of("Runtime.InvalidEntrypoint", requestIdPrefix(invocation) + "Error: cannot start "
                + services.options().javaExecutable() + " for " + function.name() + ": " + e);
    }

    private static String requestIdPrefix(Invocation invocation) {
        return invocation == null ? "" : "RequestId: " + invocation.requestId + " ";
    }
}
