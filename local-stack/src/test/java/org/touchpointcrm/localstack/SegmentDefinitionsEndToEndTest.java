package org.touchpointcrm.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.touchpointcrm.localstack.StackClient.JSON;
import static org.touchpointcrm.localstack.StackClient.purchase;
import static org.touchpointcrm.localstack.StackClient.webVisit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.touchpointcrm.avro.SegmentChange;
import org.touchpointcrm.avro.SegmentChangeKind;
import org.touchpointcrm.schemas.CrmSerdes;
import org.touchpointcrm.schemas.Topics;

import tools.jackson.databind.JsonNode;

/**
 * A marketer defines a segment over REST on the running local stack (real broker, real registry,
 * the three services): it is previewed, published, back-filled over the customers already known,
 * followed by new touchpoints at once, and retired; crm.segment-changes tells every step.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SegmentDefinitionsEndToEndTest {

    /** From publishing to every stored member entered: the global store's read plus a back-fill slice, with room for a slow CI. */
    private static final Duration ACTIVATION_BOUND = Duration.ofSeconds(30);

    private static LocalStack stack;
    private static StackClient client;

    @BeforeAll
    static void startTheStack() throws Exception {
        client = StackClient.startStack("segment-definitions-test-data", Duration.ofSeconds(60));
        stack = client.stack();
    }

    @AfterAll
    static void stopTheStack() {
        if (client != null) {
            client.close();
        }
    }

    @Test
    @Order(1)
    void aSegmentPublishedOverRestIsBackFilledFollowedAndRetired() throws Exception {
        String run = "c-seg-" + UUID.randomUUID().toString().substring(0, 8);
        String regular = run + "-regular";
        String twice = run + "-twice";
        String once = run + "-once";
        buy(regular, 3);
        buy(twice, 2);
        buy(once, 1);
        client.awaitProfile(regular, p -> p.get("purchases").get("count").asLong() == 3);
        client.awaitProfile(twice, p -> p.get("purchases").get("count").asLong() == 2);
        client.awaitProfile(once, p -> p.get("purchases").get("count").asLong() == 1);
        String rule = "profile.customerId.startsWith('" + run + "') && profile.purchases.count >= 2";
        String id = run.replace("c-seg-", "regulars-");

        var preview = client.marketer("POST", "/v1/segment-definitions:preview", "{\"rule\": \"" + rule + "\"}");
        assertThat(preview.statusCode()).as(preview.body()).isEqualTo(200);
        JsonNode previewed = JSON.readTree(preview.body());
        assertThat(previewed.get("matching").asLong()).isEqualTo(2);
        // Pseudonyms of the two, never their ids (least data).
        assertThat(previewed.get("sample").size()).isEqualTo(2);
        assertThat(previewed.get("sample").toString()).contains("p-").doesNotContain(regular, twice, once);
        assertThat(previewed.get("partitions").size()).isEqualTo(Topics.CUSTOMERS.partitions());

        try (var changes = new SegmentChanges(id)) {
            var published = client.marketer("POST", "/v1/segment-definitions", """
                    {"id": "%s", "name": "Regulars of this run", "rule": "%s"}""".formatted(id, rule));
            assertThat(published.statusCode()).as(published.body()).isEqualTo(201);
            assertThat(JSON.readTree(published.body()).get("owner").asString()).isEqualTo("marketer");

            List<SegmentChange> entered = changes.next(2);
            assertThat(entered).extracting(SegmentChange::getCustomerId).containsExactlyInAnyOrder(regular, twice);
            assertThat(entered).allSatisfy(change -> {
                assertThat(change.getKind()).isEqualTo(SegmentChangeKind.ENTERED);
                assertThat(change.getSegmentVersion()).isEqualTo(1);
                assertThat(change.getTriggeringEventId()).isEqualTo("segment-definition@" + id + "/v1");
            });
            assertThat(client.profile(regular).orElseThrow().get("segments").toString()).contains(id);

            String secondPurchase = UUID.randomUUID().toString();
            assertThat(client.post(purchase(secondPurchase, once, once + "@example.fi", "15.00")).statusCode())
                    .isEqualTo(202);
            assertThat(changes.next(1)).singleElement().satisfies(change -> {
                assertThat(change.getCustomerId()).isEqualTo(once);
                assertThat(change.getKind()).isEqualTo(SegmentChangeKind.ENTERED);
                assertThat(change.getTriggeringEventId()).isEqualTo(secondPurchase);
            });

            var retired = client.marketer("DELETE", "/v1/segment-definitions/" + id, null);
            assertThat(retired.statusCode()).as(retired.body()).isEqualTo(200);
            assertThat(changes.next(3)).allSatisfy(change -> {
                assertThat(change.getKind()).isEqualTo(SegmentChangeKind.EXITED);
                assertThat(change.getSegmentVersion()).isEqualTo(2);
            }).extracting(SegmentChange::getCustomerId).containsExactlyInAnyOrder(regular, twice, once);
        }
        assertThat(client.post(webVisit(regular)).statusCode()).isEqualTo(202);
        assertThat(client.awaitProfile(regular, p -> p.get("contactsByChannel").has("WEB")).get("segments").toString())
                .doesNotContain(id);
    }

    @Test
    @Order(2)
    void aRuleThatDoesNotCompileIsRefusedAndTheBuiltInsAreThere() throws Exception {
        var refused = client.marketer("POST", "/v1/segment-definitions", """
                {"id": "broken", "name": "Broken", "rule": "profile.purchases.cuont >= 2"}""");

        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(JSON.readTree(refused.body()).get("problems").get(0).get("message").asString()).contains("cuont");
        assertThat(client.marketer("GET", "/v1/segment-definitions/broken", null).statusCode()).isEqualTo(404);
        var builtIns = JSON.readTree(client.marketer("GET", "/v1/segment-definitions?status=ACTIVE", null).body());
        assertThat(builtIns.toString()).contains("\"id\":\"loyal\"", "\"owner\":\"built-in\"");
        assertThat(client.management(stack.segmentationManagementUrl(), "/actuator/openapi").body())
                .contains("/v1/segment-definitions:preview", "/v1/segment-definitions/{id}");
    }

    /** Last: it scales segmentation-streams out to two instances and back. */
    @Test
    @Order(3)
    void aPreviewAddsUpTheProfilesOfEveryInstance() throws Exception {
        String run = "c-scale-" + UUID.randomUUID().toString().substring(0, 8);
        for (int i = 0; i < 12; i++) {
            buy(run + "-" + i, 1 + i % 3);
        }
        client.awaitProfile(run + "-11", p -> p.get("purchases").get("count").asLong() == 3);
        String rule = "{\"rule\": \"profile.customerId.startsWith('" + run + "') && profile.purchases.count >= 2\"}";
        JsonNode alone = await().atMost(ACTIVATION_BOUND).until(() -> preview(rule),
                p -> p != null && p.get("matching").asLong() == 8);
        assertThat(alone.get("instances").asInt()).isEqualTo(1);

        try (var second = stack.startSegmentationInstance()) {
            JsonNode both = await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                    .until(() -> preview(rule), p -> p != null && p.get("instances").asInt() == 2);

            assertThat(both.get("matching").asLong()).isEqualTo(8);
            assertThat(both.get("profilesScanned").asLong()).isEqualTo(alone.get("profilesScanned").asLong());
            assertThat(both.get("partitions").size()).isEqualTo(Topics.CUSTOMERS.partitions());
            // Every matching customer is sampled (8 of at most 10), each by a pseudonym, none by its id.
            assertThat(both.get("sample").size()).isEqualTo(8);
            assertThat(both.get("sample").toString()).contains("p-").doesNotContain(run);
        }
    }

    /** The preview's answer, or null while it cannot be given (503 during a rebalance). */
    private static JsonNode preview(String body) throws Exception {
        var response = client.marketer("POST", "/v1/segment-definitions:preview", body);
        return response.statusCode() == 200 ? JSON.readTree(response.body()) : null;
    }

    private static void buy(String customerId, int purchases) throws Exception {
        for (int i = 0; i < purchases; i++) {
            assertThat(client.post(purchase(UUID.randomUUID().toString(), customerId, customerId + "@example.fi", "20.00"))
                    .statusCode()).isEqualTo(202);
        }
    }

    /** crm.segment-changes from now on, one segment's changes, read with the real registry's serde. */
    private static final class SegmentChanges implements AutoCloseable {

        private final String segmentId;
        private final KafkaConsumer<String, SegmentChange> consumer;

        SegmentChanges(String segmentId) {
            this.segmentId = segmentId;
            CrmSerdes serdes = CrmSerdes.withRegistry(stack.registryUrl());
            Map<String, Object> config = new HashMap<>(serdes.consumerConfig());
            config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
            config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
            config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
            consumer = new KafkaConsumer<>(config);
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.SEGMENT_CHANGES.name()).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);
        }

        /** The next {@code count} changes of the segment, within the activation bound. */
        List<SegmentChange> next(int count) {
            List<SegmentChange> seen = new ArrayList<>();
            await().atMost(ACTIVATION_BOUND).pollInterval(Duration.ZERO).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> {
                    if (segmentId.equals(record.value().getSegmentId())) {
                        seen.add(record.value());
                    }
                });
                return seen.size() >= count;
            });
            assertThat(seen).as("exactly the expected changes of " + segmentId).hasSize(count);
            return seen;
        }

        @Override
        public void close() {
            consumer.close();
        }
    }
}
