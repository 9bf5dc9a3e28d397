package org.touchpointcrm.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;

import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;
import org.touchpointcrm.avro.Channel;

class TopicsTest {

    @Test
    void everyTopicNameIsUniqueAndInTheCrmNamespace() {
        assertThat(Topics.ALL).extracting(Topic::name).doesNotHaveDuplicates().allMatch(n -> n.startsWith("crm."));
    }

    @Test
    void eachChannelHasItsOwnTouchpointTopic() {
        assertThat(Topics.touchpoints(Channel.POS)).isEqualTo(Topics.TOUCHPOINTS_POS);
        assertThat(Topics.touchpoints(Channel.EMAIL)).isEqualTo(Topics.TOUCHPOINTS_EMAIL);
        assertThat(Topics.touchpoints(Channel.SMS)).isEqualTo(Topics.TOUCHPOINTS_SMS);
        assertThat(Topics.touchpoints(Channel.WEB)).isEqualTo(Topics.TOUCHPOINTS_WEB);
        assertThatThrownBy(() -> Topics.touchpoints(Channel.UNKNOWN)).hasMessageContaining("EMAIL, SMS, WEB, POS");
    }

    @Test
    void tablesAreCompactedAndStreamsExpire() {
        assertThat(Topics.CUSTOMER_PROFILES.configs())
                .containsEntry(TopicConfig.CLEANUP_POLICY_CONFIG, "compact")
                .doesNotContainKey(TopicConfig.RETENTION_MS_CONFIG);
        assertThat(Topics.TOUCHPOINTS_POS.configs())
                .containsEntry(TopicConfig.CLEANUP_POLICY_CONFIG, "delete")
                .containsEntry(TopicConfig.RETENTION_MS_CONFIG, Long.toString(Topics.TOUCHPOINT_RETENTION.toMillis()));
    }

    @Test
    void inputTopicsHaveTwelvePartitions() {
        assertThat(Topics.ALL_TOUCHPOINTS).allMatch(t -> t.partitions() == 12);
    }

    @Test
    void customerRegisterIsACompactedTableOfTwelvePartitions() {
        assertThat(Topics.CUSTOMERS.partitions()).isEqualTo(12);
        assertThat(Topics.CUSTOMERS.configs())
                .containsEntry(TopicConfig.CLEANUP_POLICY_CONFIG, "compact")
                .doesNotContainKey(TopicConfig.RETENTION_MS_CONFIG);
    }

    @Test
    void erasureRequestsExpireAfterTheStatedRetention() {
        assertThat(Topics.ERASURE_REQUESTS.configs())
                .containsEntry(TopicConfig.CLEANUP_POLICY_CONFIG, "delete")
                .containsEntry(TopicConfig.RETENTION_MS_CONFIG, Long.toString(Duration.ofDays(90).toMillis()));
    }

    @Test
    void registerTopicsAreProvisionedWithTheRest() {
        assertThat(Topics.ALL).contains(Topics.CUSTOMERS, Topics.ERASURE_REQUESTS);
    }

    @Test
    void segmentStatsKeysSortBySegmentThenHour() {
        String earlier = Topics.segmentStatsKey("loyal", Instant.parse("2026-11-23T09:00:00Z"));
        String later = Topics.segmentStatsKey("loyal", Instant.parse("2026-11-23T10:00:00Z"));
        assertThat(earlier).isEqualTo("loyal@2026-11-23T09:00:00Z").isLessThan(later);
        assertThat(Topics.SEGMENT_STATS.configs()).containsEntry(TopicConfig.CLEANUP_POLICY_CONFIG, "compact");
    }

    @Test
    void deadLettersAreKeptAsLongAsTheTouchpoints() {
        assertThat(Topics.ALL).contains(Topics.DLQ_SEGMENTATION, Topics.SEGMENT_STATS);
        assertThat(Topics.DLQ_SEGMENTATION.retention()).contains(Topics.TOUCHPOINT_RETENTION);
    }

    @Test
    void segmentDefinitionsAreACompactedTableProvisionedWithTheRest() {
        assertThat(Topics.ALL).contains(Topics.SEGMENT_DEFINITIONS);
        assertThat(Topics.SEGMENT_DEFINITIONS.configs())
                .containsEntry(TopicConfig.CLEANUP_POLICY_CONFIG, "compact")
                .doesNotContainKey(TopicConfig.RETENTION_MS_CONFIG);
    }

    @Test
    void campaignsAreACompactedTableProvisionedWithTheRest() {
        assertThat(Topics.ALL).contains(Topics.CAMPAIGNS);
        assertThat(Topics.CAMPAIGNS.name()).isEqualTo("crm.campaigns");
        assertThat(Topics.CAMPAIGNS.configs())
                .containsEntry(TopicConfig.CLEANUP_POLICY_CONFIG, "compact")
                .doesNotContainKey(TopicConfig.RETENTION_MS_CONFIG);
    }

    @Test
    void casesAreACompactedTableAndTheirChangesAStream() {
        assertThat(Topics.ALL).contains(Topics.CASES, Topics.CASE_EVENTS, Topics.CASE_COMMANDS);
        assertThat(Topics.CASES.configs())
                .containsEntry(TopicConfig.CLEANUP_POLICY_CONFIG, "compact")
                .doesNotContainKey(TopicConfig.RETENTION_MS_CONFIG);
        assertThat(Topics.CASE_EVENTS.configs()).containsEntry(TopicConfig.CLEANUP_POLICY_CONFIG, "delete");
        assertThat(Topics.CASE_COMMANDS.partitions()).isEqualTo(Topics.CUSTOMERS.partitions());
    }

    @Test
    void theDeliveryLedgerIsCompactedSoEverySendIdKeepsItsNewestState() {
        assertThat(Topics.ALL).contains(Topics.DELIVERIES);
        assertThat(Topics.DELIVERIES.configs())
                .containsEntry(TopicConfig.CLEANUP_POLICY_CONFIG, "compact")
                .doesNotContainKey(TopicConfig.RETENTION_MS_CONFIG);
    }

    @Test
    void replayedDeadLettersAreACompactedLedgerThatIsNotItselfADeadLetterTopic() {
        assertThat(Topics.ALL).contains(Topics.DLQ_REPLAYS);
        assertThat(Topics.DLQ_REPLAYS.configs()).containsEntry(TopicConfig.CLEANUP_POLICY_CONFIG, "compact");
        assertThat(Topics.ALL).filteredOn(t -> t.name().startsWith(Topics.DEAD_LETTER_PREFIX))
                .containsExactly(Topics.DLQ_SEGMENTATION, Topics.DLQ_NOTIFIER);
        assertThat(Topics.deadLetterReplayKey(Topics.DLQ_SEGMENTATION.name(), 3, 42)).isEqualTo("crm.dlq.segmentation/3/42");
    }
}
