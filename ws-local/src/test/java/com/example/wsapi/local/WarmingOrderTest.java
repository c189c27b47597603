package com.example.wsapi.local;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.example.wsapi.local.template.LocalSettings;
import com.example.wsapi.local.template.TemplateLoader;
import com.example.wsapi.local.testing.ProjectApi;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

class WarmingOrderTest {

    @Test
    void warmingOrder_connectFirst_thenMessageRoutesInTemplateOrder_disconnectLast() throws Exception {
        List<String> order = LocalApi.warmingOrder(TemplateLoader.load(ProjectApi.template(),
                new LocalSettings("us-east-1", "123456789012", "test", null, URI.create("http://127.0.0.1:3001"))));

        assertEquals(List.of("ConnectFunction", "DefaultFunction", "EchoFunction", "JoinRoomFunction",
                "LeaveRoomFunction", "SendMessageFunction", "DisconnectFunction"), order);
    }
}
