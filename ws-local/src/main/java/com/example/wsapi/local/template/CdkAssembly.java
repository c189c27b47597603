package com.example.wsapi.local.template;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * What a CDK cloud assembly (the {@code cdk.out} folder {@code cdk synth} writes) says of a template in it: its
 * {@code manifest.json} lists each stack as an artifact of type {@code aws:cloudformation:stack} with its
 * {@code templateFile}, and names the stack {@code cdk deploy} deploys: its {@code stackName} property, else the
 * artifact's id. A folder without such a manifest is no cloud assembly, and says nothing.
 */
final class CdkAssembly {

    static final String MANIFEST = "manifest.json";

    private CdkAssembly() {}

    /** The stack the template deploys as, when a cloud assembly's manifest beside it lists it. */
    static Optional<String> stackName(Path templateFile) {
        Path folder = templateFile.toAbsolutePath().getParent();
        Path manifest = folder.resolve(MANIFEST);
        if (!Files.isRegularFile(manifest)) {
            return Optional.empty();
        }
        JsonElement root;
        try {
            root = JsonParser.parseString(Files.readString(manifest, StandardCharsets.UTF_8));
        } catch (IOException | JsonParseException e) {
            return Optional.empty(); // some other manifest.json (a web app's): not the CDK's
        }
        if (!(root instanceof JsonObject object) || !(object.get("artifacts") instanceof JsonObject artifacts)) {
            return Optional.empty();
        }
        String fileName = templateFile.getFileName().toString();
        for (Map.Entry<String, JsonElement> artifact : artifacts.entrySet()) {
            if (artifact.getValue() instanceof JsonObject stack
                    && "aws:cloudformation:stack".equals(text(stack.get("type")))
                    && stack.get("properties") instanceof JsonObject properties
                    && fileName.equals(text(properties.get("templateFile")))) {
                String named = text(properties.get("stackName"));
                return Optional.of(named != null ? named : artifact.getKey());
            }
        }
        return Optional.empty();
    }

    private static String text(JsonElement element) {
        return element != null && element.isJsonPrimitive() ? element.getAsString() : null;
    }
}
