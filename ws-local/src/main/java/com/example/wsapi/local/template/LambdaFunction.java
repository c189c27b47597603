package com.example.wsapi.local.template;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * An {@code AWS::Serverless::Function} with {@code Globals.Function} applied.
 *
 * @param logicalId      the logical id, also the local function name
 * @param handler        e.g. {@code com.example.wsapi.echo.EchoHandler::handleRequest}
 * @param runtime        e.g. {@code java25}
 * @param codeUri        the CodeUri, absolute (resolved against the template's folder)
 * @param memorySize     MB
 * @param timeoutSeconds the function timeout
 * @param environment    Environment.Variables, resolved to local values
 * @param snapStart      {@code SnapStart: ApplyOn: PublishedVersions} with an {@code AutoPublishAlias}: the versions
 *                       the alias points at are SnapStart snapshots (plain {@code $LATEST} never is)
 * @param layers         the function's Layers, in order
 */
public record LambdaFunction(String logicalId, String handler, String runtime, Path codeUri, int memorySize,
                             int timeoutSeconds, Map<String, String> environment, boolean snapStart,
                             List<LambdaLayer> layers) {

    public LambdaFunction {
        layers = List.copyOf(layers);
    }

    /** Without SnapStart. */
    public LambdaFunction(String logicalId, String handler, String runtime, Path codeUri, int memorySize,
                          int timeoutSeconds, Map<String, String> environment) {
        this(logicalId, handler, runtime, codeUri, memorySize, timeoutSeconds, environment, false, List.of());
    }
}
