package com.example.wsapi.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.wsapi.local.template.IntegrationSpec;
import com.example.wsapi.local.template.LambdaFunction;
import com.example.wsapi.local.template.Route;
import com.example.wsapi.local.template.SamTemplate;
import com.example.wsapi.local.template.WebSocketApi;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class BannerNotesTest {

    private static LambdaFunction function(String id, Map<String, String> environment) {
        return new LambdaFunction(id, id, "example.Handler", "java21", Path.of(id), 256, 30, environment, false,
                List.of());
    }

    /** A chat API whose sendmessage route calls {@code send}, and whose $connect calls a function that never posts. */
    private static SamTemplate template(LambdaFunction send) {
        LambdaFunction connect = function("OnConnect", Map.of("TABLE_NAME", "connections"));
        Map<String, LambdaFunction> functions = new LinkedHashMap<>();
        functions.put(connect.logicalId(), connect);
        functions.put(send.logicalId(), send);
        WebSocketApi api = new WebSocketApi("ChatApi", "abcdefghij", "$request.body.action", "Prod", Map.of(), List.of(
                new Route("ConnectRoute", "$connect", new IntegrationSpec.AwsProxy("C", "OnConnect", 29000), false, null),
                new Route("SendRoute", "sendmessage", new IntegrationSpec.AwsProxy("S", send.logicalId(), 29000), false,
                        null)));
        return new SamTemplate(Path.of("template.yaml"), api, functions, List.of());
    }

    @Test
    void templateWithoutNotes_printsNone() {
        assertEquals("", BannerNotes.of(template(function("SendMessage", Map.of("TABLE_NAME", "t")))));
    }

    @Test
    void templateNotes_followEachOnItsOwn_wrappedToTheBannersWidth() {
        SamTemplate plain = template(function("SendMessage", Map.of("ENDPOINT", "http://127.0.0.1:4201/Prod")));
        String note = "Send: no AWS::Lambda::Permission lets API Gateway invoke it for route sendmessage ".repeat(4);
        SamTemplate noted = new SamTemplate(plain.file(), plain.api(), plain.functions(), plain.tables(),
                List.of(note.trim(), "Second."));

        String notes = BannerNotes.of(noted);

        List<String> lines = notes.lines().toList();
        assertEquals("", lines.get(0));
        assertTrue(lines.get(1).startsWith("Note: Send: no AWS::Lambda::Permission"), notes);
        assertTrue(lines.stream().allMatch(line -> line.length() <= 118), notes);
        assertTrue(lines.get(2).startsWith("      "), notes);
        assertEquals(note.trim(), String.join(" ", lines.subList(1, lines.size() - 2)).replace("Note: ", "")
                .replaceAll(" +", " ").trim());
        assertEquals(List.of("", "Note: Second."), lines.subList(lines.size() - 2, lines.size()));
    }
}
