package org.touchpointcrm.platform.topics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;

import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;

/** The comparison of a topic on the broker with the catalogue, without a broker. */
class TopicMismatchTest {

    private static final String TOPIC = "crm.customers";
    private static final NewTopic COMPACTED_TABLE = new NewTopic(TOPIC, Optional.of(12), Optional.of((short) 3)).configs(Map.of(
            TopicConfig.CLEANUP_POLICY_CONFIG, "compact",
            TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, "2"));
    private static final NewTopic RETAINED_STREAM = new NewTopic(TOPIC, Optional.of(12), Optional.empty()).configs(Map.of(
            TopicConfig.CLEANUP_POLICY_CONFIG, "delete",
            TopicConfig.RETENTION_MS_CONFIG, "2592000000",
            TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, "1"));

    @Test
    void aTopicAsTheCatalogueSaysMatches() {
        assertThat(TopicMismatch.between(COMPACTED_TABLE, partitions(12, 3),
                configs("compact", "604800000", "2"))).isEmpty();
    }

    @Test
    void aDeletingTopicWhereTheCatalogueWantsACompactedOneIsAMismatch() {
        assertThat(TopicMismatch.between(COMPACTED_TABLE, partitions(12, 3), configs("delete", "604800000", "2")))
                .containsExactly(new TopicMismatch(TOPIC, "cleanup.policy", "delete", "compact"));
    }

    @Test
    void fewerPartitionsThanTheCatalogueIsAMismatch() {
        assertThat(TopicMismatch.between(COMPACTED_TABLE, partitions(6, 3), configs("compact", "604800000", "2")))
                .containsExactly(new TopicMismatch(TOPIC, "partitions", "6", "12"));
    }

    @Test
    void morePartitionsThanTheCatalogueIsAMismatchToo() {
        assertThat(TopicMismatch.between(COMPACTED_TABLE, partitions(24, 3), configs("compact", "604800000", "2")))
                .containsExactly(new TopicMismatch(TOPIC, "partitions", "24", "12"));
    }

    @Test
    void replicationAndMinInsyncReplicasAreCheckedAsTheDeploymentSetsThem() {
        assertThat(TopicMismatch.between(COMPACTED_TABLE, partitions(12, 1), configs("compact", "604800000", "1")))
                .containsExactly(
                        new TopicMismatch(TOPIC, "replication factor", "1", "3"),
                        new TopicMismatch(TOPIC, "min.insync.replicas", "1", "2"));
    }

    @Test
    void replicationIsNotCheckedWhenTheDeploymentLeavesItToTheBroker() {
        assertThat(TopicMismatch.between(RETAINED_STREAM, partitions(12, 3), configs("delete", "2592000000", "1")))
                .isEmpty();
    }

    @Test
    void aRetentionOtherThanTheCataloguesIsAMismatch() {
        assertThat(TopicMismatch.between(RETAINED_STREAM, partitions(12, 1), configs("delete", "604800000", "1")))
                .containsExactly(new TopicMismatch(TOPIC, "retention.ms", "604800000", "2592000000"));
    }

    @Test
    void aCleanupPolicyListMatchesWhateverItsOrder() {
        NewTopic both = new NewTopic(TOPIC, Optional.of(12), Optional.empty())
                .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, "compact,delete"));

        assertThat(TopicMismatch.between(both, partitions(12, 1), configs("delete, compact", "604800000", "1"))).isEmpty();
    }

    @Test
    void theErrorNamesEveryTopicAndSettingWithBothValuesAndWhatToDo() {
        var error = new TopicsDifferFromCatalogueException(List.of(
                new TopicMismatch(TOPIC, "cleanup.policy", "delete", "compact"),
                new TopicMismatch("crm.touchpoints.pos", "partitions", "6", "12")), "127.0.0.1:9092");

        assertThat(error.getMessage())
                .contains("crm.customers: cleanup.policy is delete on the broker, the catalogue wants compact")
                .contains("crm.touchpoints.pos: partitions is 6 on the broker, the catalogue wants 12")
                .contains("kafka-configs.sh --bootstrap-server 127.0.0.1:9092 --alter --entity-type topics "
                        + "--entity-name crm.customers --add-config cleanup.policy=compact")
                .contains("kafka-topics.sh --bootstrap-server 127.0.0.1:9092 --delete --topic crm.touchpoints.pos");
    }

    /** A topic's partitions, each with {@code replicas} replicas. */
    private static TopicDescription partitions(int count, int replicas) {
        List<Node> nodes = IntStream.range(0, replicas).mapToObj(id -> new Node(id, "127.0.0.1", 9092 + id)).toList();
        return new TopicDescription(TOPIC, false, IntStream.range(0, count)
                .mapToObj(p -> new TopicPartitionInfo(p, nodes.getFirst(), nodes, nodes)).toList());
    }

    private static Config configs(String cleanupPolicy, String retentionMs, String minInsyncReplicas) {
        return new Config(List.of(
                new ConfigEntry(TopicConfig.CLEANUP_POLICY_CONFIG, cleanupPolicy),
                new ConfigEntry(TopicConfig.RETENTION_MS_CONFIG, retentionMs),
                new ConfigEntry(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, minInsyncReplicas)));
    }
}
