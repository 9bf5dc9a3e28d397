package org.touchpointcrm.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * A person's steps through the console, one method per thing they do (sign in, write a rule, publish), waiting
 * on what the page shows, never on time. Every page visited is checked with axe-core (no serious or critical
 * violation) and saved as a screenshot for docs/console.md.
 */
final class ConsolePages {

    /** How long a page may take to show what a step waits for; the pipeline's own steps take a few seconds. */
    static final Duration PAGE = Duration.ofSeconds(20);
    /** For what the pipeline must do first (a back-fill, a campaign decision, an attributed purchase). */
    static final Duration PIPELINE = Duration.ofSeconds(60);

    private static final String AXE = axeSource();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final ChromeDriver driver;
    private final URI console;
    private final Path screenshots;

    ConsolePages(ChromeDriver driver, URI console, Path screenshots) {
        this.driver = driver;
        this.console = console;
        this.screenshots = screenshots;
    }

    WebDriver driver() {
        return driver;
    }

    void open(String path) {
        driver.get(console.resolve(path).toString());
    }

    void signIn(String key) {
        open("/");
        waitFor(d -> d.getCurrentUrl().contains("/sign-in"));
        driver.findElement(By.id("apiKey")).sendKeys(key);
        driver.findElement(By.cssSelector("#sign-in button[type=submit]")).click();
        waitFor(d -> !d.getCurrentUrl().contains("/sign-in") && !d.findElements(By.id("live")).isEmpty());
    }

    void signOut() {
        driver.findElement(By.cssSelector("header.top form button")).click();
        waitFor(d -> d.getCurrentUrl().contains("/sign-in"));
    }

    /** Types into a field the way a person does, key by key (htmx sees every input event). */
    void type(String id, String text) {
        WebElement field = driver.findElement(By.id(id));
        field.clear();
        field.sendKeys(text);
    }

    /** Sets a field a person would fill with a picker (datetime-local), as the picker would. */
    void set(String id, String value) {
        ((JavascriptExecutor) driver).executeScript("arguments[0].value = arguments[1];", driver.findElement(By.id(id)), value);
    }

    void click(String id) {
        driver.findElement(By.id(id)).click();
    }

    String text(String id) {
        return driver.findElement(By.id(id)).getText();
    }

    /** Where the browser is and what the page says it is, for a failure's message. */
    String where() {
        var headings = driver.findElements(By.tagName("h1"));
        return driver.getCurrentUrl() + " (" + (headings.isEmpty() ? "no h1" : headings.getFirst().getText()) + ")";
    }

    boolean present(By by) {
        return !driver.findElements(by).isEmpty();
    }

    <T> T waitFor(Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, PAGE).until(condition);
    }

    /** Reloads the page until it shows what the pipeline has to do first. */
    void reloadUntil(Function<WebDriver, Boolean> condition) {
        new WebDriverWait(driver, PIPELINE, Duration.ofMillis(500)).until(d -> {
            d.navigate().refresh();
            try {
                return condition.apply(d);
            } catch (RuntimeException notYet) {
                return false;
            }
        });
    }

    /** axe-core over the page as it stands; then a screenshot of it as {@code name}.png. */
    void check(String name) {
        assertThat(violations()).as("axe-core's serious or critical violations on " + name + " (" + driver.getCurrentUrl() + ")")
                .isEmpty();
        screenshot(name);
    }

    void screenshot(String name) {
        try {
            Files.createDirectories(screenshots);
            Path shot = driver.getScreenshotAs(OutputType.FILE).toPath();
            Files.move(shot, screenshots.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<Map<String, Object>> violations() {
        var js = (JavascriptExecutor) driver;
        js.executeScript(AXE);
        Object found = js.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                axe.run(document, {resultTypes: ['violations']})
                  .then(r => done(JSON.stringify(r.violations
                      .filter(v => v.impact === 'serious' || v.impact === 'critical')
                      .map(v => ({id: v.id, impact: v.impact, help: v.help,
                                  nodes: v.nodes.slice(0, 5).map(n => n.target.join(' '))})))))
                  .catch(e => done(JSON.stringify([{id: 'axe-failed', impact: 'critical', help: String(e)}])));
                """);
        return JSON.readValue(found.toString(), new TypeReference<>() {
        });
    }

    /** axe-core's script as Deque ships it in its Selenium jar, on the test classpath (no download). */
    private static String axeSource() {
        try (InputStream in = ConsolePages.class.getClassLoader().getResourceAsStream("axe.min.js")) {
            if (in == null) {
                throw new IllegalStateException("axe.min.js is not on the test classpath (com.deque.html.axe-core:selenium)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
