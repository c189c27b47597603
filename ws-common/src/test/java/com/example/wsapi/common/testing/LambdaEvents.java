package com.example.wsapi.common.testing;

import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Loads the sample events in {@code events/} the way the Lambda Java runtime deserialises a handler's input:
 * the specially registered event classes through LambdaEventSerializers, every other class through its Jackson.
 */
public final class LambdaEvents {

    private LambdaEvents() {}

    /** The project's root folder (surefire and failsafe pass it as {@code project.root}). */
    public static Path projectRoot() {
        String root = System.getProperty("project.root");
        Path path = root != null ? Path.of(root) : Path.of("").toAbsolutePath().getParent();
        if (!Files.isDirectory(path.resolve("events"))) {
            throw new IllegalStateException("no events/ folder under " + path + ": run the tests with Maven");
        }
        return path;
    }

    public static Path file(String name) {
        return projectRoot().resolve("events").resolve(name);
    }

    public static <T> T load(String name, Class<T> type) {
        try (InputStream in = Files.newInputStream(file(name))) {
            return serializer(type).fromJson(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An event given as JSON text, deserialised as the runtime would. */
    public static <T> T parse(String json, Class<T> type) {
        return serializer(type).fromJson(json);
    }

    /** The handler's response as the runtime writes it back to Lambda. */
    public static <T> String toJson(T response, Class<T> type) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        serializer(type).toJson(response, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    private static <T> PojoSerializer<T> serializer(Class<T> type) {
        if (LambdaEventSerializers.isLambdaSupportedEvent(type.getName())) {
            return LambdaEventSerializers.serializerFor(type, type.getClassLoader());
        }
        return JacksonFactory.getInstance().getSerializer(type);
    }
}
