package com.example.wsapi.bench;

import com.example.wsapi.local.LocalApi;
import com.example.wsapi.local.LocalOptions;
import com.example.wsapi.local.lambda.FunctionCode;
import com.example.wsapi.local.lambda.FunctionSettings;
import com.example.wsapi.local.lambda.RuntimeOptions;
import com.example.wsapi.local.template.LambdaFunction;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** ws-local in this JVM on the project's template.yaml, as {@code LocalApiIT} starts it. */
final class LocalStack {

    private LocalStack() {}

    static LocalApi start(Bench.Options options, int maxConcurrency, RuntimeOptions runtime) throws Exception {
        return LocalApi.start(new LocalOptions(options.root().resolve("template.yaml"), "127.0.0.1", 0, null,
                "us-east-1", Duration.ofMinutes(10), null, 0, Map.of(), Map.of(), maxConcurrency), runtime);
    }

    /** A function's settings exactly as LocalApi registers it (its environment points at the local services). */
    static FunctionSettings settings(LocalApi api, String logicalId, int maxConcurrency) {
        LambdaFunction function = api.template().functions().get(logicalId);
        if (function == null) {
            throw new IllegalArgumentException("no function " + logicalId + " in " + api.template().file());
        }
        Map<String, String> environment = new HashMap<>(function.environment());
        environment.put("AWS_ENDPOINT_URL_DYNAMODB", api.dynamo().endpoint().toString());
        Path templateDir = api.template().file().getParent();
        return new FunctionSettings(logicalId, function.handler(),
                FunctionCode.classpath(templateDir, logicalId, function.codeUri()), environment,
                Duration.ofSeconds(function.timeoutSeconds()), function.memorySize(), maxConcurrency);
    }
}
