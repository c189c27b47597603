package com.example.wsapi.local.gateway;

import com.example.wsapi.local.log.LogLine;
import com.example.wsapi.local.testing.JdkClient;
import com.example.wsapi.local.testing.NettyClient;

import com.google.gson.JsonObject;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConnectionsApiTest extends GatewayTestBase {

    private HttpResponse<String> post(String path, String data) {
        return send(request(http(path)).POST(HttpRequest.BodyPublishers.ofString(data)).build());
    }

    /** The gateway's warnings about how {@code @connections} requests are signed. */
    private List<LogLine> signingWarnings() {
        return log.lines().stream().filter(line -> line.kind() == LogLine.Kind.WARNING
                && line.text().startsWith("@connections")).toList();
    }

    private void assertAwsError(HttpResponse<String> response, int status, String errorType) {
        assertEquals(status, response.statusCode(), response.body());
        assertEquals(errorType, response.headers().firstValue("x-amzn-ErrorType").orElse(null));
        assertTrue(json(response.body()).get("message").getAsString().length() > 0, response.body());
    }

    @Test
    void post_sendsTheDataAsATextFrame_andAnswers200WithEmptyBody() {
        start(settings(CONNECT));
        JdkClient client = connect();
        String connectionId = connectionIdOfConnect(1);

        HttpResponse<String> response = post(connectionPath(connectionId), "{\"hello\":\"world\"}");

        assertEquals(200, response.statusCode());
        assertEquals("", response.body());
        assertEquals("{\"hello\":\"world\"}", client.nextMessage());
    }

    @Test
    void post_acceptsPathsWithoutStage_withPercentEncodedAt_andLiteralEquals() {
        start(settings(CONNECT));
        JdkClient client = connect();
        String connectionId = connectionIdOfConnect(1);

        assertEquals(200, post("/@connections/" + connectionId, "no stage").statusCode());
        assertEquals(200, post("/dev/%40connections/" + connectionId.replace("=", "%3D"), "encoded at").statusCode());
        assertEquals(200, post("/%40connections/" + connectionId.replace("=", "%3d"), "lower-case escape").statusCode());

        assertEquals("no stage", client.nextMessage());
        assertEquals("encoded at", client.nextMessage());
        assertEquals("lower-case escape", client.nextMessage());
    }

    @Test
    void post_withAuthorizationHeader_isAcceptedWithoutCheckingTheSignature() {
        start(settings(CONNECT));
        JdkClient client = connect();
        String connectionId = connectionIdOfConnect(1);

        HttpResponse<String> response = send(request(http(connectionPath(connectionId)))
                .header("Authorization", "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20240209/eu-west-1/execute-api/"
                        + "aws4_request, SignedHeaders=host;x-amz-date, Signature=0000")
                .POST(HttpRequest.BodyPublishers.ofString("signed")).build());

        assertEquals(200, response.statusCode());
        assertEquals("signed", client.nextMessage());
        assertEquals(List.of(), signingWarnings(), "signed for execute-api in the API's region");
    }

    @Test
    void post_unsigned_isAccepted_andWarnedOnceForItsClient() {
        start(settings(CONNECT));
        JdkClient client = connect();
        String connectionId = connectionIdOfConnect(1);

        HttpResponse<String> first = send(request(http(connectionPath(connectionId))).header("User-Agent", "backend/1")
                .POST(HttpRequest.BodyPublishers.ofString("one")).build());
        // The AWS CLI's User-Agent differs from one request to the next past its first word.
        HttpResponse<String> second = send(request(http(connectionPath(connectionId))).header("User-Agent",
                "backend/1 m/Z,b").POST(HttpRequest.BodyPublishers.ofString("two")).build());

        assertEquals(200, first.statusCode());
        assertEquals(200, second.statusCode());
        assertEquals("one", client.nextMessage());
        assertEquals("two", client.nextMessage());
        List<LogLine> warnings = signingWarnings();
        assertEquals(1, warnings.size(), warnings.toString());
        assertEquals("@connections POST is not signed (no SigV4 Authorization header, no X-Amz-Signature query "
                + "parameter), from \"backend/1\" (its User-Agent's first word): ws-local serves it, API Gateway would "
                + "answer 403; this warning is not repeated for the client's later requests with the same problem",
                warnings.get(0).text());
        assertTrue(warnings.get(0).advice().contains("SigV4 for the service execute-api in the API's region "
                + "(eu-west-1 here)"), warnings.get(0).advice());
    }

    @Test
    void post_signedForAnotherService_isWarnedApartFromUnsigned_perClient() {
        start(settings(CONNECT));
        connect();
        String path = connectionPath(connectionIdOfConnect(1));
        String apigatewayScope = "AWS4-HMAC-SHA256 Credential=AKID/20240209/eu-west-1/apigateway/aws4_request, "
                + "SignedHeaders=host;x-amz-date, Signature=00";

        for (String userAgent : List.of("backend/1", "backend/1", "other/2")) {
            assertEquals(200, send(request(http(path)).header("User-Agent", userAgent).header("Authorization",
                    apigatewayScope).POST(HttpRequest.BodyPublishers.ofString("x")).build()).statusCode());
        }
        assertEquals(200, send(request(http(path)).header("User-Agent", "backend/1")
                .POST(HttpRequest.BodyPublishers.ofString("x")).build()).statusCode());

        List<String> texts = signingWarnings().stream().map(LogLine::text).toList();
        assertEquals(3, texts.size(), texts.toString());
        assertTrue(texts.get(0).startsWith("@connections POST is signed for the service \"apigateway\", not "
                + "execute-api, from \"backend/1\""), texts.get(0));
        assertTrue(texts.get(1).contains("from \"other/2\""), texts.get(1));
        assertTrue(texts.get(2).startsWith("@connections POST is not signed"), texts.get(2));
        assertFalse(log.text().contains("AKID"), "no access key id in the log");
    }

    @Test
    void post_ofExactly128KB_isDelivered_andOneByteMore_answers413() {
        start(settings(CONNECT));
        JdkClient client = connect();
        String connectionId = connectionIdOfConnect(1);
        char[] data = new char[128 * 1024];
        Arrays.fill(data, 'x');

        HttpResponse<String> atLimit = post(connectionPath(connectionId), new String(data));
        HttpResponse<String> overLimit = post(connectionPath(connectionId), new String(data) + "y");

        assertEquals(200, atLimit.statusCode());
        assertEquals(128 * 1024, client.nextMessage().length());
        assertAwsError(overLimit, 413, "PayloadTooLargeException");
        assertEquals(200, post(connectionPath(connectionId), "still connected").statusCode());
        assertEquals("still connected", client.nextMessage());
    }

    @Test
    void post_longerThan32KB_reachesTheClientInFramesOfAtMost32KB_cutBetweenCharacters() {
        start(settings(CONNECT));
        NettyClient client = NettyClient.connect(ws()); // sees each frame: no aggregator on its side
        String connectionId = connectionIdOfConnect(1);
        // 80,001 bytes: the two-byte characters start at odd offsets, so byte 32,768 is the middle of one.
        String data = "x" + "\u00e9".repeat(40_000);

        assertEquals(200, post(connectionPath(connectionId), "short").statusCode());
        assertEquals(200, post(connectionPath(connectionId), data).statusCode());

        assertEquals("short", client.nextText(Duration.ofSeconds(5)));
        assertEquals(data, client.nextText(Duration.ofSeconds(5)));
        assertEquals(List.of(5, 32 * 1024 - 1, 32 * 1024, data.getBytes(StandardCharsets.UTF_8).length - 65_535),
                client.textFrameBytes());
        client.close();
    }

    @Test
    void get_describesTheConnection() {
        start(settings(CONNECT, DEFAULT));
        long before = System.currentTimeMillis();
        JdkClient client = JdkClient.connect(ws(), builder -> builder.header("User-Agent", "agent/2.0"));
        String connectionId = connectionIdOfConnect(1);
        client.send("activity");
        functions.awaitCall("defaultFn", 1);

        HttpResponse<String> response = send(request(http(connectionPath(connectionId))).GET().build());

        assertEquals(200, response.statusCode());
        JsonObject body = json(response.body());
        assertEquals(java.util.List.of("connectedAt", "identity", "lastActiveAt"), java.util.List.copyOf(body.keySet()));
        String isoMillis = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z";
        assertTrue(body.get("connectedAt").getAsString().matches(isoMillis), response.body());
        assertTrue(body.get("lastActiveAt").getAsString().matches(isoMillis), response.body());
        Instant connectedAt = Instant.parse(body.get("connectedAt").getAsString());
        Instant lastActiveAt = Instant.parse(body.get("lastActiveAt").getAsString());
        assertEquals(functions.awaitCall("connectFn", 1).requestContext().get("connectedAt").getAsLong(),
                connectedAt.toEpochMilli());
        assertTrue(connectedAt.toEpochMilli() >= before - 1000);
        assertFalse(lastActiveAt.isBefore(connectedAt));
        assertEquals("127.0.0.1", body.getAsJsonObject("identity").get("sourceIp").getAsString());
        assertEquals("agent/2.0", body.getAsJsonObject("identity").get("userAgent").getAsString());
    }

    @Test
    void delete_answers204_closesWith1000_andRunsDisconnectOnceWithConnectionClosedNormally() {
        start(settings(CONNECT, DISCONNECT));
        JdkClient client = connect();
        String connectionId = connectionIdOfConnect(1);

        HttpResponse<String> response = send(request(http(connectionPath(connectionId))).DELETE().build());

        assertEquals(204, response.statusCode());
        assertEquals(1000, client.awaitClose().code());
        JsonObject context = functions.awaitCall("disconnectFn", 1).requestContext();
        assertEquals(1000, context.get("disconnectStatusCode").getAsInt());
        assertEquals("Connection Closed Normally", context.get("disconnectReason").getAsString());
        assertEquals(connectionId, context.get("connectionId").getAsString());
        assertAwsError(send(request(http(connectionPath(connectionId))).GET().build()), 410, "GoneException");
        gateway.close();
        assertEquals(1, functions.callsTo("disconnectFn").size());
    }

    @Test
    void unknownConnection_answers410GoneException_forEveryOperation() {
        start(settings(CONNECT));
        String path = connectionPath("AAAAAAAAAAAAAAA=");

        assertAwsError(post(path, "x"), 410, "GoneException");
        assertAwsError(send(request(http(path)).GET().build()), 410, "GoneException");
        assertAwsError(send(request(http(path)).DELETE().build()), 410, "GoneException");
    }

    @Test
    void post_toAConnectionThatClosed_answers410() {
        start(settings(CONNECT, DISCONNECT));
        JdkClient client = connect();
        String connectionId = connectionIdOfConnect(1);
        JdkClient.join(client.socket().sendClose(1000, ""));
        functions.awaitCall("disconnectFn", 1);

        assertAwsError(post(connectionPath(connectionId), "late"), 410, "GoneException");
    }

    @Test
    void otherMethods_andPathsWithoutId_answer403ForbiddenException() {
        start(settings(CONNECT));
        connect();
        String connectionId = connectionIdOfConnect(1);

        assertAwsError(send(request(http(connectionPath(connectionId)))
                .PUT(HttpRequest.BodyPublishers.ofString("x")).build()), 403, "ForbiddenException");
        assertAwsError(send(request(http("/dev/@connections")).GET().build()), 403, "ForbiddenException");
    }

    @Test
    void post_ofDataThatIsNotUtf8_answers400NamingTheProblem() {
        start(settings(CONNECT));
        connect();
        String connectionId = connectionIdOfConnect(1);

        HttpResponse<String> response = send(request(http(connectionPath(connectionId)))
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[] {(byte) 0xC3, 0x28})).build());

        assertAwsError(response, 400, "BadRequestException");
        assertTrue(response.body().contains("UTF-8"), response.body());
    }
}
