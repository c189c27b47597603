package com.example.wsapi.local.template;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.wsapi.local.testing.TestTemplates;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Small templates written to a folder and read into a {@link TemplateContext}, for the readers' unit tests. */
final class TemplateFixture {

    /** A WebSocket API with a stage {@code dev}: the part of a template every reader test shares. */
    static final String API = "Resources:\n" + TestTemplates.webSocketApi("api", "dev");

    private TemplateFixture() {}

    static LocalSettings settings(String stageOverride) {
        return new LocalSettings("us-east-1", "123456789012", "stack", stageOverride, URI.create("http://127.0.0.1:3001"));
    }

    /** Writes {@code yaml} as {@code template.yaml} in {@code folder} and reads it. */
    static TemplateContext context(Path folder, String yaml, String stageOverride) {
        return context(folder, yaml, stageOverride, new LocalPlaceholders());
    }

    /** As {@link #context(Path, String, String)}, the placeholders of GetAtt values ws-local cannot know kept. */
    static TemplateContext context(Path folder, String yaml, String stageOverride, LocalPlaceholders placeholders) {
        Path file = folder.resolve("template.yaml");
        try {
            Files.writeString(file, yaml);
            return new TemplateContext(file, TemplateYaml.read(file), settings(stageOverride), Map.of(),
                    context -> new LocalResourceValues(context, placeholders));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (TemplateException e) {
            throw new IllegalStateException(e);
        }
    }

    static TemplateContext context(Path folder, String yaml) {
        return context(folder, yaml, null);
    }

    /** Runs a read that must fail; returns the message, which must contain each fragment. */
    static String problem(Runnable read, String... fragments) {
        TemplateProblem problem = assertThrows(TemplateProblem.class, read::run);
        for (String fragment : fragments) {
            assertTrue(problem.getMessage().contains(fragment),
                    () -> "\"" + fragment + "\" missing from: " + problem.getMessage());
        }
        return problem.getMessage();
    }
}
