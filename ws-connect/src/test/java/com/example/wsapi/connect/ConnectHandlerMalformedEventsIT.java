package com.example.wsapi.connect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.example.wsapi.common.AppConfig;
import com.example.wsapi.common.connections.Connection;
import com.example.wsapi.common.routes.ConnectService;
import com.example.wsapi.common.testing.LocalConnectionsTable;
import com.example.wsapi.common.testing.MalformedEvents;
import com.example.wsapi.common.testing.RecordingContext;
import java.time.Clock;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** $connect handed events API Gateway never sends: a 400 naming what is missing, and nothing stored. */
class ConnectHandlerMalformedEventsIT {

    @RegisterExtension
    static final LocalConnectionsTable dynamo = LocalConnectionsTable.oneForTheClass();

    private static ConnectHandler handler() {
        return new ConnectHandler(new ConnectService(dynamo.store(),
                AppConfig.DEFAULT_CONNECTION_TTL, Clock.systemUTC()));
    }

    static Stream<MalformedEvents.Case> malformed() {
        return MalformedEvents.of("connect.json");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void malformedEvent_answers400NamingWhatIsMissing_andStoresNothing(MalformedEvents.Case malformed) {
        long before = dynamo.count();

        MalformedEvents.assertRejectedBy(handler(), malformed);

        assertEquals(before, dynamo.count());
    }

    @Test
    void connect_withNullBodyNoIdentityAndNoConnectedAt_isStoredWithWhatThereIs() {
        APIGatewayV2WebSocketEvent event = MalformedEvents.changed("connect.json", e -> {
            e.setBody(null);
            e.getRequestContext().setIdentity(null);
            e.getRequestContext().setConnectedAt(0);
            e.getRequestContext().setConnectionId("NoIdentityNoId0=");
        });

        assertEquals(200, handler().handleRequest(event, new RecordingContext()).getStatusCode());

        Connection stored = dynamo.store().find("NoIdentityNoId0=").orElseThrow();
        assertNull(stored.sourceIp());
        assertNull(stored.userAgent());
        assertEquals(stored.connectedAt() / 1000 + AppConfig.DEFAULT_CONNECTION_TTL.toSeconds(), stored.expiresAt());
    }
}
