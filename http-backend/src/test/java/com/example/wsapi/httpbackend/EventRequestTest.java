package com.example.wsapi.httpbackend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Reading what the template's request templates render (http-backend/template.yaml). */
class EventRequestTest {

    @Test
    void parse_theConnectTemplate_readsEveryField() {
        EventRequest request = EventRequest.parse("\n{\"connection_id\":\"L0SM9cOFvHcCIhw=\","
                + "\"connected_at\":1795250537112,"
                + "\"source_ip\":\"203.0.113.24\",\"user_agent\":\"wscat \\\"6.1\\\"\"}");

        assertEquals(new EventRequest("L0SM9cOFvHcCIhw=", 1_795_250_537_112L, 0, "203.0.113.24", "wscat \"6.1\"", null),
                request);
    }

    @Test
    void parse_anEmptyUserAgentOrSourceIp_isNone() {
        // "$!context.identity.userAgent" renders a client without a User-Agent as "".
        EventRequest request = EventRequest.parse(
                "{\"connection_id\":\"abc=\",\"source_ip\":\"\",\"user_agent\":\"\"}");

        assertNull(request.sourceIp());
        assertNull(request.userAgent());
        assertEquals(0, request.connectedAt());
    }

    @Test
    void parse_epochMillisQuotedByTheTemplate_areRead() {
        assertEquals(1_795_250_537_112L,
                EventRequest.parse("{\"connection_id\":\"abc=\",\"request_time_epoch\":\"1795250537112\"}")
                        .requestTimeEpoch());
    }

    @Test
    void frame_asEscapedByTheTemplate_isTheClientsTextExactly() {
        // What $util.escapeJavaScript($input.body).replaceAll("\\'","'") renders for the frame
        //   it's "quoted" \ / ü <newline>{"a":1}
        String rendered = "{\"connection_id\":\"abc=\","
                + "\"body\":\"it's \\\"quoted\\\" \\\\ \\/ \\u00FC \\n{\\\"a\\\":1}\"}";

        assertEquals("it's \"quoted\" \\ / \u00fc \n{\"a\":1}", EventRequest.parse(rendered).requireFrame());
    }

    @Test
    void frame_splicedInRaw_standsForItself() {
        // A template with "body":$input.body (fine for JSON frames) still works.
        assertEquals("{\"action\":\"x\",\"data\":[1,2]}",
                EventRequest.parse("{\"connection_id\":\"abc=\",\"body\":{\"action\":\"x\",\"data\":[1,2]}}")
                        .requireFrame());
    }

    @Test
    void requireFrame_whenTheTemplateSendsNone_refusesWith400() {
        EventRequest request = EventRequest.parse("{\"connection_id\":\"abc=\"}");

        BadRequestException refused = assertThrows(BadRequestException.class, request::requireFrame);
        assertEquals(400, refused.status());
        assertTrue(refused.getMessage().startsWith("\"body\" is missing"), refused.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "hello", "[1,2]", "\"text\"", "{\"connection_id\":\"abc=\"} trailing",
        "{'connection_id':'abc='}"})
    void parse_whenNotAJsonObject_refusesWith400(String body) {
        BadRequestException refused = assertThrows(BadRequestException.class, () -> EventRequest.parse(body));

        assertEquals(400, refused.status());
        assertTrue(refused.getMessage().startsWith("the body is not a JSON object"), refused.getMessage());
    }

    @Test
    void parse_whenNestedTooDeep_saysSo() {
        String deep = "{\"connection_id\":\"abc=\",\"body\":" + "[".repeat(300) + "]".repeat(300) + "}";

        BadRequestException refused = assertThrows(BadRequestException.class, () -> EventRequest.parse(deep));
        assertTrue(refused.getMessage().contains("levels deep"), refused.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}", "{\"connection_id\":null}", "{\"connection_id\":\"\"}",
        "{\"connectionId\":\"abc=\"}"})
    void parse_withoutAConnectionId_refusesWith400(String body) {
        BadRequestException refused = assertThrows(BadRequestException.class, () -> EventRequest.parse(body));

        assertEquals(400, refused.status());
        assertTrue(refused.getMessage().startsWith("\"connection_id\" is missing"), refused.getMessage());
    }

    static Stream<String> notConnectionIds() {
        return Stream.of("$context.connectionID", // a typo: VTL renders an unknown reference as written
                "abc def", "../../admin", "a".repeat(129));
    }

    @ParameterizedTest
    @MethodSource("notConnectionIds")
    void parse_withSomethingElseThanAConnectionId_refusesWith400(String id) {
        BadRequestException refused = assertThrows(BadRequestException.class,
                () -> EventRequest.parse("{\"connection_id\":\"" + id + "\"}"));

        assertEquals(400, refused.status());
        assertTrue(refused.getMessage().startsWith("\"connection_id\" is not a connection id"), refused.getMessage());
    }

    @Test
    void parse_whenAFieldHasTheWrongType_namesIt() {
        assertEquals("\"connection_id\" must be a string", assertThrows(BadRequestException.class,
                () -> EventRequest.parse("{\"connection_id\":5}")).getMessage());
        assertEquals("\"user_agent\" must be a string", assertThrows(BadRequestException.class,
                () -> EventRequest.parse("{\"connection_id\":\"abc=\",\"user_agent\":[]}")).getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "1.5", "\"soon\"", "true", "{}", "\"$context.connectedAt\""})
    void parse_withAnEpochThatIsNotOne_refusesWith400(String value) {
        BadRequestException refused = assertThrows(BadRequestException.class,
                () -> EventRequest.parse("{\"connection_id\":\"abc=\",\"connected_at\":" + value + "}"));

        assertEquals("\"connected_at\" must be epoch milliseconds (a whole number)", refused.getMessage());
    }
}
