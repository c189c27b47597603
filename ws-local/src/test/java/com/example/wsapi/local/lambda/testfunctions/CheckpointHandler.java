package com.example.wsapi.local.lambda.testfunctions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.crac.Core;
import org.crac.Resource;

/**
 * Registers a CRaC resource, as a function primed for SnapStart does, and answers with what its hooks did before the
 * event and the init type the runtime was started with. {@code HOOK_FAILS=beforeCheckpoint|afterRestore} makes that
 * hook throw.
 */
public class CheckpointHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {

    private static final List<String> HOOKS = new ArrayList<>();

    // CRaC holds resources weakly: keep it.
    private final Resource resource = new Resource() {
        @Override
        public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
            record("beforeCheckpoint");
        }

        @Override
        public void afterRestore(org.crac.Context<? extends Resource> context) {
            record("afterRestore");
        }
    };

    public CheckpointHandler() {
        Core.getGlobalContext().register(resource);
    }

    private static synchronized void record(String hook) {
        System.out.println("hook " + hook);
        if (hook.equals(System.getenv("HOOK_FAILS"))) {
            throw new IllegalStateException(hook + " failed on purpose");
        }
        HOOKS.add(hook);
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        synchronized (CheckpointHandler.class) {
            return Map.of("hooksBeforeEvent", List.copyOf(HOOKS),
                    "initializationType", String.valueOf(System.getenv("AWS_LAMBDA_INITIALIZATION_TYPE")),
                    "pid", ProcessHandle.current().pid());
        }
    }
}
