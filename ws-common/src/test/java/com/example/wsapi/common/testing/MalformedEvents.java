package com.example.wsapi.common.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Events API Gateway never sends but a handler may still be handed (a test console, a wrong trigger, a hand-written
 * {@code sam local invoke} event): each must get a 400 that names what is missing, never an exception.
 */
public final class MalformedEvents {

    /**
     * One malformed event.
     *
     * @param name     what is wrong with it, for test names
     * @param event    the event as the Lambda runtime would hand it over (null for a null payload)
     * @param problem  words the 400's body must contain
     */
    public record Case(String name, APIGatewayV2WebSocketEvent event, String problem) {
        @Override
        public String toString() {
            return name;
        }
    }

    private MalformedEvents() {}

    /** The malformed variants of a sample event from {@code events/}, each freshly loaded. */
    public static Stream<Case> of(String sampleFile) {
        return Stream.of(
                new Case("null payload", null, "no event"),
                new Case("empty object {}", LambdaEvents.parse("{}", APIGatewayV2WebSocketEvent.class),
                        "no requestContext"),
                new Case("no requestContext", changed(sampleFile, e -> e.setRequestContext(null)), "no requestContext"),
                new Case("empty requestContext",
                        LambdaEvents.parse("{\"requestContext\":{},\"body\":\"{}\"}", APIGatewayV2WebSocketEvent.class),
                        "requestContext.connectionId"),
                new Case("no connectionId", changed(sampleFile, e -> e.getRequestContext().setConnectionId(null)),
                        "requestContext.connectionId"),
                new Case("blank connectionId", changed(sampleFile, e -> e.getRequestContext().setConnectionId(" ")),
                        "requestContext.connectionId"));
    }

    /** The sample event without domainName and stage: no @connections endpoint can be derived from it. */
    public static APIGatewayV2WebSocketEvent withoutDomainNameOrStage(String sampleFile) {
        return changed(sampleFile, e -> {
            e.getRequestContext().setDomainName(null);
            e.getRequestContext().setStage(null);
        });
    }

    /** The sample event with one change. */
    public static APIGatewayV2WebSocketEvent changed(String sampleFile, Consumer<APIGatewayV2WebSocketEvent> change) {
        APIGatewayV2WebSocketEvent event = LambdaEvents.load(sampleFile, APIGatewayV2WebSocketEvent.class);
        change.accept(event);
        return event;
    }

    /** A 400 whose body names the problem and carries no stack trace; the rejection is logged as a warning. */
    public static void assertRejected(Case malformed, APIGatewayV2WebSocketResponse response, RecordingContext context) {
        assertNotNull(response, malformed.name());
        assertEquals(400, response.getStatusCode(), malformed.name());
        assertTrue(response.getBody().contains(malformed.problem()), response.getBody());
        assertNoStackTrace(response.getBody());
        assertTrue(context.log().contains("rejected event"), context.log());
    }

    /** Hands the malformed event to the handler, with a context of its own, and checks it as above. */
    public static void assertRejectedBy(
            RequestHandler<APIGatewayV2WebSocketEvent, APIGatewayV2WebSocketResponse> handler, Case malformed) {
        RecordingContext context = new RecordingContext();
        assertRejected(malformed, handler.handleRequest(malformed.event(), context), context);
    }

    /** A 400 whose body names the setting to configure and carries no stack trace. */
    public static void assertRejectedNaming(String setting, APIGatewayV2WebSocketResponse response) {
        assertEquals(400, response.getStatusCode());
        assertTrue(response.getBody().contains(setting), response.getBody());
        assertNoStackTrace(response.getBody());
    }

    /** Text a client could see carries no Java exception names or stack frames. */
    public static void assertNoStackTrace(String text) {
        for (String sign : List.of("Exception", "\tat ", "at com.", "at java.", "Caused by")) {
            assertFalse(text.contains(sign), "a stack trace leaked: " + text);
        }
    }
}
