package org.touchpointcrm.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The marketers' console in a real headless Chromium (Debian's, driven through its chromedriver) against the
 * local stack's real pipeline: a marketer signs in, writes a rule that does not compile and sees where, creates
 * a campaign with a rendered preview, previews and publishes a segment and sees its size, reads a customer's
 * timeline and a campaign's result after a purchase; an analyst's read-only key is offered no publish button.
 * axe-core checks every page; each is saved to docs/console/ for docs/console.md. Skipped, saying why, only
 * where no Chromium can be had.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleBrowserTest {

    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final String CUSTOMER = "c-console-" + RUN;
    private static final String EMAIL = "aino." + RUN + "@example.fi";
    private static final String MUNICIPALITY = "Konsolila" + RUN;
    private static final String SEGMENT = "console-" + RUN;
    private static final String CAMPAIGN = "console-welcome-" + RUN;

    private static StackClient client;
    private static ChromeDriver driver;
    private static ConsolePages pages;

    @BeforeAll
    static void startTheStackAndABrowser() throws Exception {
        var missing = Chromium.missing();
        assumeTrue(missing.isEmpty(), () -> "The console's browser tests are skipped: " + missing.orElseThrow());
        client = StackClient.startStack("console-test-data", Duration.ofSeconds(60));
        Path build = Path.of(System.getProperty("crm.stack.data", "target/test-stack-data")).getParent();
        driver = Chromium.start(build.resolve("chromium-profile-" + RUN));
        pages = new ConsolePages(driver, client.stack().consoleUrl(),
                Path.of(System.getProperty("crm.console.screenshots", "target/console-screenshots")));
    }

    @AfterAll
    static void stopThem() {
        if (driver != null) {
            driver.quit();
        }
        if (client != null) {
            client.close();
        }
    }

    @Test
    @Order(1)
    void aMarketerSignsInWithAKeyAndSeesTheOverview() {
        pages.open("/");
        pages.waitFor(d -> d.getCurrentUrl().contains("/sign-in"));
        pages.check("sign-in");

        pages.signIn(LocalStack.MARKETER_API_KEY);
        assertThat(pages.text("main")).isNotEmpty();
        assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("Overview");
        Cookie session = driver.manage().getCookieNamed("CONSOLE_SESSION");
        assertThat(session).isNotNull();
        assertThat(session.isHttpOnly()).isTrue();
        assertThat(session.getSameSite()).isEqualToIgnoringCase("Strict");
        // Every part of the overview the marketer's key may read is there.
        pages.waitFor(d -> !d.findElements(By.cssSelector("#live table")).isEmpty());
        pages.check("overview");

        driver.findElement(By.linkText("Suomeksi")).click();
        pages.waitFor(d -> d.findElement(By.tagName("h1")).getText().equals("Yleiskuva"));
        assertThat(driver.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("fi");
        pages.check("overview-fi");
        driver.findElement(By.linkText("In English")).click();
        pages.waitFor(d -> d.findElement(By.tagName("h1")).getText().equals("Overview"));
    }

    @Test
    @Order(2)
    void aRuleThatDoesNotCompileIsShownWithItsLineAndColumnAsItIsTyped() {
        pages.open("/segments/new");
        pages.type("rule", "profile.purchases.count >= 1 &&\nprofile.rfm.recncy >= 4");
        pages.waitFor(d -> d.findElement(By.id("validation")).getText().contains("recncy"));
        String shown = pages.text("validation");
        assertThat(shown).contains("line 2, column 13").contains("did you mean 'recency'");
        pages.check("segment-editor-invalid");

        pages.type("rule", "profile.rfm.recency >= 4");
        pages.waitFor(d -> d.findElement(By.id("validation")).getText().contains("The rule is valid"));
    }

    @Test
    @Order(3)
    void aCampaignIsCreatedWithATemplateRenderedForACustomer() throws Exception {
        client.consented(CUSTOMER, "EMAIL", EMAIL);
        registerTheCustomer();

        pages.open("/campaigns");
        pages.click("new-campaign");
        pages.waitFor(d -> !d.findElements(By.id("campaign-form")).isEmpty());
        pages.type("id", CAMPAIGN);
        pages.type("name", "Welcome from the console " + RUN);
        pages.type("triggerSegment", SEGMENT);
        pages.type("emailFiSubject", "Tervetuloa, {{profile.master.firstName}}!");
        pages.type("emailFiHtml", "<p>Hei {{profile.master.firstName}}, kiitos!</p>");
        pages.type("emailFiText", "Hei {{profile.master.firstName}}, kiitos!");
        LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MINUTES);
        pages.set("startAt", now.minusHours(1).toString());
        pages.set("endAt", now.plusDays(30).toString());
        pages.type("holdoutPercent", "0");
        driver.findElement(By.cssSelector("#status option[value=ACTIVE]")).click();

        pages.type("sampleCustomer", CUSTOMER);
        pages.click("render-button");
        pages.waitFor(d -> !d.findElements(By.id("rendered-subject")).isEmpty());
        assertThat(pages.text("rendered-subject")).isEqualTo("Tervetuloa, Aino!");
        pages.check("campaign-form");

        pages.click("save-campaign");
        pages.waitFor(d -> d.getCurrentUrl().endsWith("/campaigns/" + CAMPAIGN));
        assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("Welcome from the console " + RUN);
        pages.open("/campaigns");
        assertThat(pages.present(By.cssSelector("tr[data-campaign='" + CAMPAIGN + "']"))).isTrue();
        pages.check("campaigns");
    }

    @Test
    @Order(4)
    void aSegmentIsPreviewedThenPublishedThenSeenWithItsSize() {
        pages.open("/segments");
        pages.click("new-segment");
        pages.waitFor(d -> !d.findElements(By.id("segment-form")).isEmpty());
        pages.type("id", SEGMENT);
        pages.type("name", "Console customers " + RUN);
        pages.type("rule", "has(profile.master.municipality) && profile.master.municipality == \"" + MUNICIPALITY + "\"");
        pages.waitFor(d -> d.findElement(By.id("validation")).getText().contains("The rule is valid"));

        pages.click("preview-button");
        pages.waitFor(d -> !d.findElements(By.id("preview-count")).isEmpty());
        assertThat(pages.text("preview-count")).isEqualTo("1");
        pages.check("segment-editor-preview");

        pages.click("publish-button");
        pages.waitFor(d -> d.getCurrentUrl().endsWith("/segments/" + SEGMENT));
        pages.reloadUntil(d -> d.findElement(By.id("segment-size")).getText().equals("1"));
        pages.check("segment");

        pages.open("/segments");
        assertThat(driver.findElement(By.cssSelector("tr[data-segment='" + SEGMENT + "'] td.size")).getText()).isEqualTo("1");
        pages.check("segments");
    }

    @Test
    @Order(5)
    void theCampaignShowsItsResultAfterAPurchase() throws Exception {
        pages.open("/campaigns/" + CAMPAIGN);
        // Entering the segment made the campaign decide to send to the customer.
        try {
            pages.reloadUntil(d -> d.findElement(By.cssSelector("tr[data-measure=decided] td.treated")).getText().equals("1"));
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError("the campaign's page did not show the decision; the page: " + pages.where() + " "
                    + pages.text("main") + "; the results API: "
                    + client.campaigns("GET", "/v1/campaigns/" + CAMPAIGN + "/results", null).body(), e);
        }

        var bought = client.post(StackClient.purchase("console-purchase-" + RUN, CUSTOMER, EMAIL, "49.90"));
        assertThat(bought.statusCode()).as(bought.body()).isEqualTo(202);

        pages.reloadUntil(d -> d.findElement(By.cssSelector("tr[data-measure=conversions] td.treated")).getText().equals("1"));
        pages.check("campaign-results");
    }

    @Test
    @Order(6)
    void aTouchpointPostedIsSeenOnTheCustomersTimeline() throws Exception {
        String eventId = "console-visit-" + RUN;
        var visit = client.post("""
                {"eventId":"%s","occurredAt":"%s","channel":"WEB","type":"WEB_VISIT","customer":{"customerId":"%s"}}"""
                .formatted(eventId, java.time.Instant.now().truncatedTo(ChronoUnit.SECONDS), CUSTOMER));
        assertThat(visit.statusCode()).as(visit.body()).isEqualTo(202);

        pages.open("/customers");
        pages.type("q", CUSTOMER);
        driver.findElement(By.cssSelector("#customer-search button[type=submit]")).click();
        pages.waitFor(d -> d.getCurrentUrl().contains("/customers/" + CUSTOMER));
        pages.reloadUntil(d -> !d.findElements(By.cssSelector("#timeline tr[data-event='" + eventId + "']")).isEmpty());
        assertThat(driver.findElement(By.cssSelector("#timeline tr[data-event='console-purchase-" + RUN + "']")).getText())
                .contains("PURCHASE").contains("49.9");
        assertThat(pages.text("customer-segments")).contains(SEGMENT);
        pages.check("customer");

        pages.open("/segments/" + SEGMENT + "/members");
        assertThat(pages.text("members")).as(pages.where()).contains(CUSTOMER);
        pages.check("members");
        // The export link, fetched as the browser would follow it (with the session's cookie).
        Object csv = ((org.openqa.selenium.JavascriptExecutor) driver).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                fetch(arguments[0]).then(r => r.text()).then(done).catch(e => done('failed: ' + e));""",
                "/segments/" + SEGMENT + "/members.csv");
        assertThat(csv.toString().lines().toList()).first().isEqualTo("customer_id,since");
        assertThat(csv.toString()).contains(CUSTOMER + ",");
    }

    @Test
    @Order(7)
    void aKeyWithoutWriteScopeIsOfferedNoPublishButton() {
        pages.signOut();
        pages.check("signed-out");
        pages.signIn(LocalStack.ANALYST_API_KEY);

        pages.open("/segments");
        assertThat(pages.present(By.id("segments"))).as(pages.where()).isTrue();
        assertThat(pages.present(By.id("new-segment"))).isFalse();
        pages.open("/segments/" + SEGMENT);
        assertThat(pages.present(By.id("segment-size"))).as(pages.where()).isTrue();
        assertThat(pages.present(By.id("edit-segment"))).isFalse();
        assertThat(pages.present(By.id("publish-button"))).isFalse();
        assertThat(pages.present(By.cssSelector("button.danger"))).isFalse();
        pages.check("segment-read-only");

        pages.open("/segments/new");
        assertThat(pages.present(By.id("publish-button"))).isFalse();
        assertThat(driver.findElement(By.tagName("h1")).getText()).contains("403");
        pages.check("error-forbidden");
        pages.open("/campaigns");
        assertThat(pages.present(By.id("new-campaign"))).isFalse();
    }

    /** The register's record, whose municipality the test's segment matches and whose name the template prints. */
    private static void registerTheCustomer() throws IOException, InterruptedException {
        var stack = client.stack();
        HttpResponse<String> answer = client.http().send(HttpRequest.newBuilder(stack.ingestUrl().resolve("/v1/customers/" + CUSTOMER))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + LocalStack.DEMO_API_KEY)
                .PUT(HttpRequest.BodyPublishers.ofString("""
                        {"firstName":"Aino","lastName":"Virtanen","email":"%s","municipality":"%s","country":"FI",
                         "language":"fi","timeZone":"Europe/Helsinki"}""".formatted(EMAIL, MUNICIPALITY)))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        client.awaitProfile(CUSTOMER, p -> MUNICIPALITY.equals(p.path("master").path("municipality").asString()));
    }
}
