package com.example.wsapi.local.lambda.testfunctions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.Map;

/** Returns what the function sees: its environment, its Context and its process. */
public class EnvironmentHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        Map<String, Object> seen = new LinkedHashMap<>();
        seen.put("env", System.getenv());
        seen.put("functionName", context.getFunctionName());
        seen.put("functionVersion", context.getFunctionVersion());
        seen.put("awsRequestId", context.getAwsRequestId());
        seen.put("invokedFunctionArn", context.getInvokedFunctionArn());
        seen.put("remainingTimeInMillis", context.getRemainingTimeInMillis());
        seen.put("memoryLimitInMB", context.getMemoryLimitInMB());
        seen.put("logGroupName", context.getLogGroupName());
        seen.put("logStreamName", context.getLogStreamName());
        seen.put("xrayTraceId", System.getProperty("com.amazonaws.xray.traceHeader"));
        seen.put("pid", ProcessHandle.current().pid());
        seen.put("workingDirectory", System.getProperty("user.dir"));
        seen.put("maxHeapBytes", Runtime.getRuntime().maxMemory());
        seen.put("maxRam", ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class)
                .getVMOption("MaxRAM").getValue());
        seen.put("compileThresholdScaling", ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class)
                .getVMOption("CompileThresholdScaling").getValue());
        seen.put("nativeLibrary", System.getProperty(
                "com.amazonaws.services.lambda.runtime.api.client.runtimeapi.NativeClient.JNI", ""));
        seen.put("event", event);
        return seen;
    }
}
