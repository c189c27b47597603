package com.example.wsapi.local.lambda.testfunctions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.Map;

/** Takes 20 seconds to initialise; says so first, so that a test knows its JVM is in the init. */
public class SlowInitHandler implements RequestHandler<Map<String, Object>, String> {

    static {
        System.out.println("SlowInit: initialising");
        System.out.flush();
        try {
            Thread.sleep(20_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String handleRequest(Map<String, Object> event, Context context) {
        return "ready";
    }
}
