package org.touchpointcrm.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.touchpointcrm.localstack.StackClient.JSON;
import static org.touchpointcrm.localstack.StackClient.purchase;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.touchpointcrm.notifier.sms.loopback.LoopbackSmsGateway;

import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import tools.jackson.databind.JsonNode;

/**
 * The campaign loop on the running local stack, through public interfaces only: a consenting customer's
 * first purchase starts the example campaign welcome-new, the e-mail arrives with its one-click unsubscribe
 * link, the customer opens it and unsubscribes, the profile's engagement and consent follow, and the
 * campaign's results count it; a customer reachable by SMS only gets the SMS through the gateway.
 */
class CampaignLoopEndToEndTest {

    private static final Duration BOUND = Duration.ofSeconds(60);
    private static final String CAMPAIGN = "welcome-new";
    private static final Pattern OPEN_PIXEL = Pattern.compile("src=\"(http[^\"]*/l/open/[^\"]+)\"");

    private static StackClient client;
    private static LocalStack stack;

    @BeforeAll
    static void startTheStack() throws Exception {
        client = StackClient.startStack("campaign-loop-test-data", BOUND);
        stack = client.stack();
    }

    @AfterAll
    static void stopTheStack() {
        if (client != null) {
            client.close();
        }
    }

    @Test
    void theWelcomeEmailIsOpenedAndUnsubscribedInOneClickAndTheProfileAndResultsFollow() throws Exception {
        String customer = StackClient.treatedCustomer("c-loop-", CAMPAIGN, 10);
        String address = customer + "@example.fi";
        client.consented(customer, "EMAIL", address);
        assertThat(client.post(purchase(UUID.randomUUID().toString(), customer, address, "25.00")).statusCode()).isEqualTo(202);

        MimeMessage mail = await().atMost(BOUND).until(() -> client.mailTo(address), Optional::isPresent).orElseThrow();
        String unsubscribe = MailCatcher.unsubscribeUrl(mail);
        assertThat(unsubscribe).as("List-Unsubscribe").startsWith(stack.notifierUrl().toString());
        Matcher pixel = OPEN_PIXEL.matcher(htmlOf(mail));
        assertThat(pixel.find()).as("the open pixel in the HTML part").isTrue();

        assertThat(client.http().send(HttpRequest.newBuilder(URI.create(pixel.group(1))).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray()).statusCode()).isEqualTo(200);
        var unsubscribed = client.http().send(HttpRequest.newBuilder(URI.create(unsubscribe))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("List-Unsubscribe=One-Click")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(unsubscribed.statusCode()).as(unsubscribed.body()).isBetween(200, 204);

        JsonNode profile = client.awaitProfile(customer, p -> !p.path("consents").path("EMAIL/marketing").path("granted").asBoolean(true)
                && p.path("engagement").path("emailOpens").asLong() == 1);
        assertThat(profile.path("engagement").path("emailsSent").asLong()).as("the MESSAGE_SENT touchpoint").isEqualTo(1);
        assertThat(profile.path("engagement").path("unsubscribes").asLong()).isEqualTo(1);

        await().atMost(BOUND).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            var results = client.campaigns("GET", "/v1/campaigns/" + CAMPAIGN + "/results", null);
            assertThat(results.statusCode()).as(results.body()).isEqualTo(200);
            JsonNode treated = JSON.readTree(results.body()).get("treated");
            assertThat(treated.get("sent").asLong()).isGreaterThanOrEqualTo(1);
            assertThat(treated.get("opened").asLong()).isGreaterThanOrEqualTo(1);
            assertThat(treated.get("unsubscribed").asLong()).isGreaterThanOrEqualTo(1);
        });
    }

    @Test
    void aCustomerWithoutAnEmailAddressGetsTheSmsThroughTheGatewayOnce() throws Exception {
        String customer = StackClient.treatedCustomer("c-sms-", CAMPAIGN, 10);
        String phone = "+35840" + (1_000_000 + Math.floorMod(customer.hashCode(), 8_999_999));
        client.consented(customer, "SMS", phone);
        String purchase = """
                {"eventId":"%s","occurredAt":"%s","channel":"POS","type":"PURCHASE","customer":{"customerId":"%s"},
                 "amount":12.00,"currency":"EUR","storeId":"tampere-koskikeskus"}"""
                .formatted(UUID.randomUUID(), Instant.now().truncatedTo(ChronoUnit.SECONDS), customer);
        assertThat(client.post(purchase).statusCode()).isEqualTo(202);

        LoopbackSmsGateway.Message sms = await().atMost(BOUND).until(
                () -> stack.sms().messages().stream().filter(m -> phone.equals(m.to())).findFirst(), Optional::isPresent).orElseThrow();
        assertThat(sms.body()).contains("Tervetuloa");
        assertThat(sms.idempotencyKey()).as("the send id").matches("[0-9a-f-]{36}");
        // The gateway's signed "delivered" callback is read back into the campaign's results.
        await().atMost(BOUND).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            var results = client.campaigns("GET", "/v1/campaigns/" + CAMPAIGN + "/results", null);
            assertThat(JSON.readTree(results.body()).get("treated").get("delivered").asLong()).isGreaterThanOrEqualTo(1);
        });
        assertThat(stack.sms().messages()).filteredOn(m -> phone.equals(m.to())).hasSize(1);
    }

    private static String htmlOf(MimeMessage mail) throws Exception {
        var multipart = (Multipart) mail.getContent();
        for (int i = 0; i < multipart.getCount(); i++) {
            if (multipart.getBodyPart(i).isMimeType("text/html")) {
                return String.valueOf(multipart.getBodyPart(i).getContent());
            }
        }
        throw new AssertionError("the e-mail has no HTML part");
    }
}
