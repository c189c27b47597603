package com.example.wsapi.local.template;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * An {@code AWS::Serverless::Function} with {@code Globals.Function} applied, or an {@code AWS::Lambda::Function}
 * whose code is local (a CDK asset, or a path as its Code).
 *
 * @param logicalId      the logical id: how ws-local's console lines and routes name the function
 * @param functionName   the name Lambda knows it by (its FunctionName, else the logical id): what the function sees
 *                       as its name and what {@code Ref} of it gives
 * @param handler        e.g. {@code com.example.wsapi.echo.EchoHandler::handleRequest}
 * @param runtime        e.g. {@code java25}
 * @param codeUri        the CodeUri, absolute (resolved against the template's folder); of an AWS::Lambda::Function,
 *                       its code's file or folder ({@link PackagedCode})
 * @param memorySize     MB
 * @param timeoutSeconds the function timeout
 * @param environment    Environment.Variables, resolved to local values
 * @param snapStart      {@code SnapStart: ApplyOn: PublishedVersions} with an {@code AutoPublishAlias}: the versions
 *                       the alias points at are SnapStart snapshots (plain {@code $LATEST} never is)
 * @param layers         the function's Layers, in order
 * @param logging        its LoggingConfig
 * @param packaged       whether its code is the deployment package as it is (an AWS::Lambda::Function's: nothing
 *                       builds it before deploying, so Lambda runs its root's classes and lib/*.jar only), not a
 *                       SAM CodeUri that sam build builds
 * @param cdkPath        its construct's path in the CDK app (its {@code aws:cdk:path} Metadata, e.g.
 *                       {@code ChatStack/EchoHandler/Resource}), or null
 * @param reservedConcurrentExecutions its ReservedConcurrentExecutions (0 or more), if it has any
 */
public record LambdaFunction(String logicalId, String functionName, String handler, String runtime, Path codeUri, int memorySize,
                             int timeoutSeconds, Map<String, String> environment, boolean snapStart,
                             List<LambdaLayer> layers, FunctionLogging logging, boolean packaged, String cdkPath,
                             OptionalInt reservedConcurrentExecutions) {

    public LambdaFunction {
        layers = List.copyOf(layers);
        Objects.requireNonNull(logging, "logging");
        Objects.requireNonNull(reservedConcurrentExecutions, "reservedConcurrentExecutions");
    }

    /** A SAM function: its CodeUri is built before it is deployed, and no CDK construct made it. */
    public LambdaFunction(String logicalId, String functionName, String handler, String runtime, Path codeUri,
                          int memorySize, int timeoutSeconds, Map<String, String> environment, boolean snapStart,
                          List<LambdaLayer> layers, FunctionLogging logging) {
        this(logicalId, functionName, handler, runtime, codeUri, memorySize, timeoutSeconds, environment, snapStart,
                layers, logging, false, null, OptionalInt.empty());
    }

    /**
     * The id the SAM CLI also knows a CDK app's function by (for {@code sam local invoke EchoHandler}): its
     * construct's id, from a path of two or three parts ({@code ChatStack/EchoHandler/Resource}); else null.
     */
    public String cdkId() {
        String[] parts = cdkPath == null ? new String[0] : cdkPath.split("/");
        if (parts.length < 2 || parts.length > 3) {
            return null;
        }
        return parts[parts.length - 1].equals("Resource") ? parts[parts.length - 2] : parts[parts.length - 1];
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
