package com.example.wsapi.local.lambda;

import com.example.wsapi.local.log.LogLine;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * A local Lambda service: every function instance is its own JVM running the official runtime interface client
 * against a Lambda Runtime API served here (one endpoint per instance on 127.0.0.1).
 */
public final class LambdaRuntime implements AutoCloseable {

    /** Variables Lambda sets itself and refuses in a function's configuration. */
    static final Set<String> RESERVED_VARIABLES = Set.of("_HANDLER", "_X_AMZN_TRACE_ID", "AWS_DEFAULT_REGION",
            "AWS_REGION", "AWS_EXECUTION_ENV", "AWS_LAMBDA_FUNCTION_NAME", "AWS_LAMBDA_FUNCTION_MEMORY_SIZE",
            "AWS_LAMBDA_FUNCTION_VERSION", "AWS_LAMBDA_INITIALIZATION_TYPE", "AWS_LAMBDA_LOG_GROUP_NAME",
            "AWS_LAMBDA_LOG_STREAM_NAME", "AWS_ACCESS_KEY", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY",
            "AWS_SESSION_TOKEN", "AWS_LAMBDA_RUNTIME_API", "LAMBDA_TASK_ROOT", "LAMBDA_RUNTIME_DIR");
    private static final Pattern FUNCTION_NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final int MIN_MEMORY_MB = 128;
    private static final int MAX_MEMORY_MB = 10240;
    /** How many instances per core {@link #prewarm(List)} starts at once. */
    static final int WARMING_PER_CORE = 4;
    /** How long stopping waits for JVMs writing a class-data archive as they exit (AOT caches take seconds). */
    private static final Duration ARCHIVE_WRITE_LIMIT = Duration.ofSeconds(30);

    private final RuntimeServices services;
    private final Map<String, FunctionPool> pools = new ConcurrentHashMap<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Thread shutdownHook;

    public LambdaRuntime(RuntimeOptions options) {
        Objects.requireNonNull(options, "options");
        Path scratchDir;
        Optional<Path> nativeLibrary;
        try {
            scratchDir = Files.createTempDirectory("ws-local-lambda-");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a temporary folder for the functions' HOME", e);
        }
        try {
            nativeLibrary = NativeClientLibrary.extract(options.runtimeJars(), scratchDir);
        } catch (RuntimeException e) {
            deleteQuietly(scratchDir);
            throw e;
        }
        LogWriter logs = new LogWriter(options.logSink());
        if (nativeLibrary.isEmpty()) {
            logs.line(LogLine.warning(null, "The Lambda runtime interface client has no native library for "
                    + System.getProperty("os.name") + "/" + System.getProperty("os.arch")
                    + " (it supports Linux on x86_64 and aarch64): functions will fail to start",
                    "run ws-local on Linux (x86_64 or aarch64), e.g. in a container or a VM"));
        }
        EventLoopGroup eventLoops = new MultiThreadIoEventLoopGroup(2,
                new DefaultThreadFactory("ws-local-runtime-api", true), NioIoHandler.newFactory());
        AtomicInteger workerNumber = new AtomicInteger();
        ExecutorService workers = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 30, TimeUnit.SECONDS,
                new SynchronousQueue<>(), runnable -> {
                    Thread thread = new Thread(runnable, "ws-local-lambda-" + workerNumber.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        Optional<ClassDataCache> classData = ClassDataCache.create(options.classDataCache(), options.javaExecutable());
        classData.ifPresent(ClassDataCache::pruneUnused); // before any instance prepares its folder
        this.services = new RuntimeServices(options, eventLoops, workers, logs, scratchDir, nativeLibrary, classData,
                JavaHome.ofExecutable(options.javaExecutable()),
                Runtime.getRuntime().availableProcessors());
        // Function JVMs must not outlive ws-local, even when it is stopped with Ctrl-C.
        this.shutdownHook = new Thread(this::close, "ws-local-lambda-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /**
     * Makes a function invocable. Its processes start on the first invocation.
     *
     * @throws IllegalArgumentException when the settings are not valid for Lambda, or the name is taken
     */
    public void register(FunctionSettings function) {
        Objects.requireNonNull(function, "function");
        validate(function);
        if (closed.get()) {
            throw new IllegalStateException("The local Lambda runtime is closed");
        }
        if (pools.putIfAbsent(function.name(), new FunctionPool(function, services)) != null) {
            throw new IllegalArgumentException("A function named " + function.name() + " is already registered");
        }
    }

    /**
     * Starts an instance of a registered function ahead of its first event (when it has none), as SAM's eager warm
     * containers do; with SnapStart its init, checkpoint and restore hooks run now. Completes with whether the
     * instance became ready (false: its init failed, which it logged; the next invocation tries again).
     *
     * @throws IllegalArgumentException when no function has that name
     */
    public CompletableFuture<Boolean> prewarm(String functionName) {
        FunctionPool pool = functionName == null ? null : pools.get(functionName);
        if (pool == null) {
            throw new IllegalArgumentException("No function named " + functionName + " is registered; registered: "
                    + new TreeSet<>(pools.keySet()));
        }
        if (closed.get()) {
            return CompletableFuture.completedFuture(false);
        }
        return pool.prewarm();
    }

    /**
     * Starts an instance of each function, up to {@link #WARMING_PER_CORE} per core at once, and completes once each
     * is ready or has failed its init. More at once than cores: a starting JVM leaves a core idle at times (it waits
     * on files, its compiler threads, the Runtime API), and all of them have to be ready anyway (seven at once were
     * ready 0.5 s sooner than two at a time on 2 cores); but not all of a large template at once, which would stretch
     * every init towards its time limit.
     */
    public CompletableFuture<Void> prewarm(List<String> functionNames) {
        List<String> order = List.copyOf(functionNames);
        order.forEach(name -> {
            if (!pools.containsKey(name)) {
                throw new IllegalArgumentException("No function named " + name + " is registered");
            }
        });
        CompletableFuture<Void> all = new CompletableFuture<>();
        AtomicInteger next = new AtomicInteger();
        AtomicInteger settled = new AtomicInteger();
        Runnable[] startNext = new Runnable[1];
        startNext[0] = () -> {
            int index = next.getAndIncrement();
            if (index >= order.size()) {
                return;
            }
            prewarm(order.get(index)).whenComplete((ready, failure) -> {
                if (settled.incrementAndGet() == order.size()) {
                    all.complete(null);
                }
                startNext[0].run();
            });
        };
        if (order.isEmpty()) {
            all.complete(null);
        }
        for (int i = 0; i < WARMING_PER_CORE * Math.max(1, services.cores()); i++) {
            startNext[0].run();
        }
        return all;
    }

    /**
     * Invokes a function synchronously (RequestResponse) and completes with its response payload (JSON text), or
     * exceptionally with a {@link FunctionFailure}. Never blocks the caller.
     */
    public CompletableFuture<String> invoke(String functionName, String eventJson) {
        if (eventJson == null) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("eventJson must not be null"));
        }
        if (closed.get()) {
            return CompletableFuture.failedFuture(new IllegalStateException("The local Lambda runtime is closed"));
        }
        FunctionPool pool = functionName == null ? null : pools.get(functionName);
        if (pool == null) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("No function named " + functionName
                    + " is registered; registered: " + new TreeSet<>(pools.keySet())));
        }
        return pool.submit(eventJson);
    }

    /** The jars every function JVM runs besides the function's code: the runtime interface client and its own. */
    public List<Path> runtimeJars() {
        return services.options().runtimeJars();
    }

    /** A registered function's settings now (its classpath changes with {@link #replaceCode}). */
    public FunctionSettings settings(String functionName) {
        FunctionPool pool = pools.get(functionName);
        if (pool == null) {
            throw new IllegalArgumentException("No function named " + functionName + " is registered");
        }
        return pool.settings();
    }

    /**
     * Runs a registered function's later events on new code: its idle and starting instances stop now, its busy ones
     * once their event is answered, and the next event (or {@link #prewarm(String)}) starts an instance of the new
     * code. Returns how many events are still running on the replaced code.
     *
     * @throws IllegalArgumentException when no function has that name, or the classpath is not valid
     */
    public int replaceCode(String functionName, List<Path> classpath) {
        FunctionPool pool = functionName == null ? null : pools.get(functionName);
        if (pool == null) {
            throw new IllegalArgumentException("No function named " + functionName + " is registered; registered: "
                    + new TreeSet<>(pools.keySet()));
        }
        FunctionSettings next = pool.settings().withClasspath(classpath);
        validate(next);
        return pool.replaceCode(next);
    }

    /** How many processes a function has now (starting, idle or busy); 0 for an unknown function. */
    public int instanceCount(String functionName) {
        FunctionPool pool = pools.get(functionName);
        return pool == null ? 0 : pool.instanceCount();
    }

    /** Fails pending invocations, kills every function process (and its children) and frees every port. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // The JVM is shutting down: this is the hook.
        }
        List<FunctionPool.Stopping> processes = new ArrayList<>();
        pools.values().forEach(pool -> processes.addAll(pool.close()));
        long recordings = processes.stream().filter(FunctionPool.Stopping::recording).count();
        if (recordings > 0) {
            // Otherwise the first stop on new code or a new Java waits for seconds with nothing said.
            services.options().logSink().line(LogLine.of(LogLine.Kind.ACTIVITY, "stopping: " + recordings + " function "
                    + (recordings == 1 ? "JVM writes its" : "JVMs write their") + " class-data archive (the first "
                    + "run of this code on this Java; later starts use it), at most "
                    + ARCHIVE_WRITE_LIMIT.toSeconds() + " s"));
            services.options().logSink().flush();
        }
        long deadline = System.nanoTime() + ARCHIVE_WRITE_LIMIT.toNanos();
        for (FunctionPool.Stopping stopping : processes) {
            try {
                if (stopping.recording()) {
                    try {
                        stopping.done().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                    } catch (TimeoutException e) {
                        InstanceLauncher.kill(stopping.process()); // no archive this time
                    }
                }
                stopping.done().get(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (ExecutionException | TimeoutException e) {
                // Killed forcibly already: nothing more to do.
            }
        }
        services.workers().shutdown();
        try {
            services.workers().awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        services.eventLoops().shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        services.logs().close();
        deleteQuietly(services.scratchDir());
    }

    private static void deleteQuietly(Path dir) {
        try {
            RuntimeJars.deleteRecursively(dir);
        } catch (IOException e) {
            System.err.println("ws-local: could not delete " + dir + ": " + e.getMessage());
        }
    }

    private static void validate(FunctionSettings function) {
        String name = function.name();
        if (name == null || !FUNCTION_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("Function name " + name + " is not valid for Lambda: use 1 to 64 "
                    + "letters, digits, hyphens or underscores");
        }
        if (!FUNCTION_NAME.matcher(function.functionName()).matches()) {
            throw new IllegalArgumentException("Function " + name + ": its name on Lambda, " + function.functionName()
                    + ", is not valid: use 1 to 64 letters, digits, hyphens or underscores");
        }
        if (function.handler() == null || function.handler().isBlank()) {
            throw new IllegalArgumentException("Function " + name + " has no handler (package.Class::method)");
        }
        if (function.classpath().isEmpty()) {
            throw new IllegalArgumentException("Function " + name + " has an empty classpath");
        }
        for (Path entry : function.classpath()) {
            if (!Files.exists(entry)) {
                throw new IllegalArgumentException("Function " + name + ": classpath entry " + entry
                        + " does not exist (is the function built?)");
            }
        }
        if (function.timeout() == null || function.timeout().isNegative() || function.timeout().isZero()) {
            throw new IllegalArgumentException("Function " + name + " needs a positive timeout, got "
                    + function.timeout());
        }
        if (function.memoryMb() < MIN_MEMORY_MB || function.memoryMb() > MAX_MEMORY_MB) {
            throw new IllegalArgumentException("Function " + name + ": MemorySize must be between " + MIN_MEMORY_MB
                    + " and " + MAX_MEMORY_MB + " MB, got " + function.memoryMb());
        }
        if (function.maxConcurrency() < 1) {
            throw new IllegalArgumentException("Function " + name + ": maxConcurrency must be at least 1, got "
                    + function.maxConcurrency());
        }
        if (function.reservedConcurrency().orElse(0) < 0) {
            throw new IllegalArgumentException("Function " + name + ": ReservedConcurrentExecutions must be 0 or "
                    + "more, got " + function.reservedConcurrency().getAsInt());
        }
        for (String variable : function.environment().keySet()) {
            if (RESERVED_VARIABLES.contains(variable)) {
                throw new IllegalArgumentException("Function " + name + " sets the environment variable "
                        + variable + ", which Lambda reserves; remove it from the function's Environment");
            }
        }
    }
}
