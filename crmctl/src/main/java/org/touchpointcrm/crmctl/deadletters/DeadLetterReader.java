package org.touchpointcrm.crmctl.deadletters;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.touchpointcrm.crmctl.CrmctlException;
import org.touchpointcrm.crmctl.KafkaConnection;
import org.touchpointcrm.crmctl.ReadToEnd;

/**
 * Reads a dead-letter topic from its beginning to the end it has when the read starts (committed records
 * only: Streams writes dead letters in its exactly-once transactions).
 */
final class DeadLetterReader {

    private DeadLetterReader() {
    }

    /** The dead letters that match, in partition and offset order. */
    static List<DeadLetter> read(KafkaConnection kafka, String topic, Predicate<DeadLetter> matching) {
        requireExists(kafka, topic);
        List<DeadLetter> found = new ArrayList<>();
        try (var consumer = kafka.consumer(new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            ReadToEnd.read(consumer, kafka.endOffsets(List.of(topic), IsolationLevel.READ_COMMITTED), kafka.timeout(), topic,
                    record -> {
                        DeadLetter deadLetter = DeadLetter.of(record);
                        if (matching.test(deadLetter)) {
                            found.add(deadLetter);
                        }
                    });
        }
        found.sort((a, b) -> a.id().compareTo(b.id()));
        return found;
    }

    /** One dead letter, read where it is rather than from the beginning; empty if there is none (any more) at that id. */
    static Optional<DeadLetter> readOne(KafkaConnection kafka, String topic, DeadLetterId id) {
        requireExists(kafka, topic);
        TopicPartition partition = new TopicPartition(topic, id.partition());
        Long end = kafka.endOffsets(List.of(topic), IsolationLevel.READ_COMMITTED).get(partition);
        if (end == null || id.offset() >= end) {
            return Optional.empty();
        }
        List<DeadLetter> found = new ArrayList<>();
        try (var consumer = kafka.consumer(new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            // Up to the record itself: an offset that is a transaction marker, aborted or expired yields nothing.
            ReadToEnd.read(consumer, Map.of(partition, id.offset()), Map.of(partition, id.offset() + 1), kafka.timeout(), topic,
                    record -> found.add(DeadLetter.of(record)));
        }
        return found.stream().filter(d -> d.id().equals(id)).findFirst();
    }

    private static void requireExists(KafkaConnection kafka, String topic) {
        if (!kafka.topicNames().contains(topic)) {
            throw new CrmctlException("topic " + topic + " does not exist on Kafka at " + kafka.bootstrapServers()
                    + ": the services create it at start, so either none has started against this cluster or "
                    + "--bootstrap-server names another one");
        }
    }
}
