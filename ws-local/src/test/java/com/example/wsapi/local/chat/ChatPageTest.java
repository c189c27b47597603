package com.example.wsapi.local.chat;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.wsapi.local.template.Route;
import com.example.wsapi.local.template.WebSocketApi;
import io.netty.buffer.ByteBufUtil;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The chat page endpoint answering requests as the gateway hands them over (path after /@chat, decoded). */
class ChatPageTest {

    private static final Path CHAT = Path.of(System.getProperty("project.root"), "chat");
    private final ChatPage page = new ChatPage("dev", "127.0.0.1:3001");

    private FullHttpResponse get(String uri, List<String> rest) {
        return handle(HttpMethod.GET, uri, rest, "127.0.0.1:3400");
    }

    private FullHttpResponse handle(HttpMethod method, String uri, List<String> rest, String host) {
        FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, method, uri);
        if (host != null) {
            request.headers().set("Host", host);
        }
        return page.handle(request, rest);
    }

    private static String body(FullHttpResponse response) {
        return response.content().toString(StandardCharsets.UTF_8);
    }

    @Test
    void everyFileOfTheChatFolder_isServedAsItIs_withItsContentType() throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(CHAT)) {
            files = walk.filter(Files::isRegularFile).toList();
        }
        assertTrue(files.size() >= 6, "chat/ holds the page: " + files);
        for (Path file : files) {
            String name = CHAT.relativize(file).toString();
            FullHttpResponse response = get("/@chat/" + name, List.of(name.split("/")));

            assertEquals(200, response.status().code(), name);
            assertArrayEquals(Files.readAllBytes(file), ByteBufUtil.getBytes(response.content()), name);
            String expected = switch (name.substring(name.lastIndexOf('.') + 1)) {
                case "html" -> "text/html; charset=utf-8";
                case "css" -> "text/css; charset=utf-8";
                case "js" -> "text/javascript; charset=utf-8";
                case "svg" -> "image/svg+xml";
                default -> throw new AssertionError("a chat/ file of a kind this test does not know: " + name);
            };
            assertEquals(expected, response.headers().get("Content-Type"), name);
            assertEquals("nosniff", response.headers().get("X-Content-Type-Options"), name);
        }
    }

    @Test
    void theFolder_servesIndexHtml_andWithoutTheSlashRedirectsKeepingTheQuery() throws IOException {
        FullHttpResponse index = get("/@chat/", List.of(""));
        assertEquals(200, index.status().code());
        assertEquals(Files.readString(CHAT.resolve("index.html")), body(index));

        FullHttpResponse redirect = get("/@chat?url=ws%3A%2F%2Fh%3A1%2Fdev&token=t", List.of());
        assertEquals(308, redirect.status().code());
        assertEquals("/@chat/?url=ws%3A%2F%2Fh%3A1%2Fdev&token=t", redirect.headers().get("Location"));
        assertEquals("/@chat/", get("/@chat", List.of()).headers().get("Location"));
    }

    @Test
    void configJson_namesTheStage() {
        FullHttpResponse config = get("/@chat/config.json", List.of("config.json"));
        assertEquals("application/json", config.headers().get("Content-Type"));
        assertEquals("{\"stage\":\"dev\"}", body(config));
    }

    @Test
    void unknownFiles_are404_andOtherMethods405_withTheSameHeaders() {
        for (List<String> rest : List.of(List.of("nope.js"), List.of("..", "pom.xml"), List.of("chat", "index.html"))) {
            FullHttpResponse missing = get("/@chat/" + String.join("/", rest), rest);
            assertEquals(404, missing.status().code(), rest.toString());
            assertTrue(missing.headers().contains("Content-Security-Policy"));
        }
        FullHttpResponse post = handle(HttpMethod.POST, "/@chat/", List.of(""), "127.0.0.1:3400");
        assertEquals(405, post.status().code());
        assertEquals("GET, HEAD", post.headers().get("Allow"));
        assertEquals(200, handle(HttpMethod.HEAD, "/@chat/app.js", List.of("app.js"), "h:1").status().code());
    }

    @Test
    void policy_allowsOnlyThePagesOwnFiles_andTheWebSocketApiOfTheHostItWasAskedFor() {
        String policy = get("/@chat/", List.of("")).headers().get("Content-Security-Policy");

        assertEquals("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; base-uri 'none'; "
                + "form-action 'none'; frame-ancestors 'none'; require-trusted-types-for 'script'; "
                + "trusted-types 'none'; connect-src 'self' ws://127.0.0.1:3400", policy);
        assertEquals("no-referrer", get("/@chat/", List.of("")).headers().get("Referrer-Policy"));
    }

    @Test
    void policy_addsTheOriginOfAValidUrlParameter_andNothingForAnInvalidOne() {
        String deployed = handle(HttpMethod.GET,
                "/@chat/?url=wss%3A%2F%2Fk3f9q2w7xa.execute-api.us-east-1.amazonaws.com%2Fdev", List.of(""), "h:1")
                .headers().get("Content-Security-Policy");
        assertTrue(deployed.endsWith("connect-src 'self' ws://h:1 wss://k3f9q2w7xa.execute-api.us-east-1.amazonaws.com"),
                deployed);

        String bad = handle(HttpMethod.GET, "/@chat/?url=https%3A%2F%2Fevil.example%3B%20script-src%20*",
                List.of(""), "h:1").headers().get("Content-Security-Policy");
        assertTrue(bad.endsWith("connect-src 'self' ws://h:1"), bad);
    }

    @Test
    void policy_fallsBackToTheGatewaysAddress_whenHostIsMissingOrCouldEndADirective() {
        assertTrue(handle(HttpMethod.GET, "/@chat/", List.of(""), null).headers().get("Content-Security-Policy")
                .endsWith("connect-src 'self' ws://127.0.0.1:3001"));
        String injected = handle(HttpMethod.GET, "/@chat/", List.of(""), "h; script-src *")
                .headers().get("Content-Security-Policy");
        assertTrue(injected.endsWith("connect-src 'self' ws://127.0.0.1:3001"), injected);
        assertFalse(injected.contains("script-src *"), injected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ws://localhost:3001/dev", "wss://k3f9q2w7xa.execute-api.eu-west-1.amazonaws.com/prod",
            "WSS://Example.COM/x?y=1", "ws://[::1]:3001/dev", "ws://192.0.2.7/dev"})
    void webSocketOrigin_ofAUsableUrl(String url) {
        assertTrue(ChatPagePolicy.webSocketOrigin(url).isPresent(), url);
    }

    @Test
    void webSocketOrigin_isLowerCaseAndKeepsTheExplicitPort() {
        assertEquals(Optional.of("wss://example.com"), ChatPagePolicy.webSocketOrigin("WSS://Example.COM/x?y=1"));
        assertEquals(Optional.of("ws://[::1]:3001"), ChatPagePolicy.webSocketOrigin("ws://[::1]:3001/dev"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "http://example.com/", "javascript:alert(1)", "ws://user:pw@example.com/",
            "ws:///dev", "not a url", "wss://exa mple.com/", "ws://example.com:99999/", "data:text/html,x",
            "ws://example.com;script-src/"})
    void webSocketOrigin_ofAnythingElse_isEmpty(String url) {
        assertEquals(Optional.empty(), ChatPagePolicy.webSocketOrigin(url), url);
    }

    private static WebSocketApi api(String routeSelectionExpression, String... routeKeys) {
        // Only the route keys matter here: what the routes call is the template readers' business.
        return new WebSocketApi("Api", "abcdefghij", routeSelectionExpression, "dev", Map.of(),
                Stream.of(routeKeys).map(key -> new Route(key + "Route", key, null, false, null)).toList());
    }

    @Test
    void whyOff_isEmpty_forAnApiRoutingEveryActionThePageSends() {
        assertEquals(Optional.empty(), ChatPage.whyOff(api("$request.body.action", "$connect", "joinroom",
                "sendmessage", "leaveroom", "$default")));
    }

    @Test
    void whyOff_namesTheActionsNotRouted_evenWithADefaultRoute() {
        assertEquals(Optional.of("the template routes no joinroom, sendmessage, leaveroom (the page sends joinroom, "
                + "sendmessage, leaveroom)"), ChatPage.whyOff(api("$request.body.action", "$default", "echo")));
        assertEquals(Optional.of("the template routes no leaveroom (the page sends joinroom, sendmessage, leaveroom)"),
                ChatPage.whyOff(api("$request.body.action", "joinroom", "sendmessage")));
    }

    @Test
    void whyOff_namesAnotherRouteSelectionExpression() {
        assertEquals(Optional.of("the page sends {\"action\": ...} and this API selects routes by $request.body.type"),
                ChatPage.whyOff(api("$request.body.type", "joinroom", "sendmessage", "leaveroom")));
    }

    @Test
    void actions_areExactlyTheOnesThePageSends() throws IOException {
        Set<String> sent = new HashSet<>();
        Matcher action = Pattern.compile("action: '([^']+)'").matcher("");
        try (Stream<Path> walk = Files.walk(CHAT)) {
            for (Path file : walk.filter(f -> f.toString().endsWith(".js")).toList()) {
                action.reset(Files.readString(file));
                while (action.find()) {
                    sent.add(action.group(1));
                }
            }
        }

        assertEquals(Set.copyOf(ChatPage.ACTIONS), sent);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "index.html", "config.json", "app.js"})
    void pageThatIsOff_answers404SayingWhy_forEveryPath(String name) {
        ChatPage off = new ChatPage("dev", "127.0.0.1:3001", "the template routes no joinroom");
        FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/@chat/" + name);

        FullHttpResponse response = off.handle(request, List.of(name));

        assertEquals(404, response.status().code());
        assertEquals("Not Found: the chat page is off for this API: the template routes no joinroom.\n",
                body(response));
        assertEquals("text/plain; charset=utf-8", response.headers().get("Content-Type"));
    }
}
