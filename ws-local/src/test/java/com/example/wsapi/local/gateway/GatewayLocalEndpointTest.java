package com.example.wsapi.local.gateway;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GatewayLocalEndpointTest extends GatewayTestBase {

    /** Answers with the path it was given, so a test sees what reached it. */
    private static LocalHttpEndpoint echoingEndpoint(String segment) {
        return new LocalHttpEndpoint() {
            @Override
            public String segment() {
                return segment;
            }

            @Override
            public FullHttpResponse handle(FullHttpRequest request, List<String> rest) {
                return new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
                        Unpooled.copiedBuffer(request.method() + " " + rest.size() + ":" + String.join("/", rest),
                                StandardCharsets.UTF_8));
            }
        };
    }

    private void startWith(LocalHttpEndpoint... endpoints) throws GatewayStartException {
        gateway = Gateway.start(settings(CONNECT), functions, List.of(endpoints));
    }

    @Test
    void localEndpoint_getsRequestsUnderItsSegment_withTheRestOfThePathDecoded() throws Exception {
        startWith(echoingEndpoint("@chat"));

        assertEquals("GET 1:a b.js", send(request(http("/@chat/a%20b.js")).build()).body());
        assertEquals("GET 0:", send(request(http("/@chat")).build()).body());
        assertEquals("GET 1:", send(request(http("/%40chat/")).build()).body(), "@ may come percent-encoded");
    }

    @Test
    void stagePathsAndConnections_keepApiGatewaysBehaviour_besideLocalEndpoints() throws Exception {
        startWith(echoingEndpoint("@chat"));

        HttpResponse<String> stage = send(request(http("/" + STAGE)).build());
        assertEquals(426, stage.statusCode(), "a plain GET of the stage still asks for an upgrade");
        assertEquals(410, send(request(http(connectionPath("AAAAAAAAAAAAAAA="))).build()).statusCode());
        assertEquals(403, send(request(http("/@other/x")).build()).statusCode(), "unknown @ segments stay 403");
        assertEquals(403, send(request(http("/chat")).build()).statusCode(), "without @ it is not the endpoint");
    }

    @Test
    void start_refusesSegmentsThatCouldBeAStageOrAreApiGatewaysOwn() {
        for (String segment : List.of("chat", "@connections", "@Chat", "@")) {
            GatewayStartException failure = assertThrows(GatewayStartException.class,
                    () -> Gateway.start(settings(CONNECT), functions, List.of(echoingEndpoint(segment))), segment);
            assertTrue(failure.getMessage().contains(segment), failure.getMessage());
        }
        assertThrows(GatewayStartException.class, () -> Gateway.start(settings(CONNECT), functions,
                List.of(echoingEndpoint("@chat"), echoingEndpoint("@chat"))));
        // The package-private start used by other tests still works without endpoints.
        gateway = start(settings(CONNECT), Clock.systemUTC());
    }
}
