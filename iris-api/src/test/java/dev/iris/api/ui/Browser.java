package dev.iris.api.ui;

import io.dropwizard.testing.ResourceHelpers;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real headless Debian Chromium driven through chromedriver, installed by
 * {@code ensure-chromium.sh} when missing. Screenshots go to {@code target/screenshots/}.
 */
final class Browser
        implements AutoCloseable
{
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private final ChromeDriver driver;
    private final URI baseUri;
    private final Path profile;

    private Browser(ChromeDriver driver, URI baseUri, Path profile)
    {
        this.driver = driver;
        this.baseUri = baseUri;
        this.profile = profile;
    }

    static Browser open(URI baseUri)
    {
        ensureChromium();
        try {
            Path profile = Files.createTempDirectory("iris-chromium-");
            ChromeOptions options = new ChromeOptions();
            options.setBinary(CHROMIUM.toFile());
            options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                    "--disable-dev-shm-usage", "--user-data-dir=" + profile, "--window-size=1280,900", "--lang=en-US");
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(CHROMEDRIVER.toFile())
                    .usingAnyFreePort()
                    .build();
            ChromeDriver driver = new ChromeDriver(service, options);
            driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
            return new Browser(driver, baseUri, profile);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void ensureChromium()
    {
        if (Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER)) {
            return;
        }
        try {
            Process process = new ProcessBuilder("sh", ResourceHelpers.resourceFilePath("ensure-chromium.sh"))
                    .inheritIO()
                    .start();
            if (!process.waitFor(15, TimeUnit.MINUTES) || process.exitValue() != 0) {
                throw new IllegalStateException("ensure-chromium.sh could not install chromium and chromium-driver");
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    ChromeDriver driver()
    {
        return driver;
    }

    void get(String pathAndQuery)
    {
        driver.get(baseUri.resolve(pathAndQuery).toString());
    }

    String path()
    {
        return URI.create(driver.getCurrentUrl()).getPath();
    }

    WebElement find(By by)
    {
        return driver.findElement(by);
    }

    /**
     * Waits up to 15 seconds for a condition (page loads, htmx swaps).
     */
    <T> T waitFor(ExpectedCondition<T> condition)
    {
        return new WebDriverWait(driver, Duration.ofSeconds(15)).until(condition);
    }

    /**
     * Clicks an element that leaves the page (a form's button, a link) and waits until that page
     * is gone. A node of the old document is "stale" to Selenium, or, when Chromium's inspector
     * answers first, "does not belong to the document": both mean the new page has come.
     */
    void clickAndWaitForNextPage(By by)
    {
        WebElement element = find(by);
        element.click();
        waitFor(webDriver -> {
            try {
                element.isEnabled();
                return false;
            }
            catch (WebDriverException e) {
                if (fromAPageThatHasGone(e)) {
                    return true;
                }
                throw e;
            }
        });
    }

    /**
     * Whether Selenium failed because the element's page has been replaced: "stale", or, when
     * Chromium's inspector answers first, "does not belong to the document".
     */
    private static boolean fromAPageThatHasGone(WebDriverException e)
    {
        return e instanceof StaleElementReferenceException || String.valueOf(e.getMessage()).contains("does not belong to the document");
    }

    /**
     * Waits until the element's text contains {@code expected} (read again whenever the page it was
     * on has gone) and returns the whole text.
     */
    String waitForText(By by, String expected)
    {
        return waitFor(webDriver -> {
            try {
                String text = webDriver.findElement(by).getText();
                return text.contains(expected) ? text : null;
            }
            catch (NoSuchElementException e) {
                return null;
            }
            catch (WebDriverException e) {
                if (fromAPageThatHasGone(e)) {
                    return null;
                }
                throw e;
            }
        });
    }

    /**
     * Logs in afresh (any earlier session is dropped first).
     */
    void login(String username, String password)
    {
        get("/login");
        driver.manage().deleteAllCookies();
        get("/login");
        find(By.id("username")).sendKeys(username);
        find(By.id("password")).sendKeys(password);
        find(By.id("login")).click();
        waitFor(webDriver -> !path().startsWith("/login"));
    }

    void phoneSize()
    {
        driver.manage().window().setSize(new Dimension(390, 844));
    }

    void desktopSize()
    {
        driver.manage().window().setSize(new Dimension(1280, 900));
    }

    /**
     * Saves a PNG of the current page as {@code target/screenshots/<name>.png}.
     */
    Path screenshot(String name)
    {
        try {
            Files.createDirectories(SCREENSHOTS);
            File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
            Path target = SCREENSHOTS.resolve(name + ".png");
            Files.move(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
            return target;
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Copies a screenshot taken with {@link #screenshot} into the repository's {@code docs/screenshots/},
     * where the documentation shows it.
     */
    static void publish(Path screenshot, String name)
    {
        Path docs = Path.of("..", "docs", "screenshots");
        try {
            Files.createDirectories(docs);
            Files.copy(screenshot, docs.resolve(name), StandardCopyOption.REPLACE_EXISTING);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * How many elements matching the CSS selector are entirely inside the visible window.
     */
    long visibleCount(String cssSelector)
    {
        Object count = driver.executeScript("""
                return Array.from(document.querySelectorAll(arguments[0])).filter(function (element) {
                  var box = element.getBoundingClientRect();
                  return box.height > 0 && box.top >= 0 && box.bottom <= window.innerHeight;
                }).length;""", cssSelector);
        return ((Number) count).longValue();
    }

    @Override
    public void close()
    {
        try {
            driver.quit();
        }
        finally {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
            catch (IOException ignored) {
                // A leftover temporary profile is harmless.
            }
        }
    }
}
