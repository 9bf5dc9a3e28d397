package org.touchpointcrm.crmctl.topics;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.touchpointcrm.crmctl.KafkaConnection;
import org.touchpointcrm.platform.topics.TopicMismatch;
import org.touchpointcrm.schemas.Topic;
import org.touchpointcrm.schemas.Topics;

/**
 * One catalogue topic as the broker has it. The comparison is platform's {@link TopicMismatch}, the very
 * one the services run at start, so crmctl flags exactly what would stop a service.
 *
 * @param endOffsets the partitions' end offsets added up: records written, for a topic nothing has deleted from
 */
record TopicStatus(String name, boolean exists, int partitions, String cleanupPolicy, String retention,
                   String minInsyncReplicas, long endOffsets, List<TopicMismatch> mismatches) {

    static List<TopicStatus> ofCatalogue(KafkaConnection kafka, int minInsyncReplicas, Short replicationFactor) {
        Set<String> existing = kafka.topicNames();
        List<String> present = Topics.ALL.stream().map(Topic::name).filter(existing::contains).toList();
        Map<String, TopicDescription> descriptions = present.isEmpty() ? Map.of() : kafka.describe(present);
        Map<ConfigResource, Config> configs = present.isEmpty() ? Map.of() : kafka.await(kafka.admin()
                .describeConfigs(present.stream().map(TopicStatus::resource).toList()).all(), "the configs of the catalogue's topics");
        Map<TopicPartition, Long> ends = present.isEmpty() ? Map.of() : kafka.endOffsets(present, IsolationLevel.READ_UNCOMMITTED);
        return Topics.ALL.stream().map(topic -> {
            if (!existing.contains(topic.name())) {
                return new TopicStatus(topic.name(), false, 0, "", "", "", 0, List.of());
            }
            TopicDescription description = descriptions.get(topic.name());
            Config config = configs.get(resource(topic.name()));
            String cleanupPolicy = value(config, TopicConfig.CLEANUP_POLICY_CONFIG);
            return new TopicStatus(topic.name(), true, description.partitions().size(),
                    cleanupPolicy, retention(cleanupPolicy, value(config, TopicConfig.RETENTION_MS_CONFIG)),
                    value(config, TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG),
                    ends.entrySet().stream().filter(e -> e.getKey().topic().equals(topic.name())).mapToLong(Map.Entry::getValue).sum(),
                    TopicMismatch.between(wanted(topic, minInsyncReplicas, replicationFactor), description, config));
        }).toList();
    }

    /**
     * The topic as a service of this deployment provisions it (platform's CrmKafkaAutoConfiguration, which
     * builds it from Spring properties that crmctl takes as options instead).
     */
    private static NewTopic wanted(Topic<?, ?> topic, int minInsyncReplicas, Short replicationFactor) {
        Map<String, String> configs = new HashMap<>(topic.configs());
        configs.put(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, Integer.toString(minInsyncReplicas));
        return new NewTopic(topic.name(), Optional.of(topic.partitions()), Optional.ofNullable(replicationFactor)).configs(configs);
    }

    private static ConfigResource resource(String topic) {
        return new ConfigResource(ConfigResource.Type.TOPIC, topic);
    }

    private static String value(Config config, String name) {
        ConfigEntry entry = config == null ? null : config.get(name);
        return entry == null || entry.value() == null ? "?" : entry.value();
    }

    /**
     * retention.ms in days or hours where it is a whole number of them; -1 is "for ever". A topic that is only
     * compacted keeps the newest record per key whatever retention.ms says (the broker's default shows there),
     * so it shows "newest per key" rather than a time that would read as an expiry.
     */
    private static String retention(String cleanupPolicy, String millis) {
        if (TopicConfig.CLEANUP_POLICY_COMPACT.equals(cleanupPolicy)) {
            return "newest per key";
        }
        try {
            long ms = Long.parseLong(millis);
            if (ms < 0) {
                return "forever";
            }
            Duration retention = Duration.ofMillis(ms);
            if (retention.toMillis() % Duration.ofDays(1).toMillis() == 0) {
                return retention.toDays() + " d";
            }
            return retention.toMillis() % Duration.ofHours(1).toMillis() == 0 ? retention.toHours() + " h" : ms + " ms";
        } catch (NumberFormatException e) {
            return millis;
        }
    }
}
