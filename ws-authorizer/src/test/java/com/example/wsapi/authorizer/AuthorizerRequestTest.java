package com.example.wsapi.authorizer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Where the token is found in the event: the token query parameter, else the subprotocols chat + token. */
class AuthorizerRequestTest {

    static final String ARN = "arn:aws:execute-api:us-east-1:123456789012:abc/dev/$connect";

    static AuthorizerRequest read(String json) {
        return AuthorizerRequest.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
    }

    static String event(String query, String headers) {
        return "{\"type\":\"REQUEST\",\"methodArn\":\"" + ARN + "\"" + (query == null ? "" : ",\"queryStringParameters\":"
                + query) + (headers == null ? "" : ",\"headers\":" + headers)
                + ",\"requestContext\":{\"connectionId\":\"BFHPhfCWIAMCKlQ=\"}}";
    }

    @Test
    void tokenQueryParameter_isTheToken() {
        AuthorizerRequest request = read(event("{\"token\":\"q.q.q\"}", "{\"Host\":\"x\"}"));

        assertEquals(new AuthorizerRequest(ARN, "BFHPhfCWIAMCKlQ=", "q.q.q"), request);
    }

    @Test
    void browserSubprotocols_chatAndToken_giveTheToken_inEitherOrder_headerNameInAnyCase() {
        assertEquals("h.h.h", read(event(null, "{\"Sec-WebSocket-Protocol\":\"chat, h.h.h\"}")).token());
        assertEquals("h.h.h", read(event(null, "{\"sec-websocket-protocol\":\"h.h.h,chat\"}")).token());
    }

    @Test
    void subprotocolsWithoutChat_areNoToken() {
        assertNull(read(event(null, "{\"Sec-WebSocket-Protocol\":\"graphql-ws, h.h.h\"}")).token());
        assertNull(read(event(null, "{\"Sec-WebSocket-Protocol\":\"chat\"}")).token());
    }

    @Test
    void queryParameter_winsOverSubprotocol() {
        assertEquals("q.q.q", read(event("{\"token\":\"q.q.q\"}", "{\"Sec-WebSocket-Protocol\":\"chat, h.h.h\"}"))
                .token());
        assertEquals("h.h.h", read(event("{\"token\":\"\"}", "{\"Sec-WebSocket-Protocol\":\"chat, h.h.h\"}"))
                .token(), "an empty ?token= is none");
    }

    @Test
    void noTokenAnywhere_isNull() {
        assertNull(read(event("{\"other\":\"1\"}", "{\"Host\":\"x\"}")).token());
        assertNull(read("{\"methodArn\":\"" + ARN + "\"}").token());
    }

    @Test
    void somethingOtherThanAnAuthorizerEvent_isRefusedNamingWhatIsMissing() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> read("{\"headers\":{}}")).getMessage()
                .contains("no methodArn"));
        assertThrows(IllegalArgumentException.class, () -> read("[1]"));
        assertThrows(IllegalArgumentException.class, () -> read("{nope"));
    }
}
