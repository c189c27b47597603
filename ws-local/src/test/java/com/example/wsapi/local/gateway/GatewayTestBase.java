package com.example.wsapi.local.gateway;

import com.example.wsapi.local.testing.JdkClient;
import com.example.wsapi.local.testing.LogLines;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.AfterEach;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.fail;

/** Starts a gateway on a free loopback port in front of {@link FakeFunctions} and stops it after each test. */
abstract class GatewayTestBase {

    static final String STAGE = "dev";
    static final String API_ID = "abcde12345";
    static final String REGION = "eu-west-1";
    static final String DOMAIN_NAME = API_ID + ".execute-api." + REGION + ".amazonaws.com";
    /** 16 characters of URL-safe base64 ending in '='. */
    static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{15}=");

    static final RouteBinding CONNECT = new RouteBinding("$connect", "connectFn", false, null);
    static final RouteBinding DISCONNECT = new RouteBinding("$disconnect", "disconnectFn", false, null);
    static final RouteBinding DEFAULT = new RouteBinding("$default", "defaultFn", false, null);
    static final RouteBinding ECHO = new RouteBinding("echo", "echoFn", true, null);

    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    final FakeFunctions functions = new FakeFunctions();
    /** The gateway's log lines. */
    final LogLines log = new LogLines(true);
    Gateway gateway;

    @AfterEach
    void stopGateway() {
        if (gateway != null) {
            gateway.close();
        }
    }

    /** API Gateway's limits, except a 2 s integration timeout so that failing tests end quickly. */
    static GatewaySettings settings(RouteBinding... routes) {
        GatewaySettings defaults = GatewaySettings.withDefaults("127.0.0.1", 0, STAGE, API_ID, REGION,
                "$request.body.action", List.of(routes));
        return withTimeouts(defaults, defaults.idleTimeout(), defaults.maxLifetime(), Duration.ofSeconds(2));
    }

    static GatewaySettings withTimeouts(GatewaySettings s, Duration idle, Duration lifetime, Duration integration) {
        return new GatewaySettings(s.host(), s.port(), s.stage(), s.apiId(), s.region(), s.routeSelectionExpression(),
                s.routes(), idle, lifetime, integration, s.maxFrameBytes(), s.maxMessageBytes(),
                s.maxNewConnectionsPerSecond());
    }

    Gateway start(GatewaySettings settings) {
        return start(settings, Clock.systemUTC());
    }

    Gateway start(GatewaySettings settings, Clock clock) {
        try {
            gateway = Gateway.start(settings, functions, clock, log);
            return gateway;
        } catch (GatewayStartException e) {
            return fail(e);
        }
    }

    URI ws() {
        return gateway.webSocketUrl();
    }

    URI ws(String pathAndQuery) {
        return URI.create("ws://127.0.0.1:" + gateway.port() + pathAndQuery);
    }

    URI http(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + gateway.port() + pathAndQuery);
    }

    /** Connects a JDK client and returns it with the connection id its CONNECT (or first MESSAGE) revealed. */
    JdkClient connect() {
        return JdkClient.connect(ws());
    }

    /** The connection id of the n-th call to {@code connectFn}. */
    String connectionIdOfConnect(int n) {
        return functions.awaitCall("connectFn", n).requestContext().get("connectionId").getAsString();
    }

    static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException | InterruptedException e) {
            return fail(e);
        }
    }

    static HttpRequest.Builder request(URI uri) {
        return HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5));
    }

    /** Sends raw bytes over TCP and returns everything the gateway answers until it closes the socket. */
    String rawHttp(String request) {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), gateway.port())) {
            socket.setSoTimeout(5000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            return fail(e);
        }
    }

    static JsonObject json(String text) {
        return JsonParser.parseString(text).getAsJsonObject();
    }

    /** {@code /dev/@connections/<id>} with the id percent-encoded as the AWS SDKs do ({@code =} as {@code %3D}). */
    static String connectionPath(String connectionId) {
        return "/" + STAGE + "/@connections/" + connectionId.replace("=", "%3D");
    }
}
