package org.touchpointcrm.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import jakarta.mail.internet.MimeMessage;
import tools.jackson.databind.JsonNode;

/**
 * Time alone moves a customer, on the running local stack and through public interfaces only: a
 * consenting customer's only purchase is dated so that it turns 90 days old (segmentation's default
 * {@code active-within}) a minute after it is sent. No further event arrives; the due-time sweep
 * moves the customer into {@code lapsing} and the example campaign {@code win-back-lapsing} e-mails them.
 */
class TimeSweepEndToEndTest {

    private static final Duration BOUND = Duration.ofSeconds(60);
    private static final String CAMPAIGN = "win-back-lapsing";
    /** The default life cycle: a last purchase this old makes an ACTIVE customer LAPSING. */
    private static final Duration ACTIVE_WITHIN = Duration.ofDays(90);
    private static final Duration UNTIL_LAPSING = Duration.ofMinutes(1);

    private static StackClient client;

    @BeforeAll
    static void startTheStack() throws Exception {
        client = StackClient.startStack("time-sweep-test-data", BOUND);
    }

    @AfterAll
    static void stopTheStack() {
        if (client != null) {
            client.close();
        }
    }

    @Test
    void aCustomerWhoseOnlyPurchaseLapsesEntersLapsingAndGetsTheWinBackEmailWithoutAnotherEvent() throws Exception {
        String customer = StackClient.treatedCustomer("c-lapse-", CAMPAIGN, 20);
        String address = customer + "@example.fi";
        client.consented(customer, "EMAIL", address);

        Instant lapsesAt = Instant.now().plus(UNTIL_LAPSING).truncatedTo(ChronoUnit.SECONDS);
        String purchase = """
                {"eventId":"%s","occurredAt":"%s","channel":"POS","type":"PURCHASE",
                 "customer":{"customerId":"%s","email":"%s"},
                 "amount":30.00,"currency":"EUR","storeId":"tampere-koskikeskus"}"""
                .formatted(UUID.randomUUID(), lapsesAt.minus(ACTIVE_WITHIN), customer, address);
        var accepted = client.post(purchase);
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);

        JsonNode active = client.awaitProfile(customer, p -> p.path("purchases").path("count").asLong() == 1);
        assertThat(Instant.now()).as("the stack answered before the purchase lapsed; raise UNTIL_LAPSING on a slow machine")
                .isBefore(lapsesAt);
        assertThat(active.path("lifecycleStage").asString()).isEqualTo("ACTIVE");
        assertThat(client.mailTo(address)).as("no win-back before the purchase lapses").isEmpty();

        MimeMessage mail = await().atMost(UNTIL_LAPSING.plus(BOUND)).pollInterval(Duration.ofMillis(500))
                .until(() -> client.mailTo(address), Optional::isPresent).orElseThrow();
        Instant received = Instant.now();
        assertThat(received).as("the win-back follows the lapse, not the purchase").isAfter(lapsesAt);
        assertThat(mail.getSubject()).startsWith("Meillä on ollut ikävä");

        JsonNode lapsing = client.profile(customer).orElseThrow();
        assertThat(lapsing.path("lifecycleStage").asString()).isEqualTo("LAPSING");
        List<String> segments = new ArrayList<>();
        lapsing.path("segments").forEach(segment -> segments.add(segment.asString()));
        assertThat(segments).contains("lapsing");
        assertThat(lapsing.path("purchases").path("count").asLong()).as("no further purchase").isEqualTo(1);
    }
}
