package com.example.wsapi.local.lambda;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * A function as the local Lambda runtime runs it.
 *
 * @param name           the local name functions are registered, invoked and logged under (the template's logical id)
 * @param handler        {@code package.Class::method}
 * @param classpath      the function's code: its classes folder and its jars
 * @param environment    the environment the function sees (besides what the runtime adds)
 * @param timeout        the function timeout
 * @param memoryMb       MemorySize (reported, and the JVM's heap is sized from it)
 * @param maxConcurrency how many instances may run at once
 * @param scaling        when another instance starts, below maxConcurrency
 * @param snapStart      SnapStart is on for the version the routes invoke: each instance runs the CRaC
 *                       {@code beforeCheckpoint} hooks (priming) and the restore hooks before its first event
 * @param runtime        the template's {@code Runtime}, e.g. {@code java25} (the functions see it in AWS_EXECUTION_ENV)
 * @param functionName   the name Lambda knows the function by (its FunctionName, else {@code name}): the function
 *                       sees it in AWS_LAMBDA_FUNCTION_NAME (its Context's function name), its log group and its ARN
 * @param logGroup       the log group the function logs to (its LoggingConfig's), or null for Lambda's
 *                       {@code /aws/lambda/<functionName>}
 * @param reservedConcurrency its ReservedConcurrentExecutions, if any: at most that many events run or wait for an
 *                       instance at once, more are throttled (0: every one), and it caps the instances below
 *                       maxConcurrency
 */
public record FunctionSettings(String name, String handler, List<Path> classpath, Map<String, String> environment,
                               Duration timeout, int memoryMb, int maxConcurrency, Scaling scaling,
                               boolean snapStart, String runtime, String functionName, String logGroup,
                               OptionalInt reservedConcurrency) {
    /** The runtime when none is named: the project's own. */
    public static final String DEFAULT_RUNTIME = "java25";

    public FunctionSettings {
        classpath = List.copyOf(classpath);
        environment = Map.copyOf(environment);
        Objects.requireNonNull(scaling, "scaling");
        Objects.requireNonNull(runtime, "runtime");
        Objects.requireNonNull(functionName, "functionName");
        Objects.requireNonNull(reservedConcurrency, "reservedConcurrency");
    }

    /** Without ReservedConcurrentExecutions. */
    public FunctionSettings(String name, String handler, List<Path> classpath, Map<String, String> environment,
                            Duration timeout, int memoryMb, int maxConcurrency, Scaling scaling, boolean snapStart,
                            String runtime, String functionName, String logGroup) {
        this(name, handler, classpath, environment, timeout, memoryMb, maxConcurrency, scaling, snapStart, runtime,
                functionName, logGroup, OptionalInt.empty());
    }

    /** Logging to Lambda's log group of the function. */
    public FunctionSettings(String name, String handler, List<Path> classpath, Map<String, String> environment,
                            Duration timeout, int memoryMb, int maxConcurrency, Scaling scaling, boolean snapStart,
                            String runtime, String functionName) {
        this(name, handler, classpath, environment, timeout, memoryMb, maxConcurrency, scaling, snapStart, runtime,
                functionName, null);
    }

    /** The log group the function's AWS_LAMBDA_LOG_GROUP_NAME names. */
    public String logGroupName() {
        return logGroup != null ? logGroup : "/aws/lambda/" + functionName;
    }

    /** On {@value #DEFAULT_RUNTIME}, named {@code name} on Lambda too. */
    public FunctionSettings(String name, String handler, List<Path> classpath, Map<String, String> environment,
                            Duration timeout, int memoryMb, int maxConcurrency, Scaling scaling, boolean snapStart) {
        this(name, handler, classpath, environment, timeout, memoryMb, maxConcurrency, scaling, snapStart,
                DEFAULT_RUNTIME, name);
    }

    /** The same function on other code (a rebuild). */
    public FunctionSettings withClasspath(List<Path> classpath) {
        return new FunctionSettings(name, handler, classpath, environment, timeout, memoryMb, maxConcurrency, scaling,
                snapStart, runtime, functionName, logGroup, reservedConcurrency);
    }

    /** The same function with ReservedConcurrentExecutions {@code reserved}. */
    public FunctionSettings withReservedConcurrency(int reserved) {
        return new FunctionSettings(name, handler, classpath, environment, timeout, memoryMb, maxConcurrency, scaling,
                snapStart, runtime, functionName, logGroup, OptionalInt.of(reserved));
    }

    /** The most instances the function may have: maxConcurrency, or its reservation when that is lower. */
    public int instanceLimit() {
        return reservedConcurrency.isPresent() ? Math.min(maxConcurrency, reservedConcurrency.getAsInt())
                : maxConcurrency;
    }

    /** Lambda's scaling, no SnapStart, on {@value #DEFAULT_RUNTIME}. */
    public FunctionSettings(String name, String handler, List<Path> classpath, Map<String, String> environment,
                            Duration timeout, int memoryMb, int maxConcurrency) {
        this(name, handler, classpath, environment, timeout, memoryMb, maxConcurrency, Scaling.LAMBDA, false);
    }
}
