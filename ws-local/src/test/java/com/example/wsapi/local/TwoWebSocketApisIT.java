package com.example.wsapi.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.wsapi.local.lambda.RuntimeOptions;
import com.example.wsapi.local.lambda.Scaling;
import com.example.wsapi.local.template.SamConfig;
import com.example.wsapi.local.testing.JdkClient;
import com.example.wsapi.local.testing.TestTemplates;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A template with two WebSocket APIs, each served by a ws-local of its own ({@code --api}), side by side, to a real
 * client (MOCK routes: nothing to build or run).
 */
class TwoWebSocketApisIT {

    /** Chat (stage dev, route hello) and Admin (stage ops, routes status and hello), each reply naming its API. */
    static final String TWO_APIS = "Resources:\n"
            + TestTemplates.webSocketApi("Chat", "chat", "dev")
            + TestTemplates.mockRoute("Chat", "Hello", "hello", "{\"api\":\"chat\",\"stage\":\"$context.stage\"}")
            + TestTemplates.webSocketApi("Admin", "admin", "ops")
            + TestTemplates.mockRoute("Admin", "Status", "status", "{\"api\":\"admin\",\"route\":\"status\"}")
            + TestTemplates.mockRoute("Admin", "AdminHello", "hello",
                    "{\"api\":\"admin\",\"stage\":\"$context.stage\"}");

    @TempDir
    Path dir;

    private static LocalApi start(Path template, String api) throws LocalApiException {
        return LocalApi.start(new LocalOptions(template, "127.0.0.1", 0, null, "us-east-1",
                LocalOptions.DEFAULT_IDLE_TIMEOUT, null, 0, null, Map.of(), 1, null, false, Scaling.LAMBDA, false,
                LocalOptions.DEFAULT_MAX_LIFETIME, false, SamConfig.Lookup.DEPLOY, api),
                RuntimeOptions.defaults().withLogSink(line -> {}));
    }

    @Test
    void aWsLocalPerApi_eachServesTheApiItsApiOptionNames_toARealClient_sideBySide() throws Exception {
        Path template = Files.writeString(dir.resolve("template.yaml"), TWO_APIS);

        try (LocalApi chat = start(template, "Chat"); LocalApi admin = start(template, "Admin")) {
            URI chatUrl = chat.gateway().webSocketUrl();
            URI adminUrl = admin.gateway().webSocketUrl();
            assertEquals("/dev", chatUrl.getPath());
            assertEquals("/ops", adminUrl.getPath());

            JdkClient toAdmin = JdkClient.connect(adminUrl);
            toAdmin.send("{\"action\":\"status\"}");
            assertEquals("{\"api\":\"admin\",\"route\":\"status\"}", toAdmin.nextMessage());
            toAdmin.send("{\"action\":\"hello\"}");
            assertEquals("{\"api\":\"admin\",\"stage\":\"ops\"}", toAdmin.nextMessage());

            JdkClient toChat = JdkClient.connect(chatUrl);
            toChat.send("{\"action\":\"hello\"}");
            assertEquals("{\"api\":\"chat\",\"stage\":\"dev\"}", toChat.nextMessage());
            // Admin's route is not Chat's: no route, and Chat has no $default, so API Gateway's Forbidden.
            toChat.send("{\"action\":\"status\"}");
            String noRoute = toChat.nextMessage();
            assertTrue(noRoute.startsWith("{\"message\": \"Forbidden\""), noRoute);
            // Nor is Admin's stage served by Chat's ws-local.
            assertEquals(403, JdkClient.refusedStatus(chatUrl.resolve("/ops")));

            String banner = BannerIT.banner(chat).replaceAll("\\s+", " "); // notes are wrapped
            assertTrue(banner.contains("Note: WebSocket API Admin is not served (its routes status, "
                    + "hello): ws-local serves one WebSocket API at a time, Chat here (--api Chat). To serve Admin as "
                    + "well, run another ws-local on this template with --api Admin --port "
                    + (chatUrl.getPort() + 1)), banner);
        }
    }
}
