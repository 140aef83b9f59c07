package io.lakehouse.materializer.web;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.TestInstance.Lifecycle.PER_CLASS;

/**
 * The web UI in a real browser: Debian's headless Chromium, driven through {@code /usr/bin/chromedriver}, against
 * {@code materializer serve} on the in-process lakehouse. An operator opens the pipelines, is refused a trigger
 * before signing in, signs in, triggers a run, watches it succeed, and finds the result in the graph, the grid and
 * the model's page. Screenshots of every step go to {@code target/screenshots/}.
 */
@TestInstance(PER_CLASS)
final class TestWebUiEndToEnd
{
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Path.of("target/screenshots");
    private static final String SCHEMA = "ui_browser";

    private TestingUiServer server;
    private WebDriver browser;

    @BeforeAll
    void start()
            throws Exception
    {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            fail("The browser test needs Debian's chromium and chromium-driver (%s, %s), which are missing: run bin/lakehouse install-browser (apt-get install -y chromium chromium-driver)".formatted(CHROMIUM, CHROMEDRIVER));
        }
        Files.createDirectories(SCREENSHOTS);
        server = new TestingUiServer(SCHEMA);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        ChromeOptions options = new ChromeOptions()
                .setBinary(CHROMIUM.toFile())
                .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--window-size=1400,1000");
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
    }

    @AfterAll
    void stop()
            throws Exception
    {
        try {
            if (browser != null) {
                browser.quit();
            }
        }
        finally {
            if (server != null) {
                server.close();
            }
        }
    }

    @Test
    void operatorIsRefusedUntilSignedInThenTriggersARunAndSeesItSucceed()
            throws Exception
    {
        browser.get(server.uri("/ui/").toString());
        assertThat(browser.getTitle()).startsWith("Pipelines");
        assertThat(browser.findElements(By.cssSelector("svg.dag"))).hasSize(2);
        assertThat(node("regions").getAttribute("class")).isEqualTo("node state-NONE");
        screenshot("01-pipelines");

        // not signed in: the trigger is refused
        setDate(browser.findElement(By.cssSelector("#trigger-form input[name=ds]")), "2024-01-01");
        follow(By.id("trigger"));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Sign in required");
        assertThat(browser.findElement(By.id("error")).getText()).contains("Sign in with the API token");
        screenshot("02-refused-without-sign-in");

        follow(By.linkText("Sign in"));
        browser.findElement(By.id("token")).sendKeys("not-the-token");
        follow(By.id("sign-in"));
        assertThat(browser.findElement(By.id("error")).getText()).isEqualTo("That is not the API token.");
        screenshot("03-wrong-token");
        browser.findElement(By.id("token")).sendKeys(TestingUiServer.TOKEN);
        follow(By.id("sign-in"));
        assertThat(browser.findElement(By.cssSelector(".signed-in")).getText()).contains("signed in");
        // the session cookie is invisible to scripts
        assertThat(((JavascriptExecutor) browser).executeScript("return document.cookie")).isEqualTo("");

        setDate(browser.findElement(By.cssSelector("#trigger-form input[name=ds]")), "2024-01-01");
        follow(By.id("trigger"));
        assertThat(browser.getCurrentUrl()).contains("/ui/runs/");
        screenshot("04-run-started");
        // the page reloads itself while the run is running
        new WebDriverWait(browser, Duration.ofMinutes(3), Duration.ofMillis(500))
                // the page may be between two loads when polled: the browser then reports a stale or unknown node
                .ignoring(WebDriverException.class)
                .until(driver -> !driver.findElement(By.id("run-state")).getAttribute("data-state").equals("RUNNING"));
        assertThat(browser.findElement(By.id("run-state")).getAttribute("data-state")).isEqualTo("SUCCEEDED");
        WebElement regions = browser.findElement(By.cssSelector("section.task[data-model='lake.%s.regions']".formatted(SCHEMA)));
        assertThat(regions.findElement(By.cssSelector(".rows")).getText()).isEqualTo("5");
        assertThat(regions.findElement(By.cssSelector("a.query")).getAttribute("href")).contains("/ui/query.html?");
        assertThat(regions.findElements(By.cssSelector("ul.checks li.failed"))).singleElement()
                .satisfies(check -> assertThat(check.getText()).contains("accepted_values(name, ARRAY['AFRICA']) FAILED (warn only)"));
        regions.findElement(By.cssSelector("details.sql summary")).click();
        assertThat(regions.findElement(By.cssSelector("pre.sql")).getText()).startsWith("CREATE TABLE lake.%s.regions__stg_".formatted(SCHEMA));
        screenshot("05-run-succeeded");

        follow(By.linkText("Pipelines"));
        assertThat(node("regions").getAttribute("class")).isEqualTo("node state-SUCCEEDED");
        assertThat(node("region_count").getAttribute("class")).isEqualTo("node state-SUCCEEDED");
        screenshot("06-pipelines-after-run");

        follow(By.linkText("Grid"));
        WebElement cell = browser.findElement(By.cssSelector("tr[data-model='lake.%s.regions'] a.cell".formatted(SCHEMA)));
        assertThat(cell.getAttribute("class")).isEqualTo("cell state-SUCCEEDED");
        screenshot("07-grid");
        follow(cell);
        assertThat(browser.findElement(By.id("run-state")).getAttribute("data-state")).isEqualTo("SUCCEEDED");

        follow(By.linkText("lake.%s.region_count".formatted(SCHEMA)));
        assertThat(browser.findElement(By.cssSelector(".description")).getText()).isEqualTo("How many regions were published");
        assertThat(browser.findElement(By.id("upstream")).getText()).isEqualTo("lake.%s.regions".formatted(SCHEMA));
        assertThat(browser.findElement(By.cssSelector(".schema table")).getText()).contains("regions bigint");
        screenshot("08-model");

        follow(By.cssSelector(".session button"));
        follow(By.id("trigger"));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Sign in required");
    }

    private void follow(By clickable)
    {
        follow(browser.findElement(clickable));
    }

    /**
     * Clicks a link or submit button and waits until the browser has replaced the page: the click returns before
     * the next page (or the page a redirect leads to) is loaded, and elements found earlier would be stale.
     */
    private void follow(WebElement clickable)
    {
        // a mark on the current window object: a new page has a new window object, without it
        JavascriptExecutor script = (JavascriptExecutor) browser;
        script.executeScript("window.leftByTest = true");
        clickable.click();
        new WebDriverWait(browser, Duration.ofSeconds(60), Duration.ofMillis(100))
                .until(driver -> Boolean.TRUE.equals(script.executeScript("return window.leftByTest === undefined && document.readyState === 'complete'")));
    }

    private WebElement node(String table)
    {
        return browser.findElement(By.cssSelector("svg.dag a[data-model='lake.%s.%s']".formatted(SCHEMA, table)));
    }

    private void setDate(WebElement input, String date)
    {
        // typing into a date input depends on the browser's locale; the value property does not
        ((JavascriptExecutor) browser).executeScript("arguments[0].value = arguments[1]", input, date);
    }

    private void screenshot(String name)
            throws IOException
    {
        byte[] png = ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES);
        Files.write(SCREENSHOTS.resolve(name + ".png"), png);
    }
}
