package com.example.wsapi.common.aws;

import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * SnapStart priming: before the snapshot, run a function's real request path once so the snapshot holds loaded
 * classes, built clients and warmed code. The request is stopped after signing, before it leaves the JVM, so
 * priming writes nothing and needs no permissions beyond what the function has.
 */
public final class Priming implements Resource {

    private static volatile boolean active;

    private final Runnable requestPath;

    private Priming(Runnable requestPath) {
        this.requestPath = requestPath;
    }

    /** Registers the request path; keep the returned object referenced (CRaC holds resources weakly). */
    public static Priming register(Runnable requestPath) {
        Priming priming = new Priming(requestPath);
        Core.getGlobalContext().register(priming);
        return priming;
    }

    /**
     * Runs one step of a request path that has several SDK calls: the stopped call ends only this step, so the
     * next step's code gets warmed too.
     */
    public static void step(Runnable step) {
        try {
            step.run();
        } catch (RuntimeException expected) {
            // The stopped SDK call surfaces as an exception.
        }
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        prime();
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        // Nothing to undo: clients resolve credentials per request.
    }

    /** Runs the request path with every SDK call stopped before transmission. */
    void prime() {
        active = true;
        try {
            requestPath.run();
        } catch (RuntimeException expected) {
            // The stopped SDK call surfaces as an exception; what was warmed stays warm.
        } finally {
            active = false;
        }
    }

    static boolean active() {
        return active;
    }

    /** Stops SDK requests while priming; a no-op otherwise. */
    static final class StopBeforeSending implements ExecutionInterceptor {
        @Override
        public void beforeTransmission(software.amazon.awssdk.core.interceptor.Context.BeforeTransmission context,
                                       ExecutionAttributes executionAttributes) {
            if (active) {
                throw new PrimingStop();
            }
        }
    }

    /** Thrown instead of sending a request during priming. */
    static final class PrimingStop extends RuntimeException {
        PrimingStop() {
            super("priming: request stopped before transmission", null, false, false);
        }
    }
}
