package com.example.wsapi.local.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.UnexpectedAlertBehaviour;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Headless Chromium from the system's packages (Debian: {@code chromium} and {@code chromium-driver}), driven through
 * its own chromedriver: the paths are given to Selenium, so Selenium Manager never runs and nothing is downloaded.
 *
 * <p>Without a browser the browser tests are skipped with a loud line saying how to enable them, unless
 * {@code -Dbrowser.tests=required} (or {@code BROWSER_TESTS=required}) is set, as {@code .ci/run} does: then a
 * missing browser fails the build.
 */
public final class Browsers implements AutoCloseable {

    /** Flags this machine's Chromium needs headless, and that keep it from calling home. */
    static final List<String> FLAGS = List.of("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
            "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--disable-dev-shm-usage", "--force-device-scale-factor=1", "--lang=en-US");

    private final Path chromium;
    private final Path chromedriver;
    private final Path profiles;
    /** Browsers a test is using. */
    private final List<ChromeDriver> inUse = new ArrayList<>();
    /** Browsers started earlier and free again: starting Chromium takes seconds, a page load does not. */
    private final List<ChromeDriver> idle = new ArrayList<>();

    private Browsers(Path chromium, Path chromedriver) {
        this.chromium = chromium;
        this.chromedriver = chromedriver;
        try {
            this.profiles = Files.createTempDirectory("chat-browser-profiles");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The system's Chromium, or the test class is skipped (or failed, when browser tests are required). */
    public static Browsers availableOrSkip(String testClass) {
        Optional<Path> chromium = find("chromium.binary", "chromium", "chromium-browser");
        Optional<Path> chromedriver = find("chromedriver.binary", "chromedriver");
        if (chromium.isPresent() && chromedriver.isPresent()) {
            return new Browsers(chromium.get(), chromedriver.get());
        }
        String missing = (chromium.isEmpty() ? "chromium" : "") + (chromium.isEmpty() && chromedriver.isEmpty()
                ? " and " : "") + (chromedriver.isEmpty() ? "chromedriver" : "");
        String reason = "BROWSER TESTS DID NOT RUN (" + testClass + "): no " + missing + " found on PATH or at "
                + "-Dchromium.binary / -Dchromedriver.binary. Install them (Debian or Ubuntu: sudo apt-get install "
                + "chromium chromium-driver) and run mvn verify again; -Dbrowser.tests=required (or "
                + "BROWSER_TESTS=required, as .ci/run sets) makes a missing browser fail the build instead.";
        if (required()) {
            fail(reason.replace("DID NOT RUN", "ARE REQUIRED BUT CANNOT RUN"));
        }
        String rule = "=".repeat(100);
        System.out.println("[WARNING] " + rule + "\n[WARNING] " + reason + "\n[WARNING] " + rule);
        System.out.flush();
        Assumptions.abort(reason);
        throw new AssertionError("unreachable");
    }

    static boolean required() {
        String value = System.getProperty("browser.tests", System.getenv("BROWSER_TESTS"));
        return value != null && value.trim().toLowerCase(Locale.ROOT).equals("required");
    }

    /** An explicit path from a system property, else the first of the names on PATH. */
    private static Optional<Path> find(String property, String... names) {
        String explicit = System.getProperty(property);
        if (explicit != null && !explicit.isBlank()) {
            Path path = Path.of(explicit);
            if (!Files.isExecutable(path)) {
                fail("-D" + property + "=" + explicit + " is not an executable file");
            }
            return Optional.of(path);
        }
        String pathVariable = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        return Arrays.stream(names)
                .flatMap(name -> Stream.of(pathVariable.split(java.io.File.pathSeparator))
                        .filter(dir -> !dir.isEmpty())
                        .map(dir -> Path.of(dir, name)))
                .filter(Files::isExecutable)
                .findFirst();
    }

    /**
     * A browser for one test, at this window size: one started earlier and freed, else a new one with a profile of
     * its own (nothing is shared between browsers open at the same time).
     */
    public ChromeDriver open(int width, int height) {
        ChromeDriver driver = idle.isEmpty() ? start() : idle.remove(idle.size() - 1);
        driver.manage().window().setSize(new Dimension(width, height));
        inUse.add(driver);
        return driver;
    }

    private ChromeDriver start() {
        Path profile;
        try {
            profile = Files.createTempDirectory(profiles, "profile");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium.toFile());
        options.addArguments(FLAGS);
        options.addArguments("--user-data-dir=" + profile);
        // An alert() stays open (instead of being dismissed by the driver), so a test can see that none appeared.
        options.setUnhandledPromptBehaviour(UnexpectedAlertBehaviour.IGNORE);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(chromedriver.toFile())
                .usingAnyFreePort()
                .build();
        return new ChromeDriver(service, options);
    }

    /** The browsers the current test opened. */
    public List<ChromeDriver> openBrowsers() {
        return List.copyOf(inUse);
    }

    /**
     * Frees the current test's browsers for the next one: each leaves its page (closing the page's WebSocket, as a
     * person closing the tab does); one that cannot is quit.
     */
    public void releaseAll() {
        for (ChromeDriver driver : inUse) {
            try {
                driver.get("about:blank");
                idle.add(driver);
            } catch (RuntimeException e) {
                quit(driver);
            }
        }
        inUse.clear();
    }

    private static void quit(ChromeDriver driver) {
        try {
            driver.quit();
        } catch (RuntimeException e) {
            System.err.println("browser did not quit: " + e);
        }
    }

    @Override
    public void close() {
        inUse.forEach(Browsers::quit);
        idle.forEach(Browsers::quit);
        inUse.clear();
        idle.clear();
        try (Stream<Path> files = Files.walk(profiles)) {
            files.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // temporary files only
        }
    }
}
