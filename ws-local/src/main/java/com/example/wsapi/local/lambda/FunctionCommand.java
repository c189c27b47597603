package com.example.wsapi.local.lambda;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** The command line and environment of one function instance's JVM, as Lambda's Java runtime starts it. */
final class FunctionCommand {

    static final String RIC_MAIN_CLASS = "com.amazonaws.services.lambda.runtime.api.client.AWSLambda";
    /** Lambda's AWS_EXECUTION_ENV: this, then the function's runtime ({@code AWS_Lambda_java25}). */
    static final String EXECUTION_ENV_PREFIX = "AWS_Lambda_";
    /**
     * Lambda's Java runtimes point the CRaC API ({@code org.crac}) at the runtime interface client's own context, whose
     * {@code beforeCheckpoint} and {@code afterRestore} hooks the client runs for SnapStart.
     */
    static final String CRAC_COMPAT = "-Dorg.crac.Core.Compat=com.amazonaws.services.lambda.crac";
    /**
     * Compiles hot code after a twentieth of the usual calls. On Lambda a SnapStart snapshot brings code the priming
     * compiled; here every instance warms from nothing, and its first few hundred events ran mostly interpreted
     * (BENCHMARKS.md, section 7: at a fifth, the SDK's per-request code was still being compiled 300 echoes in).
     * Not where the template sets it itself.
     */
    static final String SOONER_COMPILATION = "-XX:CompileThresholdScaling=0.05";
    /**
     * The runtime interface client loads its native Runtime API client with {@code System.load}, which Java 22 and
     * later let through with four lines of warning on every start unless native access is enabled, as Lambda's own
     * Java runtimes do.
     */
    static final String NATIVE_ACCESS = "--enable-native-access=ALL-UNNAMED";
    private static final int FIRST_NATIVE_ACCESS_RELEASE = 22;

    private FunctionCommand() {}

    /**
     * A process builder for an instance of {@code function} whose Runtime API listens on {@code runtimeApiPort}.
     *
     * @param home      the instance's HOME
     * @param java      the installation of {@code options}' java, when known
     * @param classData how the JVM uses the class-data cache, or null
     */
    static ProcessBuilder build(FunctionSettings function, RuntimeOptions options, Optional<JavaHome> java,
                                Path nativeLibrary, String logStreamName, int runtimeApiPort, Path home,
                                ClassDataCache.Launch classData) {
        List<String> command = new ArrayList<>();
        command.add(options.javaExecutable().toString());
        // Lambda's Java runtimes: 85% of the memory for the heap, serial GC, C1 only (fast start).
        command.add("-XX:MaxHeapSize=" + function.memoryMb() * 1024L * 85 / 100 + "k");
        // Lambda's sandbox has the function's memory: the JVM sizes its initial heap and young generation from it
        // (1/64: 16 MB for 1024 MB), not from this machine's, which made every function JVM hold 100 MB more.
        command.add("-XX:MaxRAM=" + function.memoryMb() + "m");
        command.add("-XX:+UseSerialGC");
        command.add("-XX:+TieredCompilation");
        command.add("-XX:TieredStopAtLevel=1");
        command.add("-Djava.net.preferIPv4Stack=true");
        if (java.filter(installation -> installation.feature() >= FIRST_NATIVE_ACCESS_RELEASE).isPresent()) {
            command.add(NATIVE_ACCESS);
        }
        if (!setsCompileThresholds(function, options)) {
            command.add(SOONER_COMPILATION);
        }
        if (function.snapStart()) {
            command.add(CRAC_COMPAT);
        }
        if (nativeLibrary != null) {
            command.add("-D" + NativeClientLibrary.PROPERTY + "=" + nativeLibrary);
        }
        command.addAll(options.jvmOptions());
        List<Path> classpath = new ArrayList<>(options.runtimeJars());
        classpath.addAll(function.classpath());
        if (classData != null) {
            command.addAll(classData.jvmOptions);
            classpath = classData.classpath; // the same code, folders as jars (CDS archives only jar classes)
        }
        command.addAll(options.launchOptions().jvmOptions(function));
        command.add("-cp");
        command.add(classpath.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator)));
        command.add(RIC_MAIN_CLASS);
        command.add(function.handler());

        Path taskRoot = taskRoot(function, home);
        ProcessBuilder builder = new ProcessBuilder(command).directory(taskRoot.toFile()).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.clear(); // nothing of the user's environment (credentials, profiles) leaks into functions
        env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin"));
        env.put("LANG", "en_US.UTF-8");
        env.put("TZ", ":UTC");
        env.put("HOME", home.toString());
        env.putAll(function.environment());
        env.put("AWS_LAMBDA_RUNTIME_API", "127.0.0.1:" + runtimeApiPort);
        env.put("_HANDLER", function.handler());
        env.put("AWS_LAMBDA_FUNCTION_NAME", function.functionName());
        env.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
        env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(function.memoryMb()));
        env.put("AWS_LAMBDA_LOG_GROUP_NAME", function.logGroupName());
        env.put("AWS_LAMBDA_LOG_STREAM_NAME", logStreamName);
        // SnapStart: the runtime interface client runs the checkpoint hooks and asks for the restore before events.
        env.put("AWS_LAMBDA_INITIALIZATION_TYPE", function.snapStart() ? "snap-start" : "on-demand");
        env.put("AWS_REGION", options.region());
        env.put("AWS_DEFAULT_REGION", options.region());
        env.put("AWS_EXECUTION_ENV", EXECUTION_ENV_PREFIX + function.runtime());
        env.put("LAMBDA_TASK_ROOT", taskRoot.toString());
        env.put("LAMBDA_RUNTIME_DIR", options.runtimeJars().get(0).toAbsolutePath().getParent().toString());
        env.put("AWS_ACCESS_KEY_ID", options.accessKeyId());
        env.put("AWS_SECRET_ACCESS_KEY", options.secretAccessKey());
        env.put("AWS_SESSION_TOKEN", options.sessionToken());
        return builder;
    }

    /** Whether the template's JAVA_TOOL_OPTIONS or ws-local's JVM options already say when the JIT compiles. */
    static boolean setsCompileThresholds(FunctionSettings function, RuntimeOptions options) {
        String toolOptions = function.environment().getOrDefault("JAVA_TOOL_OPTIONS", "");
        return toolOptions.contains("CompileThresholdScaling")
                || options.jvmOptions().stream().anyMatch(option -> option.contains("CompileThresholdScaling"));
    }

    /** The function's classes folder (its working directory, as /var/task on Lambda), else its HOME. */
    private static Path taskRoot(FunctionSettings function, Path home) {
        return function.classpath().stream().filter(Files::isDirectory).findFirst().orElse(home);
    }
}
