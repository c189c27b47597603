package com.example.wsapi.local.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.wsapi.local.log.LogLine;
import com.example.wsapi.local.log.LogLine.Kind;
import com.example.wsapi.local.testing.JdkClient;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The gateway's lines in ws-local's log: one per connection and per message; a failure's line is an error saying
 * what the client got and whose lines say why; {@code @connections} requests are detail (shown with --verbose).
 */
class GatewayLogTest extends GatewayTestBase {

    static final Duration WAIT = Duration.ofSeconds(5);

    LogLine awaitGatewayLine(String start) {
        return log.awaitLine("a gateway line starting " + start, WAIT,
                line -> line.function() == null && line.text().startsWith(start));
    }

    @Test
    void connectMessageAndDisconnect_areOneActivityLineEach_withStatusOutcomeAndDuration() {
        functions.answer("echoFn", "{\"statusCode\":200,\"body\":\"hi\"}");
        start(settings(CONNECT, DISCONNECT, ECHO));
        JdkClient client = connect();
        String id = connectionIdOfConnect(1);
        client.send("{\"action\":\"echo\"}");
        assertEquals("hi", client.nextMessage());
        JdkClient.join(client.socket().sendClose(1000, "bye"));

        LogLine connect = awaitGatewayLine("connect connectionId=" + id);
        LogLine message = awaitGatewayLine("message connectionId=" + id);
        LogLine disconnect = awaitGatewayLine("disconnect connectionId=" + id);

        assertEquals(Kind.ACTIVITY, connect.kind());
        assertTrue(connect.text().matches("connect connectionId=\\S+ status=101 duration=\\d+ms"), connect.text());
        assertEquals(Kind.ACTIVITY, message.kind());
        assertTrue(message.text().matches("message connectionId=\\S+ route=echo outcome=ok, reply sent duration=\\d+ms"),
                message.text());
        assertEquals(Kind.ACTIVITY, disconnect.kind());
        assertTrue(disconnect.text().matches("disconnect connectionId=\\S+ status=1000 reason=\"<the client's, 3 "
                + "characters>\" connectedFor=\\d+ms \\$disconnect=ok \\(\\d+ms\\)"), disconnect.text());
    }

    @Test
    void message_whoseFunctionFails_isAnError_withTheRequestIdTheClientGot_andWhoseLinesSayWhy() {
        functions.failWith("echoFn", "boom");
        start(settings(ECHO));
        JdkClient client = connect();
        client.send("{\"action\":\"echo\"}");
        String requestId = json(client.nextMessage()).get("requestId").getAsString();

        LogLine failed = awaitGatewayLine("message ");

        assertEquals(Kind.ERROR, failed.kind());
        assertTrue(failed.text().contains(" requestId=" + requestId + " route=echo outcome=function failed: boom "),
                failed.text());
        assertEquals("the client got {\"message\": \"Internal server error\"}; echoFn's own lines say why",
                failed.advice());
    }

    @Test
    void message_whoseFunctionDoesNotAnswerInTime_isAnError_sayingTheClientGotTheTimeoutFrame() {
        functions.hang("echoFn");
        start(withTimeouts(settings(ECHO), Duration.ofMinutes(10), Duration.ofHours(2), Duration.ofMillis(200)));
        JdkClient client = connect();
        client.send("{\"action\":\"echo\"}");
        assertEquals("Endpoint request timed out", json(client.nextMessage()).get("message").getAsString());

        LogLine failed = awaitGatewayLine("message ");

        assertEquals(Kind.ERROR, failed.kind());
        assertTrue(failed.text().contains(" outcome=timed out: echoFn did not answer within 200 ms "), failed.text());
        assertTrue(failed.advice().startsWith("the client got {\"message\": \"Endpoint request timed out\"}"),
                failed.advice());
    }

    @Test
    void message_thatNoRouteTakes_withoutDefault_isAWarning_sayingWhatToDo() {
        start(settings(ECHO));
        JdkClient client = connect();
        client.send("{\"action\":\"nothing\"}");
        assertEquals("Forbidden", json(client.nextMessage()).get("message").getAsString());

        LogLine unrouted = awaitGatewayLine("message ");

        assertEquals(Kind.WARNING, unrouted.kind());
        assertTrue(unrouted.text().endsWith(" route=(none) outcome=Forbidden"), unrouted.text());
        assertTrue(unrouted.advice().contains("add a $default route"), unrouted.advice());
        assertFalse(log.text().contains("nothing"), "the client's message stays out of the log");
    }

    @Test
    void handshakeRefusedByConnect_isAWarning_namingTheStatusAndWhoseLinesSayWhy() {
        functions.answer("connectFn", "{\"statusCode\":403}");
        start(settings(CONNECT, ECHO));

        assertEquals(403, JdkClient.refusedStatus(ws()));

        LogLine refused = awaitGatewayLine("connect ");
        assertEquals(Kind.WARNING, refused.kind());
        assertTrue(refused.text().matches("connect connectionId=\\S+ status=403 duration=\\d+ms \\(\\$connect "
                + "answered 403\\)"), refused.text());
        assertEquals("$connect refused the client: connectFn answered statusCode 403 itself (the client got 403): its "
                + "choice, not a failure; its own lines are where it may have said why", refused.advice());
    }

    @Test
    void handshakeRefusedByConnectAnswering500Itself_isAnError_butSaysTheFunctionChoseIt() {
        functions.answer("connectFn", "{\"statusCode\":500}");
        start(settings(CONNECT, ECHO));

        assertEquals(500, JdkClient.refusedStatus(ws()));

        LogLine refused = awaitGatewayLine("connect ");
        assertEquals(Kind.ERROR, refused.kind());
        assertEquals("$connect refused the client: connectFn answered statusCode 500 itself (the client got 500): a "
                + "failure it reported, not one of the gateway; its own lines are where it may have said why",
                refused.advice());
    }

    static final RouteBinding AUTHORIZED_CONNECT = new RouteBinding("$connect", "connectFn", false,
            new RouteBinding.AuthorizerBinding("authFn", List.of("route.request.querystring.token")));

    @Test
    void handshakeRefusedByAMalformedAuthorizerAnswer_quotesIt_andSaysWhatAnAuthorizerReturns() {
        functions.answer("authFn", "{\"principalId\":\"user-42\"}");
        start(settings(AUTHORIZED_CONNECT));

        assertEquals(500, JdkClient.refusedStatus(ws("/dev?token=t")));

        LogLine failed = awaitGatewayLine("connect ");
        assertEquals(Kind.ERROR, failed.kind());
        assertTrue(failed.text().endsWith("(malformed authorizer answer: policyDocument is missing)"), failed.text());
        assertTrue(failed.advice().startsWith("authFn returned \"{\\\"principalId\\\":\\\"user-42\\\"}\": a REQUEST "
                + "authorizer returns a JSON object such as {\"principalId\": \"user\", \"policyDocument\": "), failed.advice());
        assertFalse(failed.advice().contains("own lines"), failed.advice());
    }

    @Test
    void handshakeRefusedByTheAuthorizersChoice_saysItChose_notThatItFailed() {
        functions.failWith("authFn", "Unauthorized");
        start(settings(AUTHORIZED_CONNECT));

        assertEquals(401, JdkClient.refusedStatus(ws("/dev?token=t")));

        LogLine refused = awaitGatewayLine("connect ");
        assertEquals(Kind.WARNING, refused.kind());
        assertEquals("authFn answered Unauthorized itself: its choice, not a failure (the client's identity was not "
                + "accepted); its own lines are where it may have said why", refused.advice());
    }

    @Test
    void handshakeRefusedByAPolicyForAnotherResource_namesTheArnItMustAllow() {
        functions.answer("authFn", "{\"principalId\":\"u\",\"policyDocument\":{\"Version\":\"2012-10-17\","
                + "\"Statement\":[{\"Action\":\"execute-api:Invoke\",\"Effect\":\"Allow\",\"Resource\":"
                + "\"arn:aws:execute-api:eu-west-1:123456789012:otherapi/dev/$connect\"}]}}");
        start(settings(AUTHORIZED_CONNECT));

        assertEquals(403, JdkClient.refusedStatus(ws("/dev?token=t")));

        LogLine refused = awaitGatewayLine("connect ");
        assertTrue(refused.advice().matches("authFn returned a policy with no Allow of execute-api:Invoke on "
                + "arn:aws:execute-api:eu-west-1:\\d+:" + API_ID + "/dev/\\$connect: to let the client in, its "
                + "Resource must be the event's methodArn or a wildcard covering it"), refused.advice());
    }

    @Test
    void handshakeFailedByTheAuthorizersError_pointsAtItsLines() {
        functions.failWith("authFn", "boom");
        start(settings(AUTHORIZED_CONNECT));

        assertEquals(500, JdkClient.refusedStatus(ws("/dev?token=t")));

        LogLine failed = awaitGatewayLine("connect ");
        assertTrue(failed.text().contains("(authorizer failed: boom)"), failed.text());
        assertEquals("authFn failed with an error rather than answering Unauthorized or a policy: its own lines show "
                + "the error", failed.advice());
    }

    @Test
    void handshakeFailedByAConnectResponseThatIsNotJson_saysSo_quotingIt_notPointingAtTheFunctionsLines() {
        functions.answer("connectFn", "accepted\n");
        start(settings(CONNECT, ECHO));

        assertEquals(502, JdkClient.refusedStatus(ws()));

        LogLine failed = awaitGatewayLine("connect ");
        assertEquals(Kind.ERROR, failed.kind());
        assertTrue(failed.text().endsWith("($connect failed: malformed response: the response is not JSON)"),
                failed.text());
        assertEquals("the handshake failed: connectFn returned \"accepted\\n\": a Lambda proxy integration's "
                + "function returns a JSON object such as {\"statusCode\": 200, \"body\": \"...\"}", failed.advice());
    }

    @Test
    void handshakeFailedByAConnectResponseWhoseStatusCodeIsNoNumber_saysSo() {
        functions.answer("connectFn", "{\"statusCode\":\"OK\"}");
        start(settings(CONNECT, ECHO));

        assertEquals(502, JdkClient.refusedStatus(ws()));

        LogLine failed = awaitGatewayLine("connect ");
        assertTrue(failed.text().contains("the response's statusCode is not a number from 200 to 599"), failed.text());
        assertTrue(failed.advice().contains("connectFn returned \"{\\\"statusCode\\\":\\\"OK\\\"}\""),
                failed.advice());
    }

    @Test
    void message_whoseFunctionAnswersNoObject_quotesTheStartOfTheAnswer_notTheFunctionsLines() {
        String answer = "[" + "1,".repeat(150) + "1]";
        functions.answer("echoFn", answer);
        start(settings(ECHO));
        JdkClient client = connect();
        client.send("{\"action\":\"echo\"}");
        assertEquals("Internal server error", json(client.nextMessage()).get("message").getAsString());

        LogLine failed = awaitGatewayLine("message ");

        assertEquals(Kind.ERROR, failed.kind());
        assertTrue(failed.text().contains(" outcome=malformed response: the response is not a JSON object with "
                + "statusCode and body "), failed.text());
        assertEquals("the client got {\"message\": \"Internal server error\"}; echoFn returned \""
                + answer.substring(0, 100) + "\"... (the first 100 of " + answer.length() + " characters): a Lambda "
                + "proxy integration's function returns a JSON object such as {\"statusCode\": 200, \"body\": \"...\"}",
                failed.advice());
    }

    @Test
    void handshakeOnAnotherPathThanTheStage_isAWarning_namingTheStage_notThePath() {
        start(settings(ECHO));

        assertEquals(403, JdkClient.refusedStatus(ws("/prod")));

        LogLine refused = awaitGatewayLine("connect ");
        assertEquals(Kind.WARNING, refused.kind());
        assertEquals("connect status=403 (a WebSocket handshake on a path other than /dev)", refused.text());
        assertTrue(refused.advice().startsWith("clients connect to ws://<host>:<port>/dev"), refused.advice());
    }

    @Test
    void malformedHandshake_isAWarning_sayingWhatIsMissing() throws Exception {
        start(settings(ECHO));
        URI uri = ws();

        // Raw bytes: no WebSocket client sends a handshake without Sec-WebSocket-Key.
        try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
            socket.getOutputStream().write(("GET " + uri.getPath() + " HTTP/1.1\r\nHost: " + uri.getHost()
                    + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            String status = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.US_ASCII)).readLine();
            assertEquals("HTTP/1.1 400 Bad Request", status);
        }

        LogLine refused = awaitGatewayLine("connect ");
        assertEquals(Kind.WARNING, refused.kind());
        assertEquals("connect status=400 (Sec-WebSocket-Key is missing)", refused.text());
        assertTrue(refused.advice().contains("check the client"), refused.advice());
    }

    @Test
    void handshakeFailedByConnect_isAnError() {
        functions.failWith("connectFn", "boom");
        start(settings(CONNECT, ECHO));

        assertEquals(502, JdkClient.refusedStatus(ws()));

        LogLine failed = awaitGatewayLine("connect ");
        assertEquals(Kind.ERROR, failed.kind());
        assertEquals("the handshake failed: connectFn's own lines say why", failed.advice());
    }

    @Test
    void connectionsRequests_andWhereTheGatewayListens_areDetail() {
        start(settings(ECHO));
        connect();
        String connected = awaitGatewayLine("connect connectionId=").text();
        String id = connected.substring("connect connectionId=".length(), connected.indexOf(" status="));

        assertEquals(200, send(request(http(connectionPath(id))).POST(HttpRequest.BodyPublishers.ofString("x"))
                .build()).statusCode());

        LogLine post = awaitGatewayLine("@connections POST connectionId=" + id);
        assertEquals(Kind.DETAIL, post.kind());
        assertEquals(List.of(Kind.DETAIL), log.lines().stream().filter(line -> line.text().startsWith(
                "WebSocket API listening on ")).map(LogLine::kind).toList());
    }
}
