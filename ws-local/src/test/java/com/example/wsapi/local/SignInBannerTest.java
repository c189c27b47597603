package com.example.wsapi.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.wsapi.local.template.Authorizer;
import com.example.wsapi.local.template.IntegrationSpec;
import com.example.wsapi.local.template.LambdaFunction;
import com.example.wsapi.local.template.Route;
import com.example.wsapi.local.template.SamTemplate;
import com.example.wsapi.local.template.WebSocketApi;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The banner's sign-in lines and Ready line, for each kind of $connect authorizer a template can have. */
class SignInBannerTest {

    private static final URI WEB_SOCKET = URI.create("ws://127.0.0.1:4210/dev");
    private static final URI CHAT_PAGE = URI.create("http://127.0.0.1:4210/@chat/");

    /** A template whose $connect is authorized by AuthFn with that environment and those identity sources. */
    private static SamTemplate template(Map<String, String> authEnvironment, String... identitySources) {
        LambdaFunction authFn = new LambdaFunction("AuthFn", "AuthFn", "example.Auth::handleRequest", "java25",
                Path.of("auth"), 512, 10, authEnvironment, false, List.of());
        Authorizer authorizer = new Authorizer("Auth", "AuthFn", List.of(identitySources));
        Route connect = new Route("ConnectRoute", "$connect", new IntegrationSpec.AwsProxy("I", "ConnectFn", 29000),
                false, authorizer);
        WebSocketApi api = new WebSocketApi("Api", "abcdefghij", "$request.body.action", "dev", Map.of(),
                List.of(connect));
        return new SamTemplate(Path.of("template.yaml"), api, Map.of("AuthFn", authFn), List.of());
    }

    private static String signIn(SamTemplate template) {
        StringWriter text = new StringWriter();
        SignInBanner.print(new PrintWriter(text), template, WEB_SOCKET, CHAT_PAGE, null);
        return text.toString();
    }

    @Test
    void ownAuthorizer_namesItsIdentitySources_andConnectsSendingThem_withoutATokenCommand() {
        SamTemplate template = template(Map.of(), "route.request.header.Authorization",
                "route.request.querystring.apiKey", "stageVariables.Pool");

        String lines = signIn(template);

        assertTrue(lines.startsWith("  Sign-in        on: $connect is authorized by AuthFn (Auth), reading "
                + "route.request.header.Authorization, route.request.querystring.apiKey, stageVariables.Pool\n"), lines);
        assertTrue(lines.contains("    connect:     wscat -c \"ws://127.0.0.1:4210/dev?apiKey=$APIKEY\" -H "
                + "\"Authorization: $AUTHORIZATION\"   (values AuthFn accepts: ws-local cannot make them;"), lines);
        assertFalse(lines.contains("token"), lines);
        assertEquals("Ready: wscat -c \"ws://127.0.0.1:4210/dev?apiKey=$APIKEY\" -H \"Authorization: $AUTHORIZATION\"   "
                + "(sign-in is on: values AuthFn accepts; Ctrl-C stops)", SignInBanner.readyLine(template, WEB_SOCKET));
    }

    @Test
    void ownAuthorizer_readingOneHeader_connectsWithTheHeaderAlone() {
        SamTemplate template = template(Map.of(), "route.request.header.X-Api-Key");

        assertEquals("Ready: wscat -c ws://127.0.0.1:4210/dev -H \"X-Api-Key: $X_API_KEY\"   (sign-in is on: values "
                + "AuthFn accepts; Ctrl-C stops)", SignInBanner.readyLine(template, WEB_SOCKET));
    }

    @Test
    void ownAuthorizer_readingTheSubprotocolHeader_connectsAskingForThatSubprotocol() {
        // Sent with -H, wscat asks for no subprotocol and fails the handshake when $connect answers with one.
        SamTemplate template = template(Map.of(), "route.request.header.sec-websocket-protocol",
                "route.request.header.X-Api-Key");

        assertEquals("Ready: wscat -c ws://127.0.0.1:4210/dev -s \"$SEC_WEBSOCKET_PROTOCOL\" -H \"X-Api-Key: "
                + "$X_API_KEY\"   (sign-in is on: values AuthFn accepts; Ctrl-C stops)",
                SignInBanner.readyLine(template, WEB_SOCKET));
    }

    @Test
    void ownAuthorizer_withoutIdentitySources_saysItLooksItself_andPromisesNoToken() {
        SamTemplate template = template(Map.of());

        String lines = signIn(template);

        assertTrue(lines.contains("which lists no IdentitySource: it is called for every handshake"), lines);
        assertEquals("Ready: wscat -c ws://127.0.0.1:4210/dev   (sign-in is on: add what AuthFn wants; Ctrl-C stops)",
                SignInBanner.readyLine(template, WEB_SOCKET));
    }

    @Test
    void projectAuthorizer_ofTheLocalIssuer_printsTheTokenCommand() {
        SamTemplate template = template(Map.of(SignInBanner.ISSUER, "http://127.0.0.1:4210/@issuer",
                SignInBanner.AUDIENCE, "ws-local"));

        String lines = signIn(template);

        assertTrue(lines.contains("    a token:     TOKEN=$(java -jar ws-local/target/ws-local.jar token --name ana "
                + "--port 4210)\n"), lines);
        assertEquals("Ready: wscat -c \"ws://127.0.0.1:4210/dev?token=$TOKEN\"   (sign-in is on: a token as above; "
                + "Ctrl-C stops)", SignInBanner.readyLine(template, WEB_SOCKET));
    }

    @Test
    void projectAuthorizer_ofAnotherIssuer_namesTheIssuer_andMakesNoToken() {
        String issuer = "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_abc";
        SamTemplate template = template(Map.of(SignInBanner.ISSUER, issuer, SignInBanner.AUDIENCE, "client1"));

        String lines = signIn(template);

        assertFalse(lines.contains("a token:"), lines);
        assertTrue(lines.contains("    connect:     wscat -c \"ws://127.0.0.1:4210/dev?token=$TOKEN\"   (TOKEN: a token "
                + issuer + " issues for client1, e.g. an ID token; ws-local cannot make one)\n"), lines);
        assertEquals("Ready: wscat -c \"ws://127.0.0.1:4210/dev?token=$TOKEN\"   (sign-in is on: a token of " + issuer
                + "; Ctrl-C stops)", SignInBanner.readyLine(template, WEB_SOCKET));
    }

    @Test
    void noAuthorizer_isOff_andConnectsPlainly() {
        WebSocketApi api = new WebSocketApi("Api", "abcdefghij", "$request.body.action", "dev", Map.of(), List.of());
        SamTemplate template = new SamTemplate(Path.of("template.yaml"), api, Map.of(), List.of());

        assertEquals("  Sign-in        off: anyone may connect\n", signIn(template));
        assertEquals("Ready: wscat -c ws://127.0.0.1:4210/dev   (Ctrl-C stops)",
                SignInBanner.readyLine(template, WEB_SOCKET));
    }
}
