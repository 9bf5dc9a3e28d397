package org.touchpointcrm.crmctl;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.touchpointcrm.crmctl.topics.TopicsCommand;
import org.touchpointcrm.schemas.Cleanup;
import org.touchpointcrm.schemas.Topic;
import org.touchpointcrm.schemas.Topics;

/** {@code crmctl topics} and {@code crmctl lag} against a real broker. */
@KraftBroker
class TopicsAndLagTest {

    private TestBroker broker;

    @BeforeEach
    void broker() throws Exception {
        broker = TestBroker.current();
        List<String> catalogue = Topics.ALL.stream().map(Topic::name).toList();
        List<String> present = broker.admin().listTopics().names().get(30, TimeUnit.SECONDS).stream()
                .filter(catalogue::contains).toList();
        broker.admin().deleteTopics(present).all().get(30, TimeUnit.SECONDS);
    }

    @AfterEach
    void close() {
        broker.close();
    }

    @Test
    void aTopicWithTheWrongCleanupPolicyIsFlaggedWithItsFixAndMissingTopicsAreNamed() throws Exception {
        broker.create(List.of(new NewTopic(Topics.CUSTOMERS.name(), Optional.of(Topics.CUSTOMERS.partitions()), Optional.empty())
                .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, Cleanup.DELETE.policy(), TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, "1"))));
        broker.recreate(List.of(Topics.TOUCHPOINTS_POS));
        try (KafkaProducer<byte[], byte[]> producer = broker.producer()) {
            for (int i = 0; i < 5; i++) {
                producer.send(new ProducerRecord<>(Topics.TOUCHPOINTS_POS.name(), ("c-" + i).getBytes(), new byte[] {1})).get();
            }
        }

        CrmctlRun topics = broker.crmctl("topics");

        assertThat(topics.exitCode()).as(topics.toString()).isEqualTo(TopicsCommand.DIFFERS);
        assertThat(line(topics, Topics.CUSTOMERS.name())).contains("yes", "12", "delete", "MISMATCH");
        assertThat(line(topics, Topics.TOUCHPOINTS_POS.name())).containsSubsequence("yes", "12", "delete", "365 d", "1", "5", "ok");
        assertThat(line(topics, Topics.SEGMENT_CHANGES.name())).contains("no", "MISSING");
        assertThat(topics.out())
                .contains("  - " + Topics.CUSTOMERS.name() + ": cleanup.policy is delete on the broker, the catalogue wants compact")
                .contains("    fix: kafka-configs.sh --bootstrap-server " + broker.bootstrapServers() + " --alter --entity-type topics "
                        + "--entity-name " + Topics.CUSTOMERS.name() + " --add-config cleanup.policy=compact")
                .contains("missing (a service creates them from the catalogue at start): ", Topics.DLQ_REPLAYS.name());
        assertThat(topics.out()).doesNotContain(Topics.TOUCHPOINTS_POS.name() + ": ");
    }

    @Test
    void topicsAsTheCatalogueSaysExitZero() throws Exception {
        broker.recreate(Topics.ALL);

        CrmctlRun topics = broker.crmctl("topics");

        assertThat(topics.exitCode()).as(topics.toString()).isZero();
        assertThat(topics.out()).doesNotContain("MISMATCH", "MISSING", "differ from the catalogue");
        Topics.ALL.forEach(topic -> assertThat(line(topics, topic.name())).endsWith("ok"));
        assertThat(line(topics, Topics.CUSTOMERS.name())).as("a compacted topic keeps its newest records, whatever retention.ms")
                .contains("compact", "newest per key").doesNotContain(" d ");
    }

    @Test
    void aConsumerGroupsLagIsItsTopicsEndOffsetsLessItsCommittedOffsets() throws Exception {
        broker.recreate(List.of(Topics.TOUCHPOINTS_WEB));
        String web = Topics.TOUCHPOINTS_WEB.name();
        try (KafkaProducer<byte[], byte[]> producer = broker.producer()) {
            for (int i = 0; i < 15; i++) {
                producer.send(new ProducerRecord<>(web, i < 10 ? 0 : 1, null, new byte[] {1})).get();
            }
        }
        broker.admin().alterConsumerGroupOffsets("crm-notifier", Map.of(
                new TopicPartition(web, 0), new OffsetAndMetadata(4),
                new TopicPartition(web, 1), new OffsetAndMetadata(5))).all().get(30, TimeUnit.SECONDS);

        CrmctlRun lag = broker.crmctl("lag", "--group", "crm-notifier");
        CrmctlRun all = broker.crmctl("lag");

        assertThat(lag.exitCode()).as(lag.toString()).isZero();
        assertThat(lag.out()).contains("group crm-notifier (", "0 members)");
        assertThat(line(lag, web)).containsSubsequence(web, "2", "9", "15", "6");
        assertThat(lag.out()).contains("total lag 6");
        assertThat(all.out()).contains("group crm-notifier");
        CrmctlRun unknown = broker.crmctl("lag", "--group", "crm-nobody");
        assertThat(unknown.exitCode()).isEqualTo(1);
        assertThat(unknown.err()).contains("there is no consumer group crm-nobody");
    }

    private static String line(CrmctlRun run, String start) {
        return run.out().lines().filter(l -> l.strip().startsWith(start + " ")).findFirst()
                .orElseThrow(() -> new AssertionError("no line for " + start + " in\n" + run));
    }
}
