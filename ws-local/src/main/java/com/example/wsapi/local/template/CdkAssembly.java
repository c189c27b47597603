package com.example.wsapi.local.template;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a CDK cloud assembly (the {@code cdk.out} folder {@code cdk synth} writes) says of a template in it: its
 * {@code manifest.json} lists each stack as an artifact of type {@code aws:cloudformation:stack} with its
 * {@code templateFile}, and names the stack {@code cdk deploy} deploys: its {@code stackName} property, else the
 * artifact's id. The stack depends on an artifact of type {@code cdk:asset-manifest} whose {@code file}
 * ({@code <stack>.assets.json}) says, for each asset, where it is staged ({@code source.path}) and under which S3 key
 * {@code cdk deploy} uploads it ({@code destinations.*.objectKey}), the key the template's code names. A folder
 * without such a manifest is no cloud assembly, and says nothing.
 */
final class CdkAssembly {

    static final String MANIFEST = "manifest.json";

    private CdkAssembly() {}

    /** The stack the template deploys as, when a cloud assembly's manifest beside it lists it. */
    static Optional<String> stackName(Path templateFile) {
        return stackArtifact(templateFile).map(stack -> {
            String named = text(stack.body().getAsJsonObject("properties").get("stackName"));
            return named != null ? named : stack.id();
        });
    }

    /**
     * The staged asset {@code cdk deploy} uploads under {@code objectKey}, as the stack's asset manifest says, when
     * the manifest beside the template lists the stack with one that has it (it may not be there: the caller checks).
     * Read when the template's resources carry no asset Metadata, as when the app was run by itself rather than by
     * the CDK CLI, which asks for that Metadata.
     */
    static Optional<Path> stagedAsset(Path templateFile, String objectKey) {
        Path folder = templateFile.toAbsolutePath().getParent();
        Optional<StackArtifact> stack = stackArtifact(templateFile);
        for (String dependency : stack.map(found -> dependencies(found.body())).orElse(List.of())) {
            if (stack.get().artifacts().get(dependency) instanceof JsonObject manifest
                    && "cdk:asset-manifest".equals(text(manifest.get("type")))
                    && manifest.get("properties") instanceof JsonObject properties
                    && text(properties.get("file")) != null
                    && json(folder.resolve(text(properties.get("file")))) instanceof JsonObject assets
                    && assets.get("files") instanceof JsonObject files) {
                for (Map.Entry<String, JsonElement> file : files.entrySet()) {
                    if (file.getValue() instanceof JsonObject asset && uploadedAs(asset, objectKey)
                            && asset.get("source") instanceof JsonObject source
                            && text(source.get("path")) != null) {
                        return Optional.of(folder.resolve(text(source.get("path"))).normalize());
                    }
                }
            }
        }
        return Optional.empty();
    }

    private static boolean uploadedAs(JsonObject asset, String objectKey) {
        if (!(asset.get("destinations") instanceof JsonObject destinations)) {
            return false;
        }
        return destinations.entrySet().stream().anyMatch(destination -> destination.getValue() instanceof JsonObject to
                && objectKey.equals(text(to.get("objectKey"))));
    }

    /** The artifacts the stack's deployment waits for, among them its asset manifest. */
    private static List<String> dependencies(JsonObject stack) {
        List<String> ids = new ArrayList<>();
        for (JsonElement list : new JsonElement[] {stack.get("dependencies"),
                stack.getAsJsonObject("properties").get("additionalDependencies")}) {
            if (list instanceof JsonArray array) {
                for (JsonElement id : array) {
                    if (text(id) != null && !ids.contains(text(id))) {
                        ids.add(text(id));
                    }
                }
            }
        }
        return ids;
    }

    /** A stack artifact of the manifest, and the manifest's artifacts. */
    private record StackArtifact(String id, JsonObject body, JsonObject artifacts) {}

    /** The stack artifact whose templateFile is the template, from the manifest beside it. */
    private static Optional<StackArtifact> stackArtifact(Path templateFile) {
        Path manifest = templateFile.toAbsolutePath().getParent().resolve(MANIFEST);
        if (!(json(manifest) instanceof JsonObject object) || !(object.get("artifacts") instanceof JsonObject artifacts)) {
            return Optional.empty();
        }
        String fileName = templateFile.getFileName().toString();
        for (Map.Entry<String, JsonElement> artifact : artifacts.entrySet()) {
            if (artifact.getValue() instanceof JsonObject stack
                    && "aws:cloudformation:stack".equals(text(stack.get("type")))
                    && stack.get("properties") instanceof JsonObject properties
                    && fileName.equals(text(properties.get("templateFile")))) {
                return Optional.of(new StackArtifact(artifact.getKey(), stack, artifacts));
            }
        }
        return Optional.empty();
    }

    /** The file's JSON, or null when it is not there or not JSON (some other manifest.json, a web app's). */
    private static JsonElement json(Path file) {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            return JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException | JsonParseException e) {
            return null;
        }
    }

    private static String text(JsonElement element) {
        return element != null && element.isJsonPrimitive() ? element.getAsString() : null;
    }
}
