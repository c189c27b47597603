package com.example.wsapi.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InvokeEventTest {

    private static final ByteArrayInputStream NO_INPUT = new ByteArrayInputStream(new byte[0]);

    @Test
    void readEvent_ofDash_readsStandardInput_asSamLocalInvokeDoes() throws Exception {
        String event = "{\"body\":\"é\"}";

        assertEquals(event, Main.Invoke.readEvent(Path.of("-"),
                new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8))));
    }

    @Test
    void readEvent_ofAFile_readsIt_andOfNoFile_namesThePath(@TempDir Path folder) throws Exception {
        Path file = Files.writeString(folder.resolve("echo.json"), "{}");

        assertEquals("{}", Main.Invoke.readEvent(file, NO_INPUT));
        LocalApiException thrown = assertThrows(LocalApiException.class,
                () -> Main.Invoke.readEvent(folder.resolve("missing.json"), NO_INPUT));
        assertTrue(thrown.getMessage().contains("no event file at " + folder.resolve("missing.json")),
                thrown.getMessage());
    }
}
