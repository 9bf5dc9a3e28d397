package org.touchpointcrm.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;
import org.touchpointcrm.schemas.Topics;

class CatalogueTopicProvisioningTest {

    private static final URI REGISTRY = URI.create("http://127.0.0.1:9");

    @Test
    void aCompactedTopicIsProvisionedWithTheCatalogueSettingsAndTheDeploymentsReplication() {
        NewTopic customers = CrmKafkaAutoConfiguration.newTopic(Topics.CUSTOMERS,
                new CrmKafkaProperties(REGISTRY, (short) 3, 2));

        assertThat(customers.name()).isEqualTo(Topics.CUSTOMERS.name());
        assertThat(customers.numPartitions()).isEqualTo(Topics.CUSTOMERS.partitions());
        assertThat(customers.replicationFactor()).isEqualTo((short) 3);
        assertThat(customers.configs())
                .containsEntry(TopicConfig.CLEANUP_POLICY_CONFIG, "compact")
                .containsEntry(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, "2")
                .doesNotContainKey(TopicConfig.RETENTION_MS_CONFIG);
    }

    @Test
    void aRetainedTopicStatesItsRetentionAndLeavesReplicationToTheBrokerWhenUnset() {
        NewTopic pos = CrmKafkaAutoConfiguration.newTopic(Topics.TOUCHPOINTS_POS, new CrmKafkaProperties(REGISTRY, null, 1));

        assertThat(pos.replicationFactor()).isEqualTo((short) -1);
        assertThat(pos.configs())
                .containsEntry(TopicConfig.CLEANUP_POLICY_CONFIG, "delete")
                .containsEntry(TopicConfig.RETENTION_MS_CONFIG, Long.toString(Topics.TOUCHPOINT_RETENTION.toMillis()))
                .containsEntry(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, "1");
    }
}
