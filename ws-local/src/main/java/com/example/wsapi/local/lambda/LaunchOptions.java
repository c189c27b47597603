package com.example.wsapi.local.lambda;

import java.util.List;

/**
 * JVM options a function's JVM gets besides the runtime's and ws-local's own: system properties that change nothing a
 * class-data archive holds, so they are no part of its key (a port that differs on every start would otherwise make
 * every start record a new archive). Asked on a worker thread before each launch: it may wait.
 */
@FunctionalInterface
public interface LaunchOptions {

    LaunchOptions NONE = function -> List.of();

    /** The options for an instance of {@code function}, placed after every other JVM option. */
    List<String> jvmOptions(FunctionSettings function);
}
