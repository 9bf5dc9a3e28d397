package org.touchpointcrm.localstack;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's headless Chromium and its chromedriver (packages {@code chromium} and {@code chromium-driver}, which
 * .ci/run installs where they are missing), found on the machine: nothing is downloaded, Selenium Manager is
 * never asked. {@code CHROME_BIN} and {@code CHROMEDRIVER} point elsewhere when set.
 */
final class Chromium {

    private static final List<String> BROWSERS = List.of("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome");
    private static final List<String> DRIVERS = List.of("/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver");

    private Chromium() {
    }

    /** Why the browser tests cannot run here, or empty when a Chromium and its driver are at hand. */
    static Optional<String> missing() {
        if (browser().isEmpty()) {
            return Optional.of("no Chromium on this machine (looked at $CHROME_BIN and " + BROWSERS + "): install Debian's"
                    + " 'chromium' and 'chromium-driver' packages, as .ci/run does, to run the console's browser tests");
        }
        if (driver().isEmpty()) {
            return Optional.of("no chromedriver on this machine (looked at $CHROMEDRIVER and " + DRIVERS + "): install"
                    + " Debian's 'chromium-driver' package, as .ci/run does, to run the console's browser tests");
        }
        return Optional.empty();
    }

    /**
     * A headless Chromium as root on a machine without a network: no sandbox (root), no GPU, no QUIC, no first-run,
     * no background networking, component updates or sync (each would try to reach the internet), and a profile
     * of its own that is deleted with it.
     */
    static ChromeDriver start(Path profile) throws IOException {
        Files.createDirectories(profile);
        var options = new ChromeOptions();
        options.setBinary(browser().orElseThrow().toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1280,1300", "--lang=en-GB",
                "--user-data-dir=" + profile.toAbsolutePath());
        var service = new ChromeDriverService.Builder()
                .usingDriverExecutable(driver().orElseThrow().toFile())
                .usingAnyFreePort()
                .withTimeout(Duration.ofSeconds(30))
                .build();
        var driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
        return driver;
    }

    private static Optional<Path> browser() {
        return firstExecutable(System.getenv("CHROME_BIN"), BROWSERS);
    }

    private static Optional<Path> driver() {
        return firstExecutable(System.getenv("CHROMEDRIVER"), DRIVERS);
    }

    private static Optional<Path> firstExecutable(String given, List<String> candidates) {
        return Stream.concat(Stream.ofNullable(given), candidates.stream())
                .map(File::new).filter(File::canExecute).map(File::toPath).findFirst();
    }
}
