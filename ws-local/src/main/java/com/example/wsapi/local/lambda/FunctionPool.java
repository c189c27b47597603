package com.example.wsapi.local.lambda;

import com.example.wsapi.local.lambda.FunctionFailure.Kind;
import com.example.wsapi.local.lambda.FunctionInstance.State;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The instances of one function and the invocations waiting for them (FIFO). An invocation goes to an instance whose
 * runtime is polling {@code /next}; new processes start while fewer than maxConcurrency run. State is guarded by
 * {@code this}; Runtime API callbacks run on the event loop and never block, anything slow runs on a worker.
 */
final class FunctionPool {

    static final String ACCOUNT_ID = "123456789012";
    static final String RIC_MAIN_CLASS = "com.amazonaws.services.lambda.runtime.api.client.AWSLambda";
    static final String EXECUTION_ENV = "AWS_Lambda_java25";
    /** Above Lambda's 6 MB payload limit, so that the limit is never ours. */
    private static final int MAX_RUNTIME_REQUEST_BYTES = 16 * 1024 * 1024;
    private static final DateTimeFormatter LOG_STREAM_DATE = DateTimeFormatter.ofPattern("yyyy/MM/dd")
            .withZone(ZoneOffset.UTC);

    private final FunctionSettings function;
    private final RuntimeServices services;
    private final String prefix;
    private final String functionArn;
    private final Deque<Invocation> queue = new ArrayDeque<>();
    private final List<FunctionInstance> instances = new ArrayList<>();
    private int launched;
    private boolean closed;

    FunctionPool(FunctionSettings function, RuntimeServices services) {
        this.function = function;
        this.services = services;
        this.prefix = "[" + function.name() + "] ";
        this.functionArn = "arn:aws:lambda:" + services.options().region() + ":" + ACCOUNT_ID + ":function:"
                + function.name();
    }

    CompletableFuture<String> submit(String eventJson) {
        Invocation invocation = new Invocation(eventJson);
        synchronized (this) {
            if (closed) {
                return CompletableFuture.failedFuture(
                        new IllegalStateException("The local Lambda runtime is closed"));
            }
            queue.addLast(invocation);
            dispatch();
        }
        return invocation.result;
    }

    /** How many processes this function has now (starting, idle or busy). */
    synchronized int instanceCount() {
        return instances.size();
    }

    // ---- Runtime API callbacks (event loop) ----

    void next(FunctionInstance instance, PendingPoll poll) {
        Invocation finished;
        long durationNanos;
        long pid;
        synchronized (this) {
            if (instance.state == State.GONE) {
                poll.close();
                return;
            }
            if (instance.state == State.STARTING) {
                instance.initNanos = System.nanoTime() - instance.startNanos;
                cancelTimer(instance);
                instance.state = State.READY;
            }
            if (instance.state == State.READY) {
                if (instance.poll != null) {
                    instance.poll.close(); // a second /next replaces the first
                }
                instance.poll = poll;
                dispatch();
                return;
            }
            // BUSY: asking for the next event ends the current invocation (Lambda's invoke phase).
            finished = instance.current;
            instance.current = null;
            instance.state = State.READY;
            cancelTimer(instance);
            durationNanos = System.nanoTime() - finished.deliveredNanos;
            pid = instance.pid();
        }
        services.execute(() -> {
            if (!finished.answered) {
                finished.result.completeExceptionally(ErrorDocument.of("Runtime.NoResponse",
                        requestIdPrefix(finished) + "Error: the runtime asked for the next event without "
                                + "answering this one").toFailure(function.name(), Kind.CRASH));
            }
            report(instance, finished, durationNanos, maxMemoryUsedMb(pid), List.of(), "");
            synchronized (this) {
                // Only now: the next START must follow this END/REPORT.
                if (instance.state == State.READY && instance.poll == null) {
                    instance.poll = poll;
                    dispatch();
                } else {
                    poll.close();
                }
            }
        });
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

    /** The runtime got its 202 for /init/error: the instance is done for (the RIC exits by itself too). */
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
                return;
            }
            if (instance.state == State.READY && instance.poll != null) {
                deliver(instance, queue.pollFirst());
            }
        }
        long soonReady = instances.stream()
                .filter(i -> i.state == State.STARTING || (i.state == State.READY && i.poll == null))
                .count();
        long missing = queue.size() - soonReady;
        while (missing-- > 0 && instances.size() < function.maxConcurrency()) {
            launch();
        }
    }

    private void deliver(FunctionInstance instance, Invocation invocation) {
        PendingPoll poll = instance.poll;
        instance.poll = null;
        instance.state = State.BUSY;
        instance.current = invocation;
        invocation.deliveredNanos = System.nanoTime();
        invocation.initNanos = instance.invocations++ == 0 ? instance.initNanos : -1;
        if (instance.output != null) {
            instance.output.drainAll(); // init output before START
        }
        services.logs().line(prefix + "START RequestId: " + invocation.requestId + " Version: $LATEST");
        instance.timer = services.schedule(() -> timedOut(instance, invocation), function.timeout());
        long deadline = System.currentTimeMillis() + function.timeout().toMillis();
        poll.deliver(invocation, deadline, functionArn, traceId()).addListener(sent -> {
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
        cancelTimer(instance);
        if (closed && instance.classData != null && instance.classData.records()) {
            // Its Runtime API stays open until the JVM has exited: a runtime that lost its connection exits at once,
            // and that exit would race the SIGTERM that writes the archive (see close()).
            return;
        }
        if (closed && instance.process != null) {
            // Kill before cutting its Runtime API: a live runtime client would log the lost poll as an error.
            kill(instance.process);
        }
        if (instance.poll != null) {
            instance.poll.close();
            instance.poll = null;
        }
        if (instance.server != null) {
            instance.server.close();
        }
        instance.connections.close();
        Process process = instance.process;
        OutputPump output = instance.output;
        if (process != null && !closed) {
            services.execute(() -> {
                // Killing closes the process's output stream: forward what it wrote first (a crash's last words).
                if (output != null) {
                    output.drainAll();
                }
                kill(process);
            });
        }
    }

    private static void cancelTimer(FunctionInstance instance) {
        if (instance.timer != null) {
            instance.timer.cancel(false);
            instance.timer = null;
        }
    }

    // ---- process lifecycle (workers) ----

    private void launch() {
        FunctionInstance instance = new FunctionInstance(++launched, logStreamName(),
                new DefaultChannelGroup(GlobalEventExecutor.INSTANCE));
        instances.add(instance);
        services.execute(() -> start(instance));
    }

    private void start(FunctionInstance instance) {
        try {
            Channel server = bindRuntimeApi(instance);
            int port = ((InetSocketAddress) server.localAddress()).getPort();
            Path home = Files.createDirectories(
                    services.scratchDir().resolve(function.name() + "-" + instance.number));
            ClassDataCache.Launch classData = services.classData().map(cache -> cache.prepare(function.name(),
                    services.options().runtimeJars(), function.classpath(), services.options().jvmOptions()))
                    .orElse(null);
            ProcessBuilder builder = processBuilder(instance, port, home, classData);
            synchronized (this) {
                instance.server = server;
                if (instance.state == State.GONE) {
                    server.close();
                    return;
                }
                instance.startNanos = System.nanoTime();
            }
            Process process = builder.start();
            process.getOutputStream().close(); // no stdin, like Lambda
            OutputPump output = new OutputPump(process, line -> services.logs().line(prefix + line));
            boolean gone;
            synchronized (this) {
                instance.process = process;
                instance.classData = classData;
                instance.exitHandled = process.onExit()
                        .thenRun(classData == null ? () -> {} : classData::exited);
                instance.output = output;
                gone = instance.state == State.GONE;
                if (!gone) {
                    services.logs().line(prefix + "INIT_START Runtime Version: ws-local java (pid " + process.pid()
                            + ")");
                }
                if (instance.state == State.STARTING) {
                    instance.timer = services.schedule(() -> failInit(instance, head -> ErrorDocument.of(
                            "Sandbox.Timedout", requestIdPrefix(head) + "Error: the runtime did not ask for an "
                                    + "event within " + seconds(initDeadline()) + " seconds of starting"),
                            "timeout"), initDeadline());
                }
            }
            Thread pump = new Thread(output, "ws-local-" + function.name() + "-" + instance.number + "-output");
            pump.setDaemon(true);
            pump.start();
            process.onExit().thenAccept(exited -> services.execute(() -> exited(instance, exited.exitValue())));
            if (gone) {
                kill(process);
                process.onExit().get(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failInit(instance, head -> startError(head, e), "error");
        } catch (Exception e) {
            failInit(instance, head -> startError(head, e), "error");
        }
    }

    private Channel bindRuntimeApi(FunctionInstance instance) throws InterruptedException {
        return new ServerBootstrap()
                .group(services.eventLoops())
                .channel(NioServerSocketChannel.class)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        instance.connections.add(channel);
                        channel.pipeline().addLast(new HttpServerCodec(),
                                new HttpObjectAggregator(MAX_RUNTIME_REQUEST_BYTES),
                                new RuntimeApiHandler(FunctionPool.this, instance));
                    }
                })
                .bind(InetAddress.getLoopbackAddress(), 0).sync().channel();
    }

    private ProcessBuilder processBuilder(FunctionInstance instance, int port, Path home,
                                          ClassDataCache.Launch classData) {
        RuntimeOptions options = services.options();
        List<String> command = new ArrayList<>();
        command.add(options.javaExecutable().toString());
        // Lambda's Java runtimes: 85% of the memory for the heap, serial GC, C1 only (fast start).
        command.add("-XX:MaxHeapSize=" + function.memoryMb() * 1024L * 85 / 100 + "k");
        command.add("-XX:+UseSerialGC");
        command.add("-XX:+TieredCompilation");
        command.add("-XX:TieredStopAtLevel=1");
        command.add("-Djava.net.preferIPv4Stack=true");
        services.nativeLibrary().ifPresent(library -> command.add("-D" + NativeClientLibrary.PROPERTY + "=" + library));
        command.addAll(options.jvmOptions());
        List<Path> classpath = new ArrayList<>(options.runtimeJars());
        classpath.addAll(function.classpath());
        if (classData != null) {
            command.addAll(classData.jvmOptions);
            classpath = classData.classpath; // the same code, folders as jars (CDS archives only jar classes)
        }
        command.add("-cp");
        command.add(classpath.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator)));
        command.add(RIC_MAIN_CLASS);
        command.add(function.handler());

        Path taskRoot = function.classpath().stream().filter(Files::isDirectory).findFirst().orElse(home);
        ProcessBuilder builder = new ProcessBuilder(command).directory(taskRoot.toFile()).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.clear(); // nothing of the user's environment (credentials, profiles) leaks into functions
        env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin"));
        env.put("LANG", "en_US.UTF-8");
        env.put("TZ", ":UTC");
        env.put("HOME", home.toString());
        env.putAll(function.environment());
        env.put("AWS_LAMBDA_RUNTIME_API", "127.0.0.1:" + port);
        env.put("_HANDLER", function.handler());
        env.put("AWS_LAMBDA_FUNCTION_NAME", function.name());
        env.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
        env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(function.memoryMb()));
        env.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/" + function.name());
        env.put("AWS_LAMBDA_LOG_STREAM_NAME", instance.logStreamName);
        env.put("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand");
        env.put("AWS_REGION", options.region());
        env.put("AWS_DEFAULT_REGION", options.region());
        env.put("AWS_EXECUTION_ENV", EXECUTION_ENV);
        env.put("LAMBDA_TASK_ROOT", taskRoot.toString());
        env.put("LAMBDA_RUNTIME_DIR", options.runtimeJars().get(0).toAbsolutePath().getParent().toString());
        env.put("AWS_ACCESS_KEY_ID", options.accessKeyId());
        env.put("AWS_SECRET_ACCESS_KEY", options.secretAccessKey());
        env.put("AWS_SESSION_TOKEN", options.sessionToken());
        return builder;
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
            services.logs().line(prefix + "Runtime exited (exit status " + exitCode + ") while waiting for an event;"
                    + " the next invocation starts a new one");
            return;
        }
        ErrorDocument error = exitError(crashed, exitCode);
        report(instance, crashed, durationNanos, OptionalLong.empty(), List.of(error.errorMessage(), error.errorType()),
                "\tStatus: error\tError Type: " + error.errorType());
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
        OptionalLong memory = maxMemoryUsedMb(pid); // before the kill
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
        String timedOut = "Task timed out after " + seconds(function.timeout()) + " seconds";
        ErrorDocument error = ErrorDocument.of("Sandbox.Timedout",
                requestIdPrefix(invocation) + "Error: " + timedOut);
        String logLine = Instant.now().truncatedTo(ChronoUnit.MILLIS) + " " + invocation.requestId + " " + timedOut;
        report(instance, invocation, durationNanos, memory, List.of(logLine), "\tStatus: timeout");
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
        if (instance.initError == null) {
            services.logs().line(prefix + error.errorMessage()); // the runtime did not report it: we do
        }
        services.logs().line(prefix + "INIT_REPORT Init Duration: " + millis(initNanos) + " ms\tPhase: init\tStatus: "
                + status + "\tError Type: " + error.errorType());
        if (head != null) {
            head.result.completeExceptionally(error.toFailure(function.name(), Kind.INIT_ERROR));
        }
    }

    /** Logs END and REPORT, after what the function wrote so far. */
    private void report(FunctionInstance instance, Invocation invocation, long durationNanos, OptionalLong memoryMb,
                        List<String> linesBeforeEnd, String reportSuffix) {
        drain(instance);
        linesBeforeEnd.forEach(line -> services.logs().line(prefix + line));
        services.logs().line(prefix + "END RequestId: " + invocation.requestId);
        StringBuilder report = new StringBuilder(prefix).append("REPORT RequestId: ").append(invocation.requestId)
                .append("\tDuration: ").append(millis(durationNanos)).append(" ms")
                .append("\tBilled Duration: ").append(Math.max(1, (durationNanos + 999_999) / 1_000_000)).append(" ms")
                .append("\tMemory Size: ").append(function.memoryMb()).append(" MB");
        memoryMb.ifPresent(mb -> report.append("\tMax Memory Used: ").append(mb).append(" MB"));
        if (invocation.initNanos >= 0) {
            report.append("\tInit Duration: ").append(millis(invocation.initNanos)).append(" ms");
        }
        services.logs().line(report.append(reportSuffix).toString());
    }

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
            pending.addAll(queue);
            queue.clear();
            for (FunctionInstance instance : List.copyOf(instances)) {
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
                kill(stopping.process());
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

    static void kill(Process process) {
        // Children first: once the parent is gone they are re-parented and out of reach.
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    /** The peak resident memory of a process (VmHWM), when the OS tells. */
    static OptionalLong maxMemoryUsedMb(long pid) {
        if (pid <= 0) {
            return OptionalLong.empty();
        }
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmHWM:")) {
                    long kilobytes = Long.parseLong(line.substring(6).trim().split("\\s+")[0]);
                    return OptionalLong.of(Math.round(kilobytes / 1024.0));
                }
            }
        } catch (IOException | RuntimeException e) {
            // Not Linux, or the process is gone: REPORT goes without it.
        }
        return OptionalLong.empty();
    }

    private static String logStreamName() {
        return LOG_STREAM_DATE.format(Instant.now()) + "/[$LATEST]" + randomHex(16);
    }

    private static String traceId() {
        return String.format(Locale.ROOT, "Root=1-%08x-%s;Parent=%s;Sampled=0",
                Instant.now().getEpochSecond(), randomHex(12), randomHex(8));
    }

    private static String randomHex(int bytes) {
        byte[] random = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(random);
        return HexFormat.of().formatHex(random);
    }

    /** Milliseconds with two decimals, as REPORT shows them (String.format cost 4% of ws-local's CPU here). */
    static String millis(long nanos) {
        long hundredths = Math.round(nanos / 10_000.0);
        long fraction = hundredths % 100;
        return hundredths / 100 + (fraction < 10 ? ".0" : ".") + fraction;
    }

    private static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%.2f", duration.toMillis() / 1000.0);
    }
}
