package org.touchpointcrm.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.segment.analytics.Analytics;
import com.segment.analytics.Callback;
import com.segment.analytics.messages.IdentifyMessage;
import com.segment.analytics.messages.Message;
import com.segment.analytics.messages.MessageBuilder;
import com.segment.analytics.messages.PageMessage;

import tools.jackson.databind.JsonNode;

/**
 * One person, one profile, on the running local stack and through public interfaces only. An anonymous visitor
 * browses (a {@code page} sent by Segment's own Java SDK, pointed at ingest-service), buys at a till with a loyalty
 * card alone, identifies on the web with an e-mail address (SDK {@code identify}), and buys again with the card and
 * the address. The e-mail customer survives with all three histories, each event counted once even when the till
 * retries the first purchase under the address; the anonymous and the card customers are retired, their queries lead
 * to the survivor, and they left every segment.
 */
class IdentityEndToEndTest {

    private static final Duration BOUND = Duration.ofSeconds(60);

    private static StackClient client;

    @BeforeAll
    static void startTheStack() throws Exception {
        client = StackClient.startStack("identity-test-data", BOUND);
    }

    @AfterAll
    static void stopTheStack() {
        if (client != null) {
            client.close();
        }
    }

    @Test
    void aVisitorWhoIdentifiesAndBuysWithACardIsOneCustomerWithEveryEventCountedOnce() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String anonymousId = "visitor-" + run;
        String email = "aino." + run + "@example.fi";
        String card = "2001" + Math.abs(run.hashCode());
        String visitor = "anon:" + anonymousId;
        String cardHolder = "card:" + card;
        String survivor = "email:" + email;

        sendWithSegmentsSdk(PageMessage.builder("Talvikengät").anonymousId(anonymousId)
                .properties(Map.of("url", "https://kauppa.example.fi/talvikengat")));
        client.awaitProfile(visitor, p -> count(p, "WEB_VISIT") == 1);

        String firstPurchase = UUID.randomUUID().toString();
        accepted(till(firstPurchase, "{\"loyaltyCardId\":\"" + card + "\"}", "24.90"));
        JsonNode byCard = client.awaitProfile(cardHolder, p -> p.path("purchases").path("count").asLong() == 1);
        assertThat(segments(byCard)).contains("one-time");

        sendWithSegmentsSdk(IdentifyMessage.builder().anonymousId(anonymousId).traits(Map.of("email", email)));
        client.awaitProfile(survivor, p -> mergedFrom(p).contains(visitor));

        accepted(till(UUID.randomUUID().toString(),
                "{\"loyaltyCardId\":\"" + card + "\",\"email\":\"" + email + "\"}", "35.10"));
        client.awaitProfile(survivor, p -> mergedFrom(p).contains(cardHolder) && p.path("purchases").path("count").asLong() == 2);

        // The till retries the first purchase, now under the address; a marker on the same topic and key follows it,
        // so once the marker is counted the retry has been processed too.
        accepted(till(firstPurchase, "{\"email\":\"" + email + "\"}", "24.90"));
        accepted(scan(card, email));
        JsonNode one = client.awaitProfile(survivor, p -> count(p, "LOYALTY_SCAN") == 1);

        assertThat(one.path("customerId").asString()).isEqualTo(survivor);
        assertThat(one.path("purchases").path("count").asLong()).as("the retried purchase is counted once").isEqualTo(2);
        assertThat(one.path("purchases").path("spendByCurrency").path("EUR").decimalValue()).isEqualByComparingTo("60.00");
        assertThat(count(one, "WEB_VISIT")).as("the anonymous visit").isEqualTo(1);
        assertThat(count(one, "FORM_SUBMITTED")).as("the identify").isEqualTo(1);
        assertThat(strings(one.path("identifiers"))).contains(visitor, cardHolder, survivor);
        assertThat(mergedFrom(one)).containsExactlyInAnyOrder(visitor, cardHolder);
        assertThat(segments(one)).contains("repeat").doesNotContain("one-time", "never-purchased");

        for (String retired : List.of(visitor, cardHolder)) {
            HttpResponse<String> answer = client.http().send(client.profileRequest(retired), HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).as(retired + ": " + answer.body()).isEqualTo(200);
            JsonNode led = StackClient.JSON.readTree(answer.body());
            assertThat(led.path("customerId").asString()).as("the query for a retired customer leads to the survivor")
                    .isEqualTo(survivor);
            assertThat(answer.headers().firstValue("Content-Location")).hasValueSatisfying(location -> assertThat(
                    URLDecoder.decode(location, StandardCharsets.UTF_8)).isEqualTo("/v1/customers/" + survivor + "/profile"));
        }
        Set<String> oneTime = await().atMost(BOUND).pollInterval(Duration.ofMillis(500))
                .until(() -> members("one-time"), ids -> !ids.contains(cardHolder));
        assertThat(oneTime).as("the retired card customer left one-time").doesNotContain(cardHolder, survivor);
        assertThat(members("repeat")).contains(survivor);
        assertThat(members("never-purchased")).as("the retired visitor left never-purchased").doesNotContain(visitor);
    }

    private static String till(String eventId, String customer, String amount) {
        return """
                {"eventId":"%s","occurredAt":"%s","channel":"POS","type":"PURCHASE","customer":%s,
                 "amount":%s,"currency":"EUR","storeId":"tampere-koskikeskus"}"""
                .formatted(eventId, Instant.now().truncatedTo(ChronoUnit.SECONDS), customer, amount);
    }

    /** Keyed by the address (the strongest identifier), as the retry is: same topic, same partition, after it. */
    private static String scan(String card, String email) {
        return """
                {"eventId":"%s","occurredAt":"%s","channel":"POS","type":"LOYALTY_SCAN",
                 "customer":{"loyaltyCardId":"%s","email":"%s"},"storeId":"tampere-koskikeskus"}"""
                .formatted(UUID.randomUUID(), Instant.now().truncatedTo(ChronoUnit.SECONDS), card, email);
    }

    private static void accepted(String touchpoint) throws Exception {
        var answer = client.post(touchpoint);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
    }

    /** One call through Segment's Java SDK with the local stack's demo key as its write key; fails if ingest refused it. */
    private static void sendWithSegmentsSdk(MessageBuilder<?, ?> call) {
        Map<String, Boolean> outcome = new ConcurrentHashMap<>();
        Analytics analytics = Analytics.builder(LocalStack.DEMO_API_KEY)
                .endpoint(client.stack().ingestUrl().toString())
                .flushInterval(60, TimeUnit.SECONDS)
                .retries(1)
                .callback(new Callback() {
                    @Override
                    public void success(Message message) {
                        outcome.put(message.messageId(), true);
                    }

                    @Override
                    public void failure(Message message, Throwable cause) {
                        outcome.put(message.messageId(), false);
                    }
                })
                .build();
        try {
            analytics.enqueue(call);
            analytics.flush();
            await().atMost(BOUND).until(() -> !outcome.isEmpty());
            assertThat(outcome.values()).as("ingest accepted the SDK's call").containsOnly(true);
        } finally {
            analytics.shutdown();
        }
    }

    /** Every member of a segment, page by page. */
    private static Set<String> members(String segment) throws Exception {
        Set<String> ids = new TreeSet<>();
        String cursor = null;
        for (int page = 0; page < 100; page++) {
            var answer = client.marketer("GET", "/v1/segments/" + segment + "/members?limit=1000"
                    + (cursor == null ? "" : "&cursor=" + cursor), null);
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            JsonNode body = StackClient.JSON.readTree(answer.body());
            body.path("members").forEach(member -> ids.add(member.path("customerId").asString()));
            if (body.path("nextCursor").isNull() || body.path("nextCursor").isMissingNode()) {
                return ids;
            }
            cursor = body.path("nextCursor").asString();
        }
        throw new AssertionError("more than 100 pages of " + segment + " members");
    }

    private static long count(JsonNode profile, String type) {
        return profile.path("contactsByType").path(type).path("count").asLong();
    }

    private static List<String> segments(JsonNode profile) {
        return strings(profile.path("segments"));
    }

    private static List<String> mergedFrom(JsonNode profile) {
        return strings(profile.path("mergedFrom"));
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asString()));
        return values;
    }
}
