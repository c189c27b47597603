package com.example.wsapi.local.template;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Where the code of an {@code AWS::Lambda::Function} (its {@code Code}) or an {@code AWS::Lambda::LayerVersion} (its
 * {@code Content}) is on this machine, found as the SAM CLI finds it: the asset the resource's Metadata names
 * ({@code aws:asset:path} with {@code aws:asset:property}, which the CDK writes on every resource whose code is an
 * asset: the folder or file {@code cdk synth} staged beside the template, or with {@code --no-staging} the source
 * itself), else, for code in S3 whose key the stack's CDK asset manifest beside the template names, the asset staged
 * for that key (what {@code cdk deploy} uploads there; an app run by itself, not by the CDK CLI, writes no asset
 * Metadata), else the property itself when it is a path (the form {@code sam deploy} and
 * {@code aws cloudformation package} upload). Code in S3 only, inline or in an image is not local. Either way the code
 * is the deployment package as it is: nothing builds it before it is uploaded.
 *
 * @param path     the code's file or folder, absolute
 * @param cdkAsset whether a CDK asset's Metadata named it
 */
record PackagedCode(Path path, boolean cdkAsset) {

    static final String ASSET_PATH = "aws:asset:path";
    static final String ASSET_PROPERTY = "aws:asset:property";

    /**
     * The resource's local code, or null when it has none ({@link #notLocal} says why).
     *
     * @param property {@code Code} of a function, {@code Content} of a layer
     * @throws TemplateProblem when the Metadata or the property names a path that is not there
     */
    static PackagedCode find(TemplateContext context, String id, String property) {
        Map<String, Object> metadata = context.metadata(id);
        Path folder = context.file().toAbsolutePath().getParent();
        if (property.equals(metadata.get(ASSET_PROPERTY)) && metadata.get(ASSET_PATH) != null) {
            String at = "Resources." + id + ".Metadata." + ASSET_PATH;
            Path asset = folder.resolve(Intrinsics.text(metadata.get(ASSET_PATH), at)).normalize();
            if (!Files.exists(asset)) {
                throw new TemplateProblem(at, "the CDK asset " + metadata.get(ASSET_PATH) + " is not there (" + asset
                        + "): `cdk synth` writes each asset beside the template it writes (in cdk.out); run "
                        + "`cdk synth` again and pass ws-local that template, not a copy of it or an older one");
            }
            return new PackagedCode(asset, true);
        }
        String at = "Resources." + id + ".Properties." + property;
        // Only without any asset Metadata: half of it is a mistake notLocal names, not a cue to look elsewhere.
        if (!metadata.containsKey(ASSET_PATH) && !metadata.containsKey(ASSET_PROPERTY)
                && context.properties(id).get(property) instanceof Map<?, ?> location
                && location.get("S3Key") instanceof String key) {
            Optional<Path> staged = CdkAssembly.stagedAsset(context.file(), key);
            if (staged.isPresent()) {
                if (!Files.exists(staged.get())) {
                    throw new TemplateProblem(at + ".S3Key", "the CDK asset uploaded as " + key + " is not there ("
                            + staged.get() + "), though the stack's asset manifest beside the template stages it "
                            + "there: synthesize the app again and pass ws-local that template");
                }
                return new PackagedCode(staged.get(), true);
            }
        }
        if (context.resolve(context.properties(id).get(property), at) instanceof String written
                && !written.startsWith("s3://")) {
            Path code = folder.resolve(written).normalize();
            if (!Files.exists(code)) {
                throw new TemplateProblem(at, property + " " + written + " does not exist (" + code + "): fix the "
                        + "path, relative to the template's folder " + folder);
            }
            return new PackagedCode(code, false);
        }
        return null;
    }

    /** Why the resource has no local code ({@link #find} gave null), as a clause after "its code". */
    static String notLocal(TemplateContext context, String id, String property) {
        Map<String, Object> metadata = context.metadata(id);
        String at = "Resources." + id + ".Properties." + property;
        Object code = context.resolve(context.properties(id).get(property), at);
        if (code instanceof Map<?, ?> location && location.containsKey("ZipFile")) {
            return "is inline (" + property + ".ZipFile), which Lambda runs for Node.js and Python only";
        }
        if (code instanceof Map<?, ?> location && location.containsKey("ImageUri")) {
            return "is a container image (" + property + ".ImageUri): ws-local runs Java classes, not images";
        }
        String where = code instanceof Map<?, ?> location && location.containsKey("S3Bucket") ? "is in S3 ("
                + property + ".S3Bucket and S3Key)" : code instanceof String s3 ? "is in S3 (" + s3 + ")"
                : "is not local (" + (code == null ? "no " + property : property + " is " + Intrinsics.describe(code))
                + ")";
        if (metadata.containsKey(ASSET_PATH) != metadata.containsKey(ASSET_PROPERTY)) {
            return where + ", and its Metadata has only one of " + ASSET_PATH + " and " + ASSET_PROPERTY + ", which "
                    + "name its local copy together (as the SAM CLI, ws-local reads neither alone): give it both";
        }
        return where + " and its Metadata names no local copy (" + ASSET_PATH + " with " + ASSET_PROPERTY + ": "
                + property + ") and no CDK asset manifest beside the template stages it: if the CDK synthesized "
                + "this template, pass ws-local the template in the cloud assembly (cdk.out) with its manifest.json "
                + "and asset manifest, or synthesize it with its asset metadata (the CDK CLI writes it unless "
                + "`cdk synth --no-asset-metadata` or the context aws:cdk:enable-asset-metadata false); otherwise "
                + "write " + property + " as the path of the built code, relative to the template"
                + (property.equals("Code") ? ", or make it an AWS::Serverless::Function with a local CodeUri" : "");
    }
}
