package org.touchpointcrm.crmctl.deadletters;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.touchpointcrm.crmctl.KafkaConnection;
import org.touchpointcrm.crmctl.ReadToEnd;
import org.touchpointcrm.schemas.Topics;

/**
 * The replay ledger, {@link Topics#DLQ_REPLAYS}: which dead letters have been replayed. Only keys are read
 * (so no registry is needed); a key present in a committed record means replayed.
 */
final class ReplayLedger {

    private ReplayLedger() {
    }

    static boolean exists(KafkaConnection kafka) {
        return kafka.topicNames().contains(Topics.DLQ_REPLAYS.name());
    }

    /** What the ledger says is replayed now (committed entries; none while there is no ledger yet), for showing. */
    static Set<String> replayedNow(KafkaConnection kafka) {
        return exists(kafka) ? replayedKeys(kafka, IsolationLevel.READ_COMMITTED) : Set.of();
    }

    /**
     * The ledger keys of every replayed dead letter (of every dead-letter topic: a key names its topic, so
     * those of other topics never match).
     *
     * @param upTo {@code READ_COMMITTED} reads to the last stable offset: what is committed now, enough to
     *             show. {@code READ_UNCOMMITTED} reads to the high watermark, which waits until every
     *             transaction written so far has ended: what a replay must know before it decides anything
     */
    static Set<String> replayedKeys(KafkaConnection kafka, IsolationLevel upTo) {
        Set<String> keys = new HashSet<>();
        try (var consumer = kafka.consumer(new StringDeserializer(), new ByteArrayDeserializer())) {
            ReadToEnd.read(consumer, kafka.endOffsets(List.of(Topics.DLQ_REPLAYS.name()), upTo), kafka.timeout(),
                    Topics.DLQ_REPLAYS.name(), record -> {
                        if (record.key() != null) {
                            keys.add(record.key());
                        }
                    });
        }
        return keys;
    }
}
