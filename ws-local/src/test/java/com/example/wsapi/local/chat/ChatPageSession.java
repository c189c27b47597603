package com.example.wsapi.local.chat;

import static org.junit.jupiter.api.Assertions.fail;

import com.example.wsapi.local.testing.Await;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * One person's chat page in a real browser, used the way a person does: controls are found by their accessible name
 * (what a screen reader announces), never by id, so a control without the expected name fails the test.
 */
final class ChatPageSession {

    /** Function JVMs start cold on a busy machine: long enough, and never waited out when things work. */
    static final Duration WAIT = Duration.ofSeconds(45);

    final ChromeDriver driver;
    final String name;

    ChatPageSession(ChromeDriver driver, String name) {
        this.driver = driver;
        this.name = name;
    }

    /** A name or room no other test uses: records are found by name. */
    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 6);
    }

    ChatPageSession open(URI page) {
        driver.get(page.toString());
        Await.until("the chat page to be ready at " + page, WAIT,
                () -> "true".equals(driver.findElement(By.tagName("html")).getDomAttribute("data-ready")));
        return this;
    }

    /** The input, text area or button whose accessible name is exactly this. */
    WebElement control(String accessibleName) {
        List<WebElement> controls = driver.findElements(By.cssSelector("input, textarea, button"));
        for (WebElement control : controls) {
            if (accessibleName.equals(control.getAccessibleName())) {
                return control;
            }
        }
        return fail("no control named \"" + accessibleName + "\"; the page has: " + controls.stream()
                .map(c -> c.getTagName() + " \"" + c.getAccessibleName() + "\"").collect(Collectors.joining(", ")));
    }

    void type(String field, String text) {
        WebElement input = control(field);
        input.clear();
        input.sendKeys(text);
    }

    /** Fills Name and Room, presses Join, and waits until the room is joined. */
    ChatPageSession join(String room) {
        return join(name, room);
    }

    ChatPageSession join(String as, String room) {
        type("Name", as);
        type("Room", room);
        control("Join").click();
        awaitRoomTitle("Room: " + room);
        return this;
    }

    void send(String text) {
        type("Message", text);
        WebElement send = control("Send");
        Await.until("Send to be enabled", WAIT, send::isEnabled);
        send.click();
    }

    /** The connection state the page shows: connecting, connected, reconnecting or disconnected. */
    String state() {
        return driver.findElement(By.cssSelector("[role=status]")).getDomAttribute("data-state");
    }

    void awaitState(String state) {
        await(name + "'s page to be " + state, () -> "it is " + state(), () -> state.equals(state()));
    }

    String roomTitle() {
        return driver.findElement(By.cssSelector("section.room h2")).getText();
    }

    void awaitRoomTitle(String title) {
        await(name + "'s room title \"" + title + "\"", () -> "it is \"" + roomTitle() + "\"; messages " + items(),
                () -> title.equals(roomTitle()));
    }

    /** The message list's items as the person reads them. */
    List<String> items() {
        return driver.findElements(By.cssSelector("[role=log] > li")).stream().map(WebElement::getText).toList();
    }

    /** The list items of a kind: message, notice or error. */
    List<WebElement> itemsOf(String kind) {
        return driver.findElements(By.cssSelector("[role=log] > li." + kind));
    }

    /** Waits for a list item containing this text; returns its text. */
    String awaitItem(String text) {
        await(name + " to see \"" + text + "\"", () -> "sees " + items(),
                () -> items().stream().anyMatch(item -> item.contains(text)));
        return items().stream().filter(item -> item.contains(text)).findFirst().orElseThrow();
    }

    /** Waits for a condition; a failure says what the page shows by then. */
    void await(String what, Supplier<String> shows, BooleanSupplier condition) {
        try {
            Await.until(what, WAIT, condition);
        } catch (AssertionError e) {
            fail(e.getMessage() + "; " + shows.get());
        }
    }

    /** Whether any item contains the text (no waiting: for what must not have arrived). */
    boolean sees(String text) {
        return items().stream().anyMatch(item -> item.contains(text));
    }

    /** The accessible name of the focused control (what keyboard use is at). */
    String focused() {
        WebElement active = driver.switchTo().activeElement();
        return active.getAccessibleName();
    }

    Object script(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    Object asyncScript(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeAsyncScript(script, args);
    }

    byte[] screenshot() {
        return driver.getScreenshotAs(OutputType.BYTES);
    }

    WebDriver driver() {
        return driver;
    }
}
