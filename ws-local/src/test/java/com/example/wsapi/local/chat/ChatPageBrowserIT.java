package com.example.wsapi.local.chat;

import static com.example.wsapi.local.chat.ChatPageSession.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.wsapi.local.lambda.RuntimeOptions;
import com.example.wsapi.local.testing.Await;
import com.example.wsapi.local.testing.Browsers;
import com.example.wsapi.local.testing.ProjectApi;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.interactions.Actions;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The chat page in headless Chromium against ws-local running this project's template (real function JVMs, DynamoDB
 * Local): people chatting, rooms kept apart, leaving, disconnecting, the page reconnecting after a DeleteConnection,
 * markup shown as text, error replies, keyboard-only use, a phone-sized window, and the page's CSP.
 *
 * <p>{@code -Dchat.screenshot=refresh} also writes the README's screenshot, docs/chat-page.png.
 */
class ChatPageBrowserIT {

    private static final String MARKUP = "<img src=x onerror=alert(1)>";

    static Browsers browsers;
    static ProjectApi api;
    static URI page;

    @BeforeAll
    static void start() throws Exception {
        browsers = Browsers.availableOrSkip(ChatPageBrowserIT.class.getSimpleName());
        api = ProjectApi.start(4, RuntimeOptions.defaults());
        page = api.api().chatPageUrl();
    }

    @AfterAll
    static void stop() {
        if (browsers != null) {
            browsers.close();
        }
        if (api != null) {
            api.close();
        }
    }

    @AfterEach
    void noAlertEverAppeared_thenFreeTheBrowsers() {
        try {
            // An alert would mean markup or script from a message ran somewhere.
            for (var driver : browsers.openBrowsers()) {
                assertThrows(NoAlertPresentException.class, () -> driver.switchTo().alert(), "an alert appeared");
            }
        } finally {
            browsers.releaseAll();
        }
    }

    private ChatPageSession session(String name) {
        return session(name, 600, 860);
    }

    private ChatPageSession session(String name, int width, int height) {
        return new ChatPageSession(browsers.open(width, height), name);
    }

    /** The record of the connection that joined under this name (names are unique per test). */
    private static Optional<Map<String, AttributeValue>> recordNamed(String name) {
        return api.records().stream()
                .filter(item -> item.containsKey("name") && item.get("name").s().equals(name))
                .findFirst();
    }

    private static String connectionIdOf(String name) {
        Await.until("the record of " + name, ChatPageSession.WAIT, () -> recordNamed(name).isPresent());
        return recordNamed(name).orElseThrow().get("connectionId").s();
    }

    @Test
    void twoPeopleInOneRoom_chatBothWays_andSomeoneInAnotherRoomSeesNothingOfIt() throws Exception {
        ChatPageSession ana = session("ana").open(page);
        ChatPageSession ben = session("ben").open(page);
        ChatPageSession cy = session(unique("cy")).open(page);
        String room = "lobby";

        ana.join(room);
        assertEquals("connected", ana.state());
        ben.join(room);
        ana.awaitItem("ben joined lobby");
        cy.join(unique("kitchen"));

        ana.send("hi ben, the page works");
        ben.awaitItem("hi ben, the page works");
        ben.send("hello ana, both ways");
        ana.awaitItem("hello ana, both ways");
        ana.awaitItem("hi ben, the page works");

        List<String> anaSees = ana.items();
        assertTrue(anaSees.stream().anyMatch(i -> i.startsWith("ben") && i.contains("hello ana, both ways")),
                "a message shows its sender: " + anaSees);
        assertEquals(1, ana.driver.findElements(By.cssSelector("li.message.mine")).size(), "ana's own message is hers");
        assertTrue(ana.driver.findElement(By.cssSelector("li.message time")).getDomAttribute("datetime")
                .matches("\\d{4}-\\d\\d-\\d\\dT.*Z"), "and its time");
        cy.send("only for the kitchen");
        Await.sleep(1500); // what must not arrive gets a moment to arrive anyway
        for (String text : List.of("hi ben", "hello ana", "ben joined")) {
            assertFalse(cy.sees(text), "another room saw \"" + text + "\": " + cy.items());
        }
        assertFalse(ana.sees("only for the kitchen") || ben.sees("only for the kitchen"));

        saveScreenshot(ana, ben);
    }

    @Test
    void leaveRoom_tellsTheOthers_andKeepsTheConnection() {
        String room = unique("porch");
        String leaver = unique("lea");
        ChatPageSession lea = session(leaver).open(page).join(room);
        ChatPageSession mo = session(unique("mo")).open(page).join(room);
        lea.awaitItem(mo.name + " joined");

        lea.control("Leave room").click();

        mo.awaitItem(leaver + " left " + room);
        lea.awaitItem("You left " + room);
        lea.awaitRoomTitle("Not in a room");
        assertEquals("connected", lea.state(), "leaving a room is not leaving the chat");
        assertFalse(lea.control("Send").isEnabled(), "no room, nothing to send to");
        Map<String, AttributeValue> record = recordNamed(leaver).orElseThrow();
        assertFalse(record.containsKey("room"), "the record stays, without a room: " + record);
    }

    @Test
    void disconnect_closesTheConnection_andItsRecordIsRemoved() {
        String name = unique("dot");
        ChatPageSession dot = session(name).open(page).join(unique("den"));
        String id = connectionIdOf(name);

        dot.control("Disconnect").click();

        dot.awaitState("disconnected");
        api.awaitNoRecord(id);
        Await.sleep(1500);
        assertEquals("disconnected", dot.state(), "asked to disconnect, the page does not reconnect");
        assertTrue(recordNamed(name).isEmpty(), "no new connection was made");
    }

    @Test
    void deleteConnection_makesThePageReconnectAndRejoinItsRoom_byItself() {
        String room = unique("attic");
        String name = unique("rex");
        ChatPageSession rex = session(name).open(page).join(room);
        ChatPageSession sam = session(unique("sam")).open(page).join(room);
        rex.awaitItem(sam.name + " joined");
        String before = connectionIdOf(name);

        try (ApiGatewayManagementApiClient connections = ApiGatewayManagementApiClient.builder()
                .endpointOverride(URI.create(api.ws().toString().replaceFirst("^ws", "http")))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.create())
                .build()) {
            connections.deleteConnection(b -> b.connectionId(before));
        }

        rex.awaitItem("Connection lost");
        rex.awaitItem("Reconnected.");
        rex.awaitState("connected");
        // The room hears the rejoin. (Whether it first hears member-left depends on timing: when the rejoin's
        // broadcast meets the deleted connection's record first, it removes that record on 410, and the $disconnect
        // that follows finds nothing to tell.)
        sam.awaitItem(name + " joined " + room);
        Await.until("the page to rejoin " + room + " on a new connection", ChatPageSession.WAIT,
                () -> recordNamed(name).map(r -> !r.get("connectionId").s().equals(before)
                        && r.containsKey("room") && r.get("room").s().equals(room)).orElse(false));
        assertNotEquals(before, connectionIdOf(name));
        assertEquals("Room: " + room, rex.roomTitle());
        sam.send("still there, rex?");
        rex.awaitItem("still there, rex?");
        rex.send("yes, rejoined");
        sam.awaitItem("yes, rejoined");
    }

    @Test
    void markupAsNameAndMessage_isShownAsText_andNeverRuns() {
        String room = unique("lab");
        ChatPageSession eve = session(MARKUP).open(page);
        ChatPageSession ann = session(unique("ann")).open(page).join(room);
        eve.join(MARKUP, room);
        ann.awaitItem(MARKUP + " joined " + room);

        eve.send(MARKUP);

        Await.until("ann to see eve's message", ChatPageSession.WAIT, () -> !ann.itemsOf("message").isEmpty());
        var message = ann.itemsOf("message").get(0);
        assertEquals(MARKUP, message.findElement(By.className("from")).getText(), "the sender's name, literally");
        assertEquals(MARKUP, message.findElement(By.cssSelector("p.text")).getText(), "the message, literally");
        for (ChatPageSession session : List.of(eve, ann)) {
            assertTrue(session.driver.findElements(By.cssSelector("img")).isEmpty(), "an img element was created");
            assertEquals(0L, session.script("return document.querySelectorAll('[onerror]').length"));
        }
    }

    @Test
    void errorReply_isShownAsAnError() {
        ChatPageSession ivy = session("ivy").open(page);
        ivy.join(unique("ok-room")); // connected and in a room
        ivy.type("Name", "   ");
        ivy.type("Room", "elsewhere");

        ivy.control("Join").click();

        String error = ivy.awaitItem("must not be empty");
        assertTrue(error.contains("Error:") && error.contains("\"name\""), error);
        assertEquals("alert", ivy.itemsOf("error").get(0).getDomAttribute("role"), "announced as an alert");
        assertTrue(ivy.roomTitle().startsWith("Room: ok-room"), "a refused join changes nothing");
    }

    @Test
    void keyboardAlone_joinsSendsAndLeaves() {
        String room = unique("keys");
        ChatPageSession kim = session(unique("kim")).open(page);
        ChatPageSession lou = session(unique("lou")).open(page).join(room);
        Actions keys = new Actions(kim.driver);

        keys.sendKeys(Keys.TAB).perform();
        assertEquals("Name", kim.focused(), "the first stop (Disconnect is disabled while disconnected)");
        keys.sendKeys(kim.name).sendKeys(Keys.TAB).sendKeys(room).sendKeys(Keys.ENTER).perform();
        kim.awaitRoomTitle("Room: " + room);
        Await.until("focus on the message box after joining", ChatPageSession.WAIT,
                () -> "Message".equals(kim.focused()));

        keys.sendKeys("typed, not clicked").sendKeys(Keys.ENTER).perform();
        lou.awaitItem("typed, not clicked");
        keys.sendKeys("line one").keyDown(Keys.SHIFT).sendKeys(Keys.ENTER).keyUp(Keys.SHIFT)
                .sendKeys("line two").sendKeys(Keys.ENTER).perform();
        assertTrue(lou.awaitItem("line one").contains("line one\nline two"), "Shift+Enter is a new line");

        keys.keyDown(Keys.SHIFT).sendKeys(Keys.TAB).sendKeys(Keys.TAB).keyUp(Keys.SHIFT).perform();
        assertEquals("Leave room", kim.focused(), "back from the message box: the list, then Leave room");
        keys.sendKeys(Keys.ENTER).perform();
        lou.awaitItem(kim.name + " left " + room);
        Await.until("focus on Room after leaving", ChatPageSession.WAIT, () -> "Room".equals(kim.focused()));
    }

    @Test
    void onAPhoneSizedScreen_everythingFitsTheWidth_andEveryControlIsReachable() {
        ChatPageSession pip = session(unique("pip"), 390, 780).open(page).join(unique("phone"));
        pip.send("small screen");
        pip.awaitItem("small screen");

        assertEquals(0L, pip.script("return document.documentElement.scrollWidth - document.documentElement.clientWidth"),
                "nothing is wider than the screen");
        for (String control : List.of("Name", "Room", "Token", "Join", "Leave room", "Message", "Send", "Disconnect")) {
            var element = pip.control(control);
            pip.script("arguments[0].scrollIntoView({block: 'center'})", element);
            assertTrue(element.isDisplayed(), control + " is shown");
            Number width = (Number) pip.script("return arguments[0].getBoundingClientRect().width", element);
            assertTrue(width.doubleValue() >= 40 && width.doubleValue() <= 390, control + " is " + width + " px wide");
        }
    }

    @Test
    void contentSecurityPolicy_isSent_andTheBrowserEnforcesIt() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(page).build(),
                HttpResponse.BodyHandlers.ofString());
        String authority = page.getRawAuthority();
        assertEquals("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; base-uri 'none'; "
                + "form-action 'none'; frame-ancestors 'none'; require-trusted-types-for 'script'; trusted-types 'none'; "
                + "connect-src 'self' ws://" + authority, response.headers().firstValue("Content-Security-Policy")
                .orElseThrow());
        assertEquals("text/html; charset=utf-8", response.headers().firstValue("Content-Type").orElseThrow());

        ChatPageSession zed = session("zed").open(page);
        // Another origin (even one that listens) is not the API: the browser refuses to connect there.
        Object violation = zed.asyncScript("""
                const done = arguments[arguments.length - 1];
                document.addEventListener('securitypolicyviolation', e => done(e.effectiveDirective + ' ' + e.blockedURI));
                try { new WebSocket('ws://localhost:9/elsewhere'); } catch (e) { done('threw ' + e.name); }
                """);
        assertTrue(String.valueOf(violation).startsWith("connect-src") || "threw SecurityError".equals(violation),
                String.valueOf(violation));
        // Trusted Types: no code on the page can turn text into markup.
        Object innerHtml = zed.script("try { document.body.innerHTML = '<b>x</b>'; return 'assigned'; } "
                + "catch (e) { return e.name; }");
        assertEquals("TypeError", innerHtml);
    }

    @Test
    void urlParameter_choosesTheApi_andABadOneIsExplainedAndCannotBeJoined() {
        String url = api.ws().toString();
        ChatPageSession una = session(unique("una"))
                .open(URI.create(page + "?url=" + URLEncoder.encode(url, StandardCharsets.UTF_8)));
        assertEquals(url, una.driver.findElement(By.id("api-url")).getText());
        una.join(unique("explicit"));

        ChatPageSession bad = session("bad").open(URI.create(page + "?url=https%3A%2F%2Fexample.com%2Fdev"));
        bad.awaitItem("?url= must start with ws:// or wss://");
        assertFalse(bad.control("Join").isEnabled());
    }

    @Test
    void tokenParameter_goesIntoTheTokenField_andLeavesTheAddressBar() {
        ChatPageSession tia = session("tia").open(URI.create(page + "?token=eyJhbGciOi.eyJzdWIi.c2ln"));

        assertEquals("eyJhbGciOi.eyJzdWIi.c2ln", tia.control("Token").getDomProperty("value"));
        assertFalse(tia.driver.getCurrentUrl().contains("token"), tia.driver.getCurrentUrl());
        assertEquals("password", tia.control("Token").getDomAttribute("type"));
    }

    /** The page's modules on their own, in the same browser: the wait before each reconnect, and the subprotocols. */
    @Test
    void connectionModule_backsOffWithACapAndJitter_andOffersTheTokenAsASubprotocol() {
        ChatPageSession unit = session("unit").open(page);
        @SuppressWarnings("unchecked")
        Map<String, Object> result = (Map<String, Object>) unit.asyncScript("""
                const done = arguments[arguments.length - 1];
                Promise.all([import('./backoff.js'), import('./connection.js')]).then(([backoff, connection]) => {
                  const low = [], high = [];
                  for (let attempt = 0; attempt < 15; attempt++) {
                    low.push(backoff.reconnectDelay(attempt, () => 0));
                    high.push(backoff.reconnectDelay(attempt, () => 0.999999));
                  }
                  // A server that accepts and at once closes every connection: the waits the page schedules.
                  const waits = [], opened = [], live = new Map();
                  let nextId = 1;
                  const timers = { setTimeout: (f, ms) => { live.set(nextId, { f, ms }); return nextId++; },
                                   clearTimeout: (id) => live.delete(id) };
                  const createSocket = (url, protocols) => {
                    const socket = { send() {}, close() {} };
                    opened.push(protocols === undefined ? null : protocols);
                    queueMicrotask(() => { socket.onopen?.(); socket.onclose?.({ code: 1006 }); });
                    return socket;
                  };
                  const conn = new connection.ChatConnection({ url: 'ws://x/dev', token: 'a.b.c', timers, createSocket,
                    random: () => 0.5, onState() {}, onMessage() {}, onProblem() {} });
                  conn.connect();
                  let rounds = 0;
                  const step = () => {
                    // After each close exactly one timer is left: the wait before the next attempt.
                    if (rounds++ < 12 && live.size === 1) {
                      const [[id, { f, ms }]] = live.entries();
                      live.delete(id); waits.push(ms); f(); setTimeout(step, 0);
                    }
                    else {
                      const plain = new connection.ChatConnection({ url: 'ws://x/dev', timers, createSocket,
                        onState() {}, onMessage() {}, onProblem() {} });
                      plain.connect();
                      done({ low, high, waits, opened: opened.slice(0, 2).concat([opened[opened.length - 1]]) });
                    }
                  };
                  setTimeout(step, 0);
                }).catch(e => done({ error: String(e) }));
                """);
        assertFalse(result.containsKey("error"), String.valueOf(result.get("error")));

        List<Long> low = numbers(result.get("low"));
        List<Long> high = numbers(result.get("high"));
        assertEquals(250L, low.get(0), "never sooner than 250 ms");
        for (int attempt = 0; attempt < low.size(); attempt++) {
            assertTrue(high.get(attempt) <= 30_000 && low.get(attempt) >= 250, "attempt " + attempt);
            assertTrue(high.get(attempt) > low.get(attempt), "jitter spreads attempt " + attempt);
        }
        assertEquals(30_000L, high.get(14), "capped at 30 s");
        assertEquals(15_000L, low.get(14), "and jittered in its upper half");
        List<Long> waits = numbers(result.get("waits"));
        assertTrue(waits.size() >= 10, "it keeps trying: " + waits);
        for (int i = 1; i < waits.size(); i++) {
            assertTrue(waits.get(i) >= waits.get(i - 1), "waits never shrink while every attempt fails: " + waits);
        }
        assertTrue(waits.get(waits.size() - 1) >= 10 * waits.get(0), "and grow: " + waits);
        assertEquals(List.of(List.of("chat", "a.b.c"), List.of("chat", "a.b.c")),
                ((List<?>) result.get("opened")).subList(0, 2), "a token is offered as [\"chat\", token]");
        assertEquals(null, ((List<?>) result.get("opened")).get(2), "without a token, no subprotocol at all");
    }

    private static List<Long> numbers(Object list) {
        return ((List<?>) list).stream().map(n -> ((Number) n).longValue()).toList();
    }

    /** Both people's windows side by side: target/chat-page.png, and docs/chat-page.png with -Dchat.screenshot=refresh. */
    private static void saveScreenshot(ChatPageSession left, ChatPageSession right) throws IOException {
        BufferedImage a = ImageIO.read(new ByteArrayInputStream(left.screenshot()));
        BufferedImage b = ImageIO.read(new ByteArrayInputStream(right.screenshot()));
        int gap = 12;
        BufferedImage both = new BufferedImage(a.getWidth() + gap + b.getWidth(), Math.max(a.getHeight(), b.getHeight()),
                BufferedImage.TYPE_INT_RGB);
        Graphics2D graphics = both.createGraphics();
        graphics.setColor(new Color(0x9a, 0xa3, 0xae));
        graphics.fillRect(0, 0, both.getWidth(), both.getHeight());
        graphics.drawImage(a, 0, 0, null);
        graphics.drawImage(b, a.getWidth() + gap, 0, null);
        graphics.dispose();
        Path root = ProjectApi.root();
        List<Path> targets = "refresh".equals(System.getProperty("chat.screenshot"))
                ? List.of(root.resolve("ws-local/target/chat-page.png"), root.resolve("docs/chat-page.png"))
                : List.of(root.resolve("ws-local/target/chat-page.png"));
        for (Path target : targets) {
            Files.createDirectories(target.getParent());
            assertTrue(ImageIO.write(both, "png", target.toFile()), "no PNG writer");
        }
    }
}
