package com.example.wsapi.local.lambda;

import com.example.wsapi.local.log.LogSink;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How the local Lambda runtime starts function processes.
 *
 * @param javaExecutable  the {@code java} launcher for function JVMs
 * @param runtimeJars     the runtime interface client and its dependencies (see {@link RuntimeJars#locate()})
 * @param jvmOptions      extra JVM options for every function, after the runtime's own
 * @param region          AWS_REGION and AWS_DEFAULT_REGION, also in the invoked function ARN
 * @param accessKeyId     AWS_ACCESS_KEY_ID the functions see (dummy: the local services accept anything)
 * @param secretAccessKey AWS_SECRET_ACCESS_KEY the functions see
 * @param sessionToken    AWS_SESSION_TOKEN the functions see
 * @param logSink         receives the functions' output and the START/END/REPORT lines (and, run by LocalApi, the
 *                        gateway's lines too)
 * @param initTimeout     how long a new process may take to ask for its first event, on top of the function timeout
 * @param classDataCache  where function JVMs' class-data archives (AOT cache, CDS) are kept and reused across
 *                        starts, or null for none (see {@link ClassDataCache})
 * @param launchOptions   more JVM options for every function, out of the class-data archives' key (see
 *                        {@link LaunchOptions})
 */
public record RuntimeOptions(Path javaExecutable, List<Path> runtimeJars, List<String> jvmOptions, String region,
                             String accessKeyId, String secretAccessKey, String sessionToken, LogSink logSink,
                             Duration initTimeout, Path classDataCache, LaunchOptions launchOptions) {

    /** The system property that overrides {@link #defaultClassDataCache()}. */
    public static final String CLASS_DATA_CACHE_PROPERTY = "ws-local.class-data-cache";

    public static final String DEFAULT_REGION = "us-east-1";
    /** Lambda's INIT phase limit. */
    public static final Duration DEFAULT_INIT_TIMEOUT = Duration.ofSeconds(10);

    /** Without a class-data cache. */
    public RuntimeOptions(Path javaExecutable, List<Path> runtimeJars, List<String> jvmOptions, String region,
                          String accessKeyId, String secretAccessKey, String sessionToken, LogSink logSink,
                          Duration initTimeout) {
        this(javaExecutable, runtimeJars, jvmOptions, region, accessKeyId, secretAccessKey, sessionToken, logSink,
                initTimeout, null);
    }

    /** With no launch options of its own. */
    public RuntimeOptions(Path javaExecutable, List<Path> runtimeJars, List<String> jvmOptions, String region,
                          String accessKeyId, String secretAccessKey, String sessionToken, LogSink logSink,
                          Duration initTimeout, Path classDataCache) {
        this(javaExecutable, runtimeJars, jvmOptions, region, accessKeyId, secretAccessKey, sessionToken, logSink,
                initTimeout, classDataCache, LaunchOptions.NONE);
    }

    public RuntimeOptions {
        Objects.requireNonNull(javaExecutable, "javaExecutable");
        runtimeJars = List.copyOf(runtimeJars);
        jvmOptions = List.copyOf(jvmOptions);
        Objects.requireNonNull(logSink, "logSink");
        Objects.requireNonNull(initTimeout, "initTimeout");
        Objects.requireNonNull(launchOptions, "launchOptions");
        if (runtimeJars.isEmpty()) {
            throw new IllegalArgumentException("runtimeJars is empty: it must hold the Lambda runtime interface client "
                    + "and its dependencies (RuntimeJars.locate())");
        }
        requireText(region, "region");
        requireText(accessKeyId, "accessKeyId");
        requireText(secretAccessKey, "secretAccessKey");
        requireText(sessionToken, "sessionToken");
        if (initTimeout.isNegative() || initTimeout.isZero()) {
            throw new IllegalArgumentException("initTimeout must be positive, got " + initTimeout);
        }
    }

    /**
     * The JVM running ws-local, the bundled runtime jars, us-east-1, dummy credentials, logs on standard output, and
     * class-data archives in {@link #defaultClassDataCache()}.
     */
    public static RuntimeOptions defaults() {
        return new RuntimeOptions(currentJava(), RuntimeJars.locate(), List.of(), DEFAULT_REGION,
                "AKIAWSLOCALDUMMYKEY0", "ws-local-dummy-secret-access-key", "ws-local-dummy-session-token",
                LogSink.stdout(), DEFAULT_INIT_TIMEOUT, defaultClassDataCache());
    }

    /**
     * {@code ${java.io.tmpdir}/ws-local-class-data}, next to the extracted runtime jars, unless the system property
     * {@value #CLASS_DATA_CACHE_PROPERTY} names another folder (the build sets it for tests: their functions' code
     * lives in temporary folders, and each run's archives would otherwise pile up in the user's temp folder).
     */
    public static Path defaultClassDataCache() {
        String configured = System.getProperty(CLASS_DATA_CACHE_PROPERTY);
        return configured != null && !configured.isBlank() ? Path.of(configured)
                : Path.of(System.getProperty("java.io.tmpdir"), "ws-local-class-data");
    }

    /** The {@code java} launcher of the running JVM. */
    public static Path currentJava() {
        return ProcessHandle.current().info().command().map(Path::of)
                .filter(Files::isExecutable)
                .orElseGet(() -> Path.of(System.getProperty("java.home"), "bin", "java"));
    }

    public RuntimeOptions withJavaExecutable(Path javaExecutable) {
        return new RuntimeOptions(javaExecutable, runtimeJars, jvmOptions, region, accessKeyId, secretAccessKey,
                sessionToken, logSink, initTimeout, classDataCache, launchOptions);
    }

    public RuntimeOptions withRuntimeJars(List<Path> runtimeJars) {
        return new RuntimeOptions(javaExecutable, runtimeJars, jvmOptions, region, accessKeyId, secretAccessKey,
                sessionToken, logSink, initTimeout, classDataCache, launchOptions);
    }

    public RuntimeOptions withJvmOptions(List<String> jvmOptions) {
        return new RuntimeOptions(javaExecutable, runtimeJars, jvmOptions, region, accessKeyId, secretAccessKey,
                sessionToken, logSink, initTimeout, classDataCache, launchOptions);
    }

    public RuntimeOptions withRegion(String region) {
        return new RuntimeOptions(javaExecutable, runtimeJars, jvmOptions, region, accessKeyId, secretAccessKey,
                sessionToken, logSink, initTimeout, classDataCache, launchOptions);
    }

    public RuntimeOptions withCredentials(String accessKeyId, String secretAccessKey, String sessionToken) {
        return new RuntimeOptions(javaExecutable, runtimeJars, jvmOptions, region, accessKeyId, secretAccessKey,
                sessionToken, logSink, initTimeout, classDataCache, launchOptions);
    }

    public RuntimeOptions withLogSink(LogSink logSink) {
        return new RuntimeOptions(javaExecutable, runtimeJars, jvmOptions, region, accessKeyId, secretAccessKey,
                sessionToken, logSink, initTimeout, classDataCache, launchOptions);
    }

    public RuntimeOptions withInitTimeout(Duration initTimeout) {
        return new RuntimeOptions(javaExecutable, runtimeJars, jvmOptions, region, accessKeyId, secretAccessKey,
                sessionToken, logSink, initTimeout, classDataCache, launchOptions);
    }

    /** Where class-data archives are kept, or null to start every function JVM without one. */
    public RuntimeOptions withClassDataCache(Path classDataCache) {
        return new RuntimeOptions(javaExecutable, runtimeJars, jvmOptions, region, accessKeyId, secretAccessKey,
                sessionToken, logSink, initTimeout, classDataCache, launchOptions);
    }

    /** More JVM options for every function, out of the class-data archives' key. */
    public RuntimeOptions withLaunchOptions(LaunchOptions launchOptions) {
        return new RuntimeOptions(javaExecutable, runtimeJars, jvmOptions, region, accessKeyId, secretAccessKey,
                sessionToken, logSink, initTimeout, classDataCache, launchOptions);
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
    }
}
