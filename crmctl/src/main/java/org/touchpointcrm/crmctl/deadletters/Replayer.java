package org.touchpointcrm.crmctl.deadletters;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Serializer;
import org.touchpointcrm.avro.DeadLetterReplay;
import org.touchpointcrm.crmctl.CrmctlException;
import org.touchpointcrm.crmctl.KafkaConnection;
import org.touchpointcrm.crmctl.RegistryOptions;
import org.touchpointcrm.platform.acls.KafkaPrincipals;
import org.touchpointcrm.schemas.DeadLetterHeaders;
import org.touchpointcrm.schemas.Topics;

/**
 * Replays dead letters into the topics they came from, each exactly once, also across crashes and
 * concurrent runs:
 * <ol>
 * <li>one transactional producer per dead-letter topic, always with the same transactional id: its
 * {@code initTransactions} fences any other run for that topic and ends that run's open transaction
 * (a committing one is completed, any other aborted) before this run decides anything;</li>
 * <li>then the ledger is read up to its high watermark, so every ledger entry written before is seen;</li>
 * <li>each dead letter not on the ledger is written, with its ledger entry, in the same transaction
 * (a batch at a time): both or neither become visible to read_committed readers.</li>
 * </ol>
 * The record keeps its key, value bytes (no re-serialisation), headers (Streams' error headers removed),
 * timestamp and partition, and gains {@value #REPLAYED_FROM_HEADER}.
 */
final class Replayer {

    static final String REPLAYED_FROM_HEADER = DeadLetterHeaders.REPLAYED_FROM;
    static final int BATCH = 500;

    /** Test seam: called after each dead letter sent (with its ledger entry), before its transaction commits. */
    @FunctionalInterface
    interface AfterSend {
        void sent(int count, Producer<byte[], byte[]> producer);
    }

    private final KafkaConnection kafka;
    private final String deadLetterTopic;
    private final Serializer<DeadLetterReplay> ledgerValues;
    private final String replayedBy;
    private final Clock clock;
    private int batchSize = BATCH;
    private AfterSend afterSend = (count, producer) -> { };

    Replayer(KafkaConnection kafka, String deadLetterTopic, Serializer<DeadLetterReplay> ledgerValues, String replayedBy,
             Clock clock) {
        this.kafka = kafka;
        this.deadLetterTopic = deadLetterTopic;
        this.ledgerValues = ledgerValues;
        this.replayedBy = replayedBy;
        this.clock = clock;
    }

    /** The transactional id of every replay of {@code deadLetterTopic}. */
    static String transactionalId(String deadLetterTopic) {
        return KafkaPrincipals.CRMCTL_REPLAY_TRANSACTION_PREFIX + deadLetterTopic;
    }

    Replayer batchSize(int size) {
        this.batchSize = size;
        return this;
    }

    Replayer afterSend(AfterSend hook) {
        this.afterSend = hook;
        return this;
    }

    /**
     * @param selection dead letters of this run's topic whose targets {@link ReplayTargets#check} accepted
     */
    ReplayReport replay(List<DeadLetter> selection) {
        if (!ReplayLedger.exists(kafka)) {
            throw new CrmctlException("the replay ledger " + Topics.DLQ_REPLAYS.name() + " does not exist on Kafka at "
                    + kafka.bootstrapServers() + "; nothing replayed. The services create it at start from the catalogue: start "
                    + "one of this release, or create it (compacted, " + Topics.DLQ_REPLAYS.partitions() + " partitions)");
        }
        requireLedgerSerializable(selection.getFirst());
        KafkaProducer<byte[], byte[]> producer = kafka.transactionalProducer(transactionalId(deadLetterTopic));
        Map<String, Integer> replayed = new HashMap<>();
        try {
            producer.initTransactions();
            Set<String> before = ReplayLedger.replayedKeys(kafka, IsolationLevel.READ_UNCOMMITTED);
            List<DeadLetter> due = selection.stream().filter(d -> !before.contains(d.ledgerKey())).toList();
            int sent = 0;
            for (int start = 0; start < due.size(); start += batchSize) {
                List<DeadLetter> batch = due.subList(start, Math.min(due.size(), start + batchSize));
                producer.beginTransaction();
                for (DeadLetter deadLetter : batch) {
                    producer.send(replay(deadLetter));
                    producer.send(ledgerEntry(deadLetter));
                    afterSend.sent(++sent, producer);
                }
                producer.commitTransaction();
                batch.forEach(d -> replayed.merge(d.sourceTopic().orElseThrow(), 1, Integer::sum));
            }
            return new ReplayReport(replayed, selection.size() - due.size());
        } catch (KafkaException e) {
            if (!fenced(e)) {
                abort(producer);
                throw new CrmctlException("replaying from " + deadLetterTopic + " failed: " + e.getMessage() + "; the open "
                        + "batch was aborted, " + committed(replayed) + ". Run the same replay again: what is done is not done twice", e);
            }
            throw new CrmctlException("another replay of " + deadLetterTopic + " started and fenced this one; its open batch "
                    + "was aborted, " + committed(replayed) + ". Run 'crmctl dead-letters list' to see what is replayed now", e);
        } finally {
            producer.close(kafka.timeout());
        }
    }

    private ProducerRecord<byte[], byte[]> replay(DeadLetter deadLetter) {
        Headers headers = deadLetter.originalHeaders();
        headers.add(REPLAYED_FROM_HEADER, deadLetter.replayedFrom().getBytes(StandardCharsets.UTF_8));
        return new ProducerRecord<>(deadLetter.sourceTopic().orElseThrow(), deadLetter.sourcePartition().getAsInt(),
                deadLetter.timestamp().toEpochMilli(), deadLetter.key(), deadLetter.value(), headers);
    }

    private ProducerRecord<byte[], byte[]> ledgerEntry(DeadLetter deadLetter) {
        return new ProducerRecord<>(Topics.DLQ_REPLAYS.name(), deadLetter.ledgerKey().getBytes(StandardCharsets.UTF_8),
                ledgerValues.serialize(Topics.DLQ_REPLAYS.name(), entry(deadLetter)));
    }

    private DeadLetterReplay entry(DeadLetter deadLetter) {
        return DeadLetterReplay.newBuilder()
                .setDeadLetterTopic(deadLetter.topic())
                .setPartition(deadLetter.id().partition())
                .setOffset(deadLetter.id().offset())
                .setTargetTopic(deadLetter.sourceTopic().orElseThrow())
                .setReplayedAt(clock.instant())
                .setReplayedBy(replayedBy)
                .build();
    }

    /** The ledger's values are Avro in the registry: fail before fencing anyone if it cannot be reached. */
    private void requireLedgerSerializable(DeadLetter sample) {
        try {
            ledgerValues.serialize(Topics.DLQ_REPLAYS.name(), entry(sample));
        } catch (RuntimeException e) {
            if (RegistryOptions.unauthorized(e)) {
                throw new CrmctlException("nothing replayed: the registry answered 401 Unauthorized when the ledger entry's "
                        + "schema (Avro DeadLetterReplay) was looked up: " + RegistryOptions.CREDENTIALS_HINT
                        + ", or check the ones given", e);
            }
            throw new CrmctlException("nothing replayed: the ledger entry (Avro DeadLetterReplay) could not be serialised, "
                    + "which registers its schema in the registry: " + e.getMessage() + ". Check --registry and that the "
                    + "registry runs", e);
        }
    }

    /** Another producer with the same transactional id took over; said directly, or as the cause of a failed send. */
    private static boolean fenced(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof ProducerFencedException || cause instanceof InvalidProducerEpochException) {
                return true;
            }
        }
        return false;
    }

    private static void abort(Producer<byte[], byte[]> producer) {
        try {
            producer.abortTransaction();
        } catch (KafkaException | IllegalStateException e) {
            // The transaction times out on the broker, or the next run's initTransactions aborts it.
        }
    }

    private static String committed(Map<String, Integer> replayed) {
        int total = replayed.values().stream().mapToInt(Integer::intValue).sum();
        return total == 0 ? "none was committed before" : total + " were replayed and committed before " + replayed;
    }
}
