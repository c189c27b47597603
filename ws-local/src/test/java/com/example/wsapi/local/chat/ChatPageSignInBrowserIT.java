package com.example.wsapi.local.chat;

import static com.example.wsapi.local.chat.ChatPageSession.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.wsapi.local.issuer.IssuerKeyStore;
import com.example.wsapi.local.issuer.LocalIssuer;
import com.example.wsapi.local.issuer.LocalTokens;
import com.example.wsapi.local.lambda.RuntimeOptions;
import com.example.wsapi.local.testing.Await;
import com.example.wsapi.local.testing.Browsers;
import com.example.wsapi.local.testing.LogLines;
import com.example.wsapi.local.testing.ProjectApi;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The chat page in headless Chromium against ws-local with sign-in on, as the README turns it on: this project's
 * template with AuthIssuer at ws-local's own development issuer and AuthAudience {@code ws-local}, the real authorizer
 * in its own JVM, and tokens signed with the key store and code the {@code token} command uses (in a folder of this
 * test's own). Signed-in people join and chat under their tokens' names whatever they typed; a page without a valid
 * token is refused, says why, does not retry by itself, and leaves no connection record.
 */
class ChatPageSignInBrowserIT {

    /** What the authorizer logs for each handshake it decides: every handshake reaches it (no identity source). */
    private static final Pattern DECISION = Pattern.compile("(allowed|refused) connection (\\S+)(?: with (\\d{3}))?");

    /**
     * Added before the page's own scripts: keeps the page's WebSockets where a test can reach them and counts those
     * that opened. It only watches; the page makes and uses its sockets as ever.
     */
    private static final String WATCH_SOCKETS = """
            if (!window.testSockets) {
              window.testSockets = [];
              window.testSocketsOpened = 0;
              window.WebSocket = class extends window.WebSocket {
                constructor(...args) {
                  super(...args);
                  window.testSockets.push(this);
                  this.addEventListener('open', () => { window.testSocketsOpened += 1; });
                }
              };
            }
            """;

    @TempDir
    static Path issuerKeys;
    static final LogLines functionLogs = new LogLines(true);
    static Browsers browsers;
    static ProjectApi api;
    static IssuerKeyStore keys;
    static URI page;

    @BeforeAll
    static void start() throws Exception {
        browsers = Browsers.availableOrSkip(ChatPageSignInBrowserIT.class.getSimpleName());
        api = ProjectApi.startWithLocalIssuer(2, RuntimeOptions.defaults().withLogSink(functionLogs), issuerKeys);
        keys = new IssuerKeyStore(issuerKeys);
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
    void freeTheBrowsers() {
        browsers.releaseAll();
    }

    /** A token of ws-local's development issuer for this name, made as {@code token --name <name>} makes it. */
    static String token(String name, String audience, Duration expiresIn) {
        return LocalTokens.mint(new LocalTokens.Request(api.localIssuer(), audience, "sub-" + name, name, expiresIn),
                keys.signingKey(), Instant.now());
    }

    static String token(String name) {
        return token(name, LocalIssuer.DEFAULT_AUDIENCE, Duration.ofHours(1));
    }

    static URI withToken(String token) {
        return URI.create(page + "?token=" + token);
    }

    private ChatPageSession session(String name) {
        ChatPageSession session = new ChatPageSession(browsers.open(600, 860), name);
        session.driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", WATCH_SOCKETS));
        return session;
    }

    private static Map<String, AttributeValue> recordNamed(String name) {
        Await.until("the record of " + name, ChatPageSession.WAIT, () -> api.records().stream()
                .anyMatch(item -> item.containsKey("name") && item.get("name").s().equals(name)));
        return api.records().stream().filter(item -> item.containsKey("name") && item.get("name").s().equals(name))
                .findFirst().orElseThrow();
    }

    /** One handshake as the authorizer decided it: status 0 when allowed. */
    record Decision(String connectionId, int status) {}

    static List<Decision> decisions() {
        return functionLogs.matching(line -> DECISION.matcher(line).find()).stream()
                .map(DECISION::matcher).filter(Matcher::find)
                .map(m -> new Decision(m.group(2), m.group(3) == null ? 0 : Integer.parseInt(m.group(3))))
                .toList();
    }

    private static String status(ChatPageSession session) {
        return session.driver.findElement(By.cssSelector("[role=status]")).getText();
    }

    @Test
    void tokenInTheAddress_joinsUnderTheTokensName_whateverNameWasTyped() {
        String room = unique("signed");
        String ana = unique("ana");
        String ben = unique("ben");
        ChatPageSession anaPage = session(ana).open(withToken(token(ana)));
        ChatPageSession benPage = session(ben).open(withToken(token(ben)));
        assertEquals(ana, anaPage.control("Name").getDomProperty("value"), "the Name field is filled in from the token");
        assertEquals("from your sign-in token", anaPage.driver.findElement(By.id("name-note")).getText(),
                "and says where the name comes from");

        anaPage.join("mallory", room);
        benPage.join("eve", room);

        anaPage.awaitItem(ben + " joined " + room);
        assertFalse(anaPage.sees("eve joined"), anaPage.items().toString());
        assertTrue(anaPage.sees("You joined " + room + " as " + ana), anaPage.items().toString());
        assertTrue(anaPage.sees("The API knows you as " + ana + " (the name in your sign-in token), not as mallory"),
                anaPage.items().toString());
        assertEquals(ana, anaPage.control("Name").getDomProperty("value"), "the Name field now shows the name used");
        assertEquals(room, recordNamed(ana).get("room").s());
        assertEquals(room, recordNamed(ben).get("room").s());

        anaPage.send("hello from the token's name");

        String received = benPage.awaitItem("hello from the token's name");
        assertTrue(received.startsWith(ana), "the sender is the token's name: " + received);
        anaPage.awaitItem("hello from the token's name");
        assertEquals(ana, anaPage.driver.findElement(By.cssSelector("li.message.mine .from")).getText(),
                "ana's own message is marked hers");
    }

    @Test
    void twoSignedInPeople_chatBothWays_andSendingFromNoRoomIsRefused_withTheErrorShownAsAnError() {
        String room = unique("porch");
        ChatPageSession cy = session(unique("cy"));
        ChatPageSession dee = session(unique("dee"));
        cy.open(withToken(token(cy.name))).join(room);
        dee.open(withToken(token(dee.name))).join(room);
        cy.awaitItem(dee.name + " joined " + room);

        cy.send("hi dee, signed in");
        assertTrue(dee.awaitItem("hi dee, signed in").startsWith(cy.name));
        dee.send("hello cy, both ways");
        assertTrue(cy.awaitItem("hello cy, both ways").startsWith(dee.name));

        cy.control("Leave room").click();
        dee.awaitItem(cy.name + " left " + room);
        cy.awaitRoomTitle("Not in a room");
        // The page sends nothing from no room: Send is off, and what was typed stays in the box with a hint.
        assertFalse(cy.control("Send").isEnabled());
        cy.type("Message", "to everyone?");
        cy.control("Message").sendKeys(Keys.ENTER);
        assertEquals("Join a room first; your message is kept.", cy.driver.findElement(By.id("send-hint")).getText());
        assertEquals("to everyone?", cy.control("Message").getDomProperty("value"));
        // The API refuses it too: a frame sent on the page's socket anyway (as a stale page, or a hand in the
        // developer tools, would) is answered with an error, which the page shows as an error.
        cy.script("window.testSockets.at(-1).send(JSON.stringify({action: 'sendmessage', data: 'to everyone?'}))");

        String error = cy.awaitItem("join a room first");
        assertTrue(error.contains("Error:"), error);
        assertEquals("alert", cy.itemsOf("error").get(0).getDomAttribute("role"), "announced as an alert");
        assertEquals("connected", cy.state(), "a refused message keeps the connection");
        Await.sleep(1000); // what must not arrive gets a moment to arrive anyway
        assertFalse(dee.sees("to everyone?"), dee.items().toString());
    }

    static Stream<Arguments> invalidTokens() {
        return Stream.of(
                Arguments.of("no token", null, 401, "If it asks for sign-in, put a sign-in token in Token"),
                Arguments.of("an expired token", token("ivo", LocalIssuer.DEFAULT_AUDIENCE, Duration.ofHours(-1)), 401,
                        "Your sign-in token expired at"),
                Arguments.of("a token for another audience", token("ivo", "another-app", Duration.ofHours(1)), 403,
                        "check the token in Token (it may be for another API)"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidTokens")
    void withoutAValidToken_thePageIsRefused_saysWhy_triesOnlyOnce_andNoRecordIsWritten(String what, String token,
            int status, String explanation) {
        String room = unique("closed");
        ChatPageSession ivo = session("ivo").open(token == null ? page : withToken(token));
        int before = decisions().size();

        ivo.type("Name", "ivo");
        ivo.type("Room", room);
        ivo.control("Join").click();

        String error = ivo.awaitItem("Could not connect to " + api.ws());
        assertTrue(error.contains(explanation), what + ": " + error);
        assertEquals("alert", ivo.itemsOf("error").get(0).getDomAttribute("role"), "announced as an alert");
        ivo.awaitState("disconnected");
        assertEquals("Could not connect", status(ivo));
        Await.until("the authorizer's decision", ChatPageSession.WAIT, () -> decisions().size() > before);
        Decision refused = decisions().get(before);
        assertEquals(status, refused.status(), what);
        Await.sleep(4000); // had the page retried, even its backoff (0.25-0.5 s, then twice as long) would show here
        assertEquals(1, decisions().size() - before, "one handshake for one press of Join: " + decisions());
        assertEquals(1L, ivo.script("return window.testSockets.length"));
        assertEquals(0L, ivo.script("return window.testSocketsOpened"), "never connected");
        assertEquals("disconnected", ivo.state());
        assertEquals("Not in a room", ivo.roomTitle());
        assertTrue(api.record(refused.connectionId()).isEmpty(), "a refused handshake wrote a record");

        // Fixed by the person: a valid token in Token, and Join again.
        String signedIn = unique("ivo");
        ivo.type("Token", token(signedIn));
        ivo.control("Join").click();
        ivo.awaitRoomTitle("Room: " + room);
        assertEquals("connected", ivo.state());
        assertEquals(room, recordNamed(signedIn).get("room").s());
    }

    /**
     * The connection module in the same browser, with sockets and timers of the test's own: a reconnect refused with
     * a token that has expired meanwhile stops (it would be refused every time) and says why, while with a valid one
     * it backs off and rejoins; either way nothing is sent to a room before the API confirms the rejoin.
     */
    @Test
    void connectionModule_stopsReconnectingOnceTheTokenExpired_andSendsToTheRoomOnlyAfterTheRejoinIsConfirmed() {
        ChatPageSession unit = session("unit").open(page);
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> result = (Map<String, Map<String, Object>>) unit.asyncScript("""
                const done = arguments[arguments.length - 1];
                import('./connection.js').then(({ ChatConnection }) => {
                  const jwt = (claims) => ['e30', btoa(JSON.stringify(claims)).replace(/=+$/, '')
                    .replace(/[+]/g, '-').replace(/[/]/g, '_'), 'c2ln'].join('.');
                  const now = 2_000_000_000_000;
                  const run = (token) => {
                    const sockets = [], states = [], problems = [], sent = [], live = new Map();
                    let nextId = 1;
                    const timers = { setTimeout: (f, ms) => { live.set(nextId, f); return nextId++; },
                                     clearTimeout: (id) => live.delete(id) };
                    const fire = () => { const [[id, f]] = live.entries(); live.delete(id); f(); };
                    const conn = new ChatConnection({ url: 'ws://x/dev', token, timers, random: () => 0.5,
                      now: () => now,
                      createSocket: () => {
                        const socket = { send: (frame) => sent.push(JSON.parse(frame)), close() {} };
                        sockets.push(socket);
                        return socket;
                      },
                      onState: (state, detail) => states.push(state + (detail.couldNotConnect ? ' (refused)' : '')),
                      onMessage() {}, onProblem: (text) => problems.push(text) });
                    conn.join('attic', 'typed');
                    sockets[0].onopen();
                    sockets[0].onmessage({ data: JSON.stringify({ type: 'joined', room: 'attic', name: 'Token Name',
                      members: 1 }) });
                    const inRoomAtFirst = conn.inRoom;
                    sockets[0].onclose({ code: 1000 }); // a DeleteConnection: reconnect after a wait
                    fire();
                    sockets[1].onclose({ code: 1006 }); // that attempt is refused at the handshake
                    let inRoomBeforeRejoin = null, inRoomAfterRejoin = null;
                    if (live.size === 1) {
                      fire();
                      sockets[2].onopen();
                      inRoomBeforeRejoin = conn.inRoom;
                      sockets[2].onmessage({ data: JSON.stringify({ type: 'joined', room: 'attic',
                        name: 'Token Name', members: 1 }) });
                      inRoomAfterRejoin = conn.inRoom;
                    }
                    return { sockets: sockets.length, states, problems, timersLeft: live.size, sent, inRoomAtFirst,
                      inRoomBeforeRejoin, inRoomAfterRejoin };
                  };
                  done({ expired: run(jwt({ name: 'Token Name', exp: now / 1000 - 30 })),
                         valid: run(jwt({ name: 'Token Name', exp: now / 1000 + 3600 })) });
                }).catch(e => done({ error: { message: String(e) } }));
                """);
        assertFalse(result.containsKey("error"), String.valueOf(result.get("error")));

        Map<String, Object> expired = result.get("expired");
        assertEquals(true, expired.get("inRoomAtFirst"));
        assertEquals(2L, expired.get("sockets"), "one reconnect attempt, no more: " + expired);
        assertEquals(0L, expired.get("timersLeft"), "nothing scheduled: " + expired);
        List<?> states = (List<?>) expired.get("states");
        assertEquals("disconnected (refused)", states.get(states.size() - 1), String.valueOf(states));
        assertTrue(String.valueOf(expired.get("problems")).contains("Your sign-in token expired at"),
                String.valueOf(expired.get("problems")));

        Map<String, Object> valid = result.get("valid");
        assertEquals(3L, valid.get("sockets"), "a refused reconnect with a valid token is tried again: " + valid);
        assertEquals(List.of(), valid.get("problems"));
        assertEquals(false, valid.get("inRoomBeforeRejoin"), "Send waits for the rejoin's answer");
        assertEquals(true, valid.get("inRoomAfterRejoin"));
        List<?> sent = (List<?>) valid.get("sent");
        assertEquals(Map.of("action", "joinroom", "room", "attic", "name", "Token Name"), sent.get(sent.size() - 1),
                "the rejoin names the member as the API did: " + sent);
    }
}
