package org.touchpointcrm.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.touchpointcrm.localstack.StackClient.JSON;
import static org.touchpointcrm.localstack.StackClient.purchase;
import static org.touchpointcrm.localstack.StackClient.webVisit;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.touchpointcrm.segmentation.profile.UpdateProfile;
import org.touchpointcrm.segmentation.query.StoreQueries;
import org.touchpointcrm.segmentation.sweep.ProfileAsOf;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Two segmentation-streams instances on the local stack's KRaft broker: the profile, the timeline, a
 * segment's members and its statistics are the same whichever instance is asked (each forwards to the
 * owner of the key or partition); after one instance is killed the other answers for every customer
 * within the fail-over bound of docs/segmentation.md (Restore and standbys).
 */
class QueriesFromAnyInstanceEndToEndTest {

    /** docs/segmentation.md, Restore and standbys: the group's session timeout (45 s), the rebalance and the restore. */
    static final Duration FAIL_OVER_BOUND = Duration.ofSeconds(120);
    private static final int CUSTOMERS = 24;

    private static StackClient client;
    private static LocalStack stack;

    @BeforeAll
    static void startTheStack() throws Exception {
        client = StackClient.startStack("queries-from-any-instance-test-data", Duration.ofSeconds(60));
        stack = client.stack();
    }

    @AfterAll
    static void stopTheStack() {
        if (client != null) {
            client.close();
        }
    }

    @Test
    void eitherInstanceGivesTheSameAnswersAndTheSurvivorAnswersForEveryCustomer() throws Exception {
        ConfigurableApplicationContext second = stack.startSegmentationInstance();
        URI first = stack.segmentationUrl();
        URI other = URI.create("http://127.0.0.1:" + second.getEnvironment().getProperty("local.server.port"));
        String run = "c-any-" + UUID.randomUUID().toString().substring(0, 8);
        List<String> customers = new ArrayList<>();
        for (int i = 0; i < CUSTOMERS; i++) {
            String customer = run + "-" + i;
            customers.add(customer);
            assertThat(client.post(purchase(UUID.randomUUID().toString(), customer, customer + "@example.fi", "12.50"))
                    .statusCode()).isEqualTo(202);
            assertThat(client.post(webVisit(customer)).statusCode()).isEqualTo(202);
        }

        // Both instances hold some of the customers, so both forward and both are asked.
        StoreQueries secondStores = second.getBean(StoreQueries.class);
        long heldBySecond = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> held(secondStores, customers), n -> n != null && n > 0 && n < CUSTOMERS);
        assertThat(heldBySecond).isBetween(1L, CUSTOMERS - 1L);

        Map<String, JsonNode> profiles = new HashMap<>();
        Map<String, JsonNode> timelines = new HashMap<>();
        for (String customer : customers) {
            profiles.put(customer, sameFromBoth(first, other, "/v1/customers/" + customer + "/profile",
                    body -> body.get("contactsByChannel").has("WEB") && body.get("contactsByChannel").has("POS")));
            timelines.put(customer, sameFromBoth(first, other, "/v1/customers/" + customer + "/timeline",
                    body -> body.get("entries").size() == 2));
        }
        assertThat(timelines.get(customers.getFirst()).get("entries").toString())
                .contains("\"type\":\"PURCHASE\"", "\"amount\":12.5", "\"type\":\"WEB_VISIT\"");

        List<String> membersFromFirst = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> members(first, run), ids -> ids != null && ids.size() == CUSTOMERS);
        assertThat(members(other, run)).isEqualTo(membersFromFirst);
        assertThat(sameFromBoth(first, other, "/v1/segments?id=one-time", body -> true)).isNotNull();
        Instant hour = Instant.now().truncatedTo(ChronoUnit.HOURS);
        JsonNode hours = sameFromBoth(first, other, "/v1/segments/one-time/stats?from=" + hour.minus(Duration.ofHours(1))
                + "&to=" + hour.plus(Duration.ofHours(2)), body -> true).get("hours");
        assertThat(hours).isNotEmpty();

        long killedAt = System.nanoTime();
        second.close();
        for (String customer : customers) {
            await().atMost(FAIL_OVER_BOUND).pollInterval(Duration.ofMillis(250)).until(
                    () -> answer(first, "/v1/customers/" + customer + "/profile"), profiles.get(customer)::equals);
            assertThat(answer(first, "/v1/customers/" + customer + "/timeline")).isEqualTo(timelines.get(customer));
        }
        Duration failOver = Duration.ofNanos(System.nanoTime() - killedAt);
        System.out.printf("queries-from-any-instance: the survivor answered for all %d customers %.1f s after the other"
                + " instance was killed%n", CUSTOMERS, failOver.toMillis() / 1000.0);
        assertThat(members(first, run)).isEqualTo(membersFromFirst);
        var csv = client.marketer(first, "GET", "/v1/segments/one-time/members.csv", null);
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.body().lines().filter(line -> line.startsWith(run)).count()).isEqualTo(CUSTOMERS);
    }

    /** The answer of both instances once it satisfies {@code ready}, and equal on both. */
    private static JsonNode sameFromBoth(URI first, URI other, String path, java.util.function.Predicate<JsonNode> ready) {
        return await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
            JsonNode one = answer(first, path);
            JsonNode two = answer(other, path);
            return one != null && ready.test(one) && one.equals(two) ? one : null;
        }, answer -> answer != null);
    }

    /**
     * The answer's body, or null while it is not 200 (503 during a rebalance). A profile states the instant it was
     * read as of ({@code asOf}), which differs between any two reads, so it is left out of the comparison.
     */
    private static JsonNode answer(URI instance, String path) throws Exception {
        var response = client.marketer(instance, "GET", path, null);
        if (response.statusCode() != 200) {
            return null;
        }
        JsonNode body = JSON.readTree(response.body());
        if (body instanceof ObjectNode object) {
            object.remove(ProfileAsOf.AS_OF);
        }
        return body;
    }

    /** This run's members of one-time, page by page (5 a page), or null while a page is refused. */
    private static List<String> members(URI instance, String run) throws Exception {
        List<String> ids = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = answer(instance, "/v1/segments/one-time/members?limit=5" + (cursor == null ? "" : "&cursor=" + cursor));
            if (page == null) {
                return null;
            }
            page.get("members").forEach(member -> {
                if (member.get("customerId").asString().startsWith(run)) {
                    ids.add(member.get("customerId").asString());
                }
            });
            cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asString();
        } while (cursor != null);
        return ids;
    }

    /** How many of the customers an instance's own tasks hold, or null while it cannot tell. */
    private static Long held(StoreQueries stores, List<String> customers) {
        try {
            return customers.stream().filter(c -> stores.owner(UpdateProfile.STORE, c, "").local()).count();
        } catch (RuntimeException e) {
            return null;
        }
    }
}
