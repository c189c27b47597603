package com.example.wsapi.local.lambda.testfunctions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.Map;

/** Fails in its static initializer, so the runtime reports an init error. */
public class BrokenInitHandler implements RequestHandler<Map<String, Object>, String> {

    private static final String CONFIG = loadConfig();

    private static String loadConfig() {
        throw new IllegalStateException("cannot load configuration");
    }

    @Override
    public String handleRequest(Map<String, Object> event, Context context) {
        return CONFIG;
    }
}
