package com.example.wsapi.local.template;

import java.nio.file.Path;

/**
 * A layer of a function: an {@code AWS::Serverless::LayerVersion} of the template. Lambda puts a Java layer's
 * {@code java/lib/*.jar} on the function's classpath.
 *
 * @param logicalId  the layer's logical id ({@code sam build} builds it into {@code .aws-sam/build/<logicalId>})
 * @param contentUri its ContentUri, absolute: a folder, {@code .zip} or {@code .jar}
 */
public record LambdaLayer(String logicalId, Path contentUri) {}
