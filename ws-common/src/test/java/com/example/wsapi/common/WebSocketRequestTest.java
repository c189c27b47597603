package com.example.wsapi.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.example.wsapi.common.testing.LambdaEvents;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What routes read of an event beyond its ids: the offered subprotocols and the signed-in user. */
class WebSocketRequestTest {

    @Test
    void connectEvent_withoutSubprotocolsOrAuthorizer_hasNeither() {
        WebSocketRequest request = WebSocketRequest.from(LambdaEvents.load("connect.json",
                APIGatewayV2WebSocketEvent.class));

        assertEquals(List.of(), request.subprotocols());
        assertNull(request.user());
    }

    @Test
    void subprotocols_areTheOffersInOrder_whateverTheHeaderNamesCase() {
        APIGatewayV2WebSocketEvent event = LambdaEvents.load("connect.json", APIGatewayV2WebSocketEvent.class);
        Map<String, String> headers = new HashMap<>(event.getHeaders());
        headers.put("sec-websocket-protocol", "chat, eyJ.x.y ,,");
        event.setHeaders(headers);

        assertEquals(List.of("chat", "eyJ.x.y"), WebSocketRequest.from(event).subprotocols());
    }

    @Test
    void authorizerContext_isTheSignedInUser_withItsName_elseItsPrincipal() {
        APIGatewayV2WebSocketEvent event = LambdaEvents.load("joinroom.json", APIGatewayV2WebSocketEvent.class);
        event.getRequestContext().setAuthorizer(Map.of("principalId", "sub-1", "name", "Ana", "integrationLatency", 12));
        assertEquals(new SignedInUser("sub-1", "Ana"), WebSocketRequest.from(event).user());

        event.getRequestContext().setAuthorizer(Map.of("principalId", "sub-2"));
        assertEquals(new SignedInUser("sub-2", "sub-2"), WebSocketRequest.from(event).user());

        event.getRequestContext().setAuthorizer(Map.of("name", "no principal"));
        assertNull(WebSocketRequest.from(event).user(), "no principalId: no sign-in");
    }

    @Test
    void authorizerContext_asLambdaDeserialisesItFromJson_isTheSignedInUser() {
        String json = LambdaEvents.toJson(LambdaEvents.load("sendmessage.json", APIGatewayV2WebSocketEvent.class),
                APIGatewayV2WebSocketEvent.class).replace("\"requestContext\":{",
                "\"requestContext\":{\"authorizer\":{\"principalId\":\"sub-9\",\"name\":\"Bo\",\"integrationLatency\":3},");

        WebSocketRequest request = WebSocketRequest.from(LambdaEvents.parse(json, APIGatewayV2WebSocketEvent.class));

        assertEquals(new SignedInUser("sub-9", "Bo"), request.user());
    }
}
