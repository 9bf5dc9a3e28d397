package org.touchpointcrm.platform.topics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.TopicConfig;

/**
 * One setting of one existing topic that the broker has otherwise than the catalogue wants.
 *
 * @param setting   a topic config name ({@code cleanup.policy}, {@code retention.ms}, ...), {@value #PARTITIONS}
 *                  or {@value #REPLICATION_FACTOR}
 * @param broker    what the broker has
 * @param catalogue what the catalogue (with this deployment's replication settings) wants
 */
public record TopicMismatch(String topic, String setting, String broker, String catalogue) {

    public static final String PARTITIONS = "partitions";
    public static final String REPLICATION_FACTOR = "replication factor";

    /**
     * Every way the topic on the broker differs from {@code wanted}: partition count (more is as wrong as
     * fewer, since either moves keys to other partitions), replication factor where the deployment sets one,
     * and each config the catalogue states.
     */
    public static List<TopicMismatch> between(NewTopic wanted, TopicDescription actual, Config actualConfigs) {
        var mismatches = new ArrayList<TopicMismatch>();
        int partitions = actual.partitions().size();
        if (partitions != wanted.numPartitions()) {
            mismatches.add(new TopicMismatch(wanted.name(), PARTITIONS, Integer.toString(partitions),
                    Integer.toString(wanted.numPartitions())));
        }
        // A reassignment can leave partitions with different replica counts; name every count there is.
        Set<Integer> replicas = actual.partitions().stream().map(p -> p.replicas().size())
                .collect(Collectors.toCollection(TreeSet::new));
        if (wanted.replicationFactor() > 0 && !replicas.equals(Set.of((int) wanted.replicationFactor()))) {
            mismatches.add(new TopicMismatch(wanted.name(), REPLICATION_FACTOR,
                    replicas.stream().map(String::valueOf).collect(Collectors.joining(", ")),
                    Short.toString(wanted.replicationFactor())));
        }
        // Sorted, so the message lists a topic's settings in the same order every time.
        for (Map.Entry<String, String> config : new TreeMap<>(wanted.configs()).entrySet()) {
            ConfigEntry entry = actualConfigs.get(config.getKey());
            String value = entry == null ? null : entry.value();
            if (!sameValue(config.getValue(), value)) {
                mismatches.add(new TopicMismatch(wanted.name(), config.getKey(), value == null ? "(not set)" : value,
                        config.getValue()));
            }
        }
        return mismatches;
    }

    /** Kafka lists ({@code cleanup.policy=compact,delete}) are equal whatever their order and spacing. */
    private static boolean sameValue(String wanted, String actual) {
        return actual != null && listItems(wanted).equals(listItems(actual));
    }

    private static Set<String> listItems(String value) {
        return Arrays.stream(value.split(",")).map(String::trim).collect(Collectors.toSet());
    }

    /** The mismatch in one line: topic, setting, the broker's value, the catalogue's. */
    public String describe() {
        return topic + ": " + setting + " is " + broker + " on the broker, the catalogue wants " + catalogue;
    }

    /** What to do about it, as a command where one fixes it in place. */
    public String remedy(String bootstrapServers) {
        return switch (setting) {
            case PARTITIONS -> "the partition count cannot change without moving keys to other partitions: in development "
                    + "delete the topic (kafka-topics.sh --bootstrap-server " + bootstrapServers + " --delete --topic " + topic
                    + ") and restart, which creates it from the catalogue; in production copy it to a new topic deliberately";
            case REPLICATION_FACTOR -> "move its replicas with kafka-reassign-partitions.sh, or set crm.kafka.replication-factor "
                    + "to what the cluster has";
            case TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG -> alterCommand(bootstrapServers)
                    + ", or set crm.kafka.min-insync-replicas to " + broker;
            default -> alterCommand(bootstrapServers);
        };
    }

    private String alterCommand(String bootstrapServers) {
        return "kafka-configs.sh --bootstrap-server " + bootstrapServers + " --alter --entity-type topics --entity-name "
                + topic + " --add-config " + setting + "=" + catalogue;
    }
}
