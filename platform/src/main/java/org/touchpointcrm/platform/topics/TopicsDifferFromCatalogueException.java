package org.touchpointcrm.platform.topics;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Existing topics differ from the catalogue, so the service must not start: its clients would read
 * and write them on the catalogue's terms (a compacted table that the broker deletes by age, keys on
 * other partitions than the state stores expect).
 */
public class TopicsDifferFromCatalogueException extends IllegalStateException {

    private final transient List<TopicMismatch> mismatches;
    private final String description;
    private final String action;

    public TopicsDifferFromCatalogueException(List<TopicMismatch> mismatches, String bootstrapServers) {
        this(mismatches, description(mismatches), action(mismatches, bootstrapServers));
    }

    private TopicsDifferFromCatalogueException(List<TopicMismatch> mismatches, String description, String action) {
        super(description + "\n" + action);
        this.mismatches = List.copyOf(mismatches);
        this.description = description;
        this.action = action;
    }

    public List<TopicMismatch> mismatches() {
        return mismatches;
    }

    /** What is wrong: every mismatched topic and setting, the broker's value and the catalogue's. */
    public String description() {
        return description;
    }

    /** What to do, per mismatch. */
    public String action() {
        return action;
    }

    private static String description(List<TopicMismatch> mismatches) {
        return "Kafka topics differ from the topic catalogue (org.touchpointcrm.schemas.Topics), so the service does not start:\n"
                + mismatches.stream().map(m -> "  - " + m.describe()).collect(Collectors.joining("\n"));
    }

    private static String action(List<TopicMismatch> mismatches, String bootstrapServers) {
        return "Make the topics what the catalogue says; nothing is altered automatically, since changing cleanup.policy or "
                + "retention.ms of a topic can delete its records:\n"
                + mismatches.stream().map(m -> "  - " + m.topic() + ": " + m.remedy(bootstrapServers))
                        .collect(Collectors.joining("\n"))
                + "\nIn development, deleting the topics and restarting recreates them from the catalogue (their records are lost). "
                + "If the catalogue is what is wrong, change Topics.java instead.";
    }
}
