package org.touchpointcrm.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import jakarta.mail.internet.InternetAddress;
import tools.jackson.databind.JsonNode;

/**
 * Issue 19's story on the running local stack, through public interfaces only: two customers suggest gluten-free
 * bread at the same store in other words; staff find both cases, group them under a topic, acknowledge and mark the
 * group acted on with a reply; each customer gets the reply once, by e-mail in their own language, and sees it on
 * their timeline. (The test stack has no quiet hours; CaseRepliesTopologyTest shows a reply waiting for their end.)
 */
class CasesEndToEndTest {

    private static final Duration BOUND = Duration.ofSeconds(60);
    private static final String STORE = "tampere-koskikeskus";
    private static final String REPLY = "Gluteenitonta leipää on nyt hyllyssä. / Glutenfritt bröd finns nu på hyllan.";

    private static StackClient client;
    private static LocalStack stack;

    @BeforeAll
    static void startTheStack() throws Exception {
        client = StackClient.startStack("cases-test-data", BOUND);
        stack = client.stack();
    }

    @AfterAll
    static void stopTheStack() {
        if (client != null) {
            client.close();
        }
    }

    @Test
    void twoCustomersSuggestionsAreGroupedActedOnAndEachIsToldOnceInTheirLanguage() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String aino = "c-case-fi-" + run;
        String erik = "c-case-sv-" + run;
        register(aino, "fi");
        register(erik, "sv");
        serviceConsent(aino);
        serviceConsent(erik);
        suggest(aino, "Gluteenitonta leipää, kiitos! " + run);
        suggest(erik, "Kunde ni sälja glutenfritt bröd? " + run);

        List<JsonNode> cases = await().atMost(BOUND).pollInterval(Duration.ofMillis(300))
                .until(() -> casesOf(run), found -> found.size() == 2);
        String group = cases.get(0).get("caseId").asString();
        String other = cases.get(1).get("caseId").asString();

        assertThat(staff("POST", "/v1/cases/" + group + "/group",
                "{\"others\": [\"" + other + "\"], \"topic\": \"gluten-free bread " + run + "\"}").statusCode()).isEqualTo(202);
        await().atMost(BOUND).until(() -> caseOf(group).get("raiserCount").asInt() == 2);
        assertThat(staff("POST", "/v1/cases/" + group + "/status", "{\"status\": \"ACKNOWLEDGED\"}").statusCode())
                .isEqualTo(202);
        await().atMost(BOUND).until(() -> "ACKNOWLEDGED".equals(caseOf(group).get("status").asString()));
        var acted = staff("POST", "/v1/cases/" + group + "/status",
                "{\"status\": \"ACTED_ON\", \"reply\": \"" + REPLY + "\"}");
        assertThat(acted.statusCode()).as(acted.body()).isEqualTo(202);

        assertThat(awaitMail(aino).getSubject()).isEqualTo("Vastaus ehdotukseesi");
        assertThat(awaitMail(erik).getSubject()).isEqualTo("Svar på ditt förslag");
        for (String customer : List.of(aino, erik)) {
            await().atMost(BOUND).pollInterval(Duration.ofMillis(300))
                    .until(() -> timelineHasReply(customer));
            assertThat(mailsTo(address(customer))).as("the reply to " + customer + ", once").isEqualTo(1);
        }
    }

    private void register(String customer, String language) throws Exception {
        var stored = client.http().send(HttpRequest.newBuilder(stack.ingestUrl().resolve("/v1/customers/" + customer))
                .header("Authorization", "Bearer " + LocalStack.DEMO_API_KEY).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("""
                        {"firstName":"Asiakas","lastName":"Ehdottaja","email":"%s","country":"FI","language":"%s","timeZone":"%s"}"""
                        .formatted(address(customer), language, "Europe/Helsinki"))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(stored.statusCode()).as(stored.body()).isEqualTo(200);
        client.awaitProfile(customer, p -> p.path("master").isObject());
    }

    private void serviceConsent(String customer) throws Exception {
        var given = client.post("""
                {"eventId":"%s","occurredAt":"%s","channel":"EMAIL","type":"CONSENT_GIVEN","consentPurpose":"service",
                 "customer":{"customerId":"%s","email":"%s"}}"""
                .formatted(UUID.randomUUID(), now(), customer, address(customer)));
        assertThat(given.statusCode()).as(given.body()).isEqualTo(202);
        client.awaitProfile(customer, p -> p.path("consents").path("EMAIL/service").path("granted").asBoolean());
    }

    private void suggest(String customer, String text) throws Exception {
        var sent = client.post("""
                {"eventId":"%s","occurredAt":"%s","channel":"POS","type":"SUGGESTION","storeId":"%s",
                 "customer":{"customerId":"%s"},"text":"%s","attributes":{"category":"bakery"}}"""
                .formatted(UUID.randomUUID(), now(), STORE, customer, text));
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(202);
    }

    /** This run's open cases of the store (the run id is in their texts). */
    private List<JsonNode> casesOf(String run) throws Exception {
        var listed = staff("GET", "/v1/cases?store=" + STORE + "&status=NEW", null);
        var found = new ArrayList<JsonNode>();
        if (listed.statusCode() == 200) {
            StackClient.JSON.readTree(listed.body()).get("cases").forEach(c -> {
                if (c.get("raisers").get(0).get("text").asString().endsWith(run)) {
                    found.add(c);
                }
            });
        }
        return found;
    }

    private JsonNode caseOf(String caseId) throws Exception {
        var answer = staff("GET", "/v1/cases/" + caseId, null);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return StackClient.JSON.readTree(answer.body());
    }

    private boolean timelineHasReply(String customer) throws Exception {
        var answer = staff("GET", "/v1/customers/" + customer + "/timeline", null);
        if (answer.statusCode() != 200) {
            return false;
        }
        for (JsonNode entry : StackClient.JSON.readTree(answer.body()).get("entries")) {
            if ("CASE_REPLY".equals(entry.get("type").asString()) && REPLY.equals(entry.get("text").asString())) {
                return true;
            }
        }
        return false;
    }

    private jakarta.mail.internet.MimeMessage awaitMail(String customer) {
        return await().atMost(BOUND).until(() -> client.mailTo(address(customer)), java.util.Optional::isPresent)
                .orElseThrow();
    }

    private long mailsTo(String address) {
        return stack.mail().received().stream().filter(m -> {
            try {
                return m.getAllRecipients() != null && java.util.Arrays.stream(m.getAllRecipients())
                        .anyMatch(r -> ((InternetAddress) r).getAddress().equals(address));
            } catch (jakarta.mail.MessagingException e) {
                return false;
            }
        }).count();
    }

    private HttpResponse<String> staff(String method, String path, String body) throws Exception {
        return client.marketer(method, path, body);
    }

    private static String address(String customer) {
        return customer + "@example.fi";
    }

    private static String now() {
        return Instant.now().minusSeconds(1).truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
