package com.example.wsapi.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.wsapi.common.testing.LambdaEvents;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every sample event in events/ has the shape API Gateway sends (the reference, section 1). */
class SampleEventsTest {

    private static final String ID = "[A-Za-z0-9_-]{15}=";
    private static final DateTimeFormatter REQUEST_TIME =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH);

    static Stream<Path> events() throws IOException {
        try (Stream<Path> files = Files.list(LambdaEvents.projectRoot().resolve("events"))) {
            List<Path> list = files.filter(f -> f.toString().endsWith(".json"))
                    .filter(f -> !f.getFileName().toString().startsWith("env.")).sorted().toList();
            assertFalse(list.isEmpty());
            return list.stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("events")
    void event_hasApiGatewaysShape(Path file) throws IOException {
        JsonObject event = JsonParser.parseString(Files.readString(file)).getAsJsonObject();
        JsonObject context = event.getAsJsonObject("requestContext");
        String type = context.get("eventType").getAsString();

        assertTrue(context.get("connectionId").getAsString().matches(ID), "connectionId");
        assertTrue(context.get("requestId").getAsString().matches(ID), "requestId");
        assertEquals(context.get("requestId"), context.get("extendedRequestId"));
        assertEquals("IN", context.get("messageDirection").getAsString());
        ZonedDateTime time = ZonedDateTime.parse(context.get("requestTime").getAsString(), REQUEST_TIME);
        assertEquals(context.get("requestTimeEpoch").getAsLong(), time.toInstant().toEpochMilli(), 999,
                "requestTime and requestTimeEpoch name the same second");
        assertTrue(context.get("connectedAt").getAsLong() <= context.get("requestTimeEpoch").getAsLong());
        assertEquals(context.get("apiId").getAsString() + ".execute-api.us-east-1.amazonaws.com",
                context.get("domainName").getAsString());
        assertTrue(context.get("apiId").getAsString().matches("[a-z0-9]{10}"));
        assertTrue(context.getAsJsonObject("identity").has("sourceIp"));
        // A REQUEST authorizer's event (authorizer.json) has type and methodArn instead of isBase64Encoded.
        boolean authorizer = event.has("type");
        if (authorizer) {
            assertEquals("REQUEST", event.get("type").getAsString());
            assertEquals("arn:aws:execute-api:us-east-1:123456789012:" + context.get("apiId").getAsString() + "/"
                    + context.get("stage").getAsString() + "/$connect", event.get("methodArn").getAsString());
            assertTrue(event.has("stageVariables") && !event.has("isBase64Encoded"));
        } else {
            assertFalse(event.get("isBase64Encoded").getAsBoolean());
        }

        assertEquals(type.equals("MESSAGE"), context.has("messageId"), "messageId only on MESSAGE");
        assertEquals(type.equals("MESSAGE"), event.has("body"), "body only on MESSAGE");
        assertEquals(!type.equals("MESSAGE"), event.has("headers"), "headers only on CONNECT and DISCONNECT");
        assertEquals(type.equals("DISCONNECT"), context.has("disconnectStatusCode"));
        switch (type) {
            case "CONNECT" -> {
                assertEquals("$connect", context.get("routeKey").getAsString());
                JsonObject headers = event.getAsJsonObject("headers");
                assertTrue(headers.has("Sec-WebSocket-Key") && headers.has("X-Forwarded-For"));
                // API Gateway hands the authorizer the hop-by-hop headers, and keeps them from $connect.
                assertEquals(authorizer, headers.has("Connection") && headers.has("Upgrade"));
            }
            case "DISCONNECT" -> {
                assertEquals("$disconnect", context.get("routeKey").getAsString());
                assertEquals(List.of("Host", "X-Forwarded-For", "x-api-key", "x-restapi"),
                        event.getAsJsonObject("headers").keySet().stream().sorted().toList());
            }
            case "MESSAGE" -> {
                assertTrue(context.get("messageId").getAsString().matches(ID), "messageId");
                assertFalse(context.get("routeKey").getAsString().matches("\\$(connect|disconnect)"));
            }
            default -> throw new AssertionError("unknown eventType " + type);
        }
    }
}
