package com.example.wsapi.local.template;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An {@code AWS::Serverless::Function} with {@code Globals.Function} applied.
 *
 * @param logicalId      the logical id: how ws-local's console lines and routes name the function
 * @param functionName   the name Lambda knows it by (its FunctionName, else the logical id): what the function sees
 *                       as its name and what {@code Ref} of it gives
 * @param handler        e.g. {@code com.example.wsapi.echo.EchoHandler::handleRequest}
 * @param runtime        e.g. {@code java25}
 * @param codeUri        the CodeUri, absolute (resolved against the template's folder)
 * @param memorySize     MB
 * @param timeoutSeconds the function timeout
 * @param environment    Environment.Variables, resolved to local values
 * @param snapStart      {@code SnapStart: ApplyOn: PublishedVersions} with an {@code AutoPublishAlias}: the versions
 *                       the alias points at are SnapStart snapshots (plain {@code $LATEST} never is)
 * @param layers         the function's Layers, in order
 * @param logging        its LoggingConfig
 */
public record LambdaFunction(String logicalId, String functionName, String handler, String runtime, Path codeUri, int memorySize,
                             int timeoutSeconds, Map<String, String> environment, boolean snapStart,
                             List<LambdaLayer> layers, FunctionLogging logging) {

    public LambdaFunction {
        layers = List.copyOf(layers);
        Objects.requireNonNull(logging, "logging");
    }

    /** With Lambda's default logging. */
    public LambdaFunction(String logicalId, String functionName, String handler, String runtime, Path codeUri,
                          int memorySize, int timeoutSeconds, Map<String, String> environment, boolean snapStart,
                          List<LambdaLayer> layers) {
        this(logicalId, functionName, handler, runtime, codeUri, memorySize, timeoutSeconds, environment, snapStart,
                layers, FunctionLogging.DEFAULT);
    }

    /** Without a FunctionName, SnapStart or layers. */
    public LambdaFunction(String logicalId, String handler, String runtime, Path codeUri, int memorySize,
                          int timeoutSeconds, Map<String, String> environment) {
        this(logicalId, logicalId, handler, runtime, codeUri, memorySize, timeoutSeconds, environment, false, List.of());
    }
}
