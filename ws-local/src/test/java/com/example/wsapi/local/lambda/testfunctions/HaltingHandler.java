package com.example.wsapi.local.lambda.testfunctions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.Map;

/** Kills its own JVM (exit status 3) when the event says "halt": true; else returns its process id. */
public class HaltingHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        if (Boolean.TRUE.equals(event.get("halt"))) {
            System.out.println("halting now");
            System.out.flush();
            Runtime.getRuntime().halt(3);
        }
        return Map.of("pid", ProcessHandle.current().pid());
    }
}
