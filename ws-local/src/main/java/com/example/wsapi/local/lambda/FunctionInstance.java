package com.example.wsapi.local.lambda;

import io.netty.channel.Channel;
import io.netty.channel.group.ChannelGroup;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;

/** One function process and its Runtime API endpoint. Mutable fields are guarded by the owning {@link FunctionPool}. */
final class FunctionInstance {

    enum State {
        /** Launched; has not asked for an event yet. */
        STARTING,
        /** Waiting for (or about to ask for) an event. */
        READY,
        /** Handling {@link #current}. */
        BUSY,
        /** Killed or exited; out of the pool. */
        GONE
    }

    final int number;
    final String logStreamName;
    final ChannelGroup connections;
    State state = State.STARTING;
    Channel server;
    Process process;
    /** How the process was started with respect to class-data archives; null without a cache. */
    ClassDataCache.Launch classData;
    /** Completes once the process has exited and what it recorded (a class-data archive) is handled. */
    CompletableFuture<Void> exitHandled;
    OutputPump output;
    PendingPoll poll;
    Invocation current;
    /** The init deadline while STARTING, the invocation's timeout while BUSY. */
    ScheduledFuture<?> timer;
    ErrorDocument initError;
    long startNanos;
    long initNanos = -1;
    /** SnapStart: when the runtime asked to be restored (its init and checkpoint hooks done); 0 before. */
    long restoreStartNanos;
    int invocations;
    /** Started ahead of any event: its init delayed none, so no REPORT carries it. */
    boolean prewarmed;
    /** Completes with true when the instance first asks for an event, false when it is gone before. */
    final CompletableFuture<Boolean> ready = new CompletableFuture<>();

    FunctionInstance(int number, String logStreamName, ChannelGroup connections) {
        this.number = number;
        this.logStreamName = logStreamName;
        this.connections = connections;
    }

    long pid() {
        return process == null ? -1 : process.pid();
    }
}
