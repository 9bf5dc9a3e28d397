package org.touchpointcrm.schemas;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.apache.kafka.common.config.TopicConfig;

/**
 * A typed handle on one topic: its name, how it is provisioned and what its keys and values are.
 * Only {@link Topics} creates them, so a topic name is spelled exactly once in the code base.
 *
 * @param retention how long records are kept; empty for compacted topics and for "for ever"
 */
public record Topic<K, V>(String name, int partitions, Cleanup cleanup, Optional<Duration> retention,
                          Class<K> keyType, Class<V> valueType) {

    public Topic {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(cleanup, "cleanup");
        Objects.requireNonNull(retention, "retention");
        if (partitions < 1) {
            throw new IllegalArgumentException("topic " + name + ": partitions must be at least 1, was " + partitions);
        }
    }

    /** The topic-level configs that provisioning sets and checks. */
    public Map<String, String> configs() {
        return retention
                .map(r -> Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, cleanup.policy(),
                        TopicConfig.RETENTION_MS_CONFIG, Long.toString(r.toMillis())))
                .orElseGet(() -> Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, cleanup.policy()));
    }

    @Override
    public String toString() {
        return name;
    }
}
