package org.touchpointcrm.crmctl;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads partitions from their beginning up to end offsets fixed before the read, so a read is bounded: it
 * never waits for newer records. Aborted records and transaction markers are skipped by the consumer's
 * read_committed; a read that makes no progress for the connection's timeout fails, as an open
 * transaction that never ends would otherwise hold it.
 */
public final class ReadToEnd {

    private static final Duration POLL = Duration.ofMillis(200);

    private ReadToEnd() {
    }

    /**
     * @param ends   where to stop, per partition (exclusive)
     * @param what   what is read, for the message
     * @param record called for each record below its partition's end, in offset order per partition
     */
    public static <K, V> void read(KafkaConsumer<K, V> consumer, Map<TopicPartition, Long> ends, Duration idleLimit,
                                   String what, Consumer<ConsumerRecord<K, V>> record) {
        consumer.assign(ends.keySet());
        consumer.seekToBeginning(ends.keySet());
        readAssigned(consumer, ends, idleLimit, what, record);
    }

    /** As {@link #read}, from {@code starts} instead of the beginning (the partitions of {@code ends}). */
    public static <K, V> void read(KafkaConsumer<K, V> consumer, Map<TopicPartition, Long> starts, Map<TopicPartition, Long> ends,
                                   Duration idleLimit, String what, Consumer<ConsumerRecord<K, V>> record) {
        consumer.assign(ends.keySet());
        starts.forEach(consumer::seek);
        readAssigned(consumer, ends, idleLimit, what, record);
    }

    private static <K, V> void readAssigned(KafkaConsumer<K, V> consumer, Map<TopicPartition, Long> ends, Duration idleLimit,
                                            String what, Consumer<ConsumerRecord<K, V>> record) {
        Map<TopicPartition, Long> positions = new HashMap<>();
        long idleSince = System.nanoTime();
        while (true) {
            boolean progressed = false;
            for (TopicPartition partition : ends.keySet()) {
                long position = consumer.position(partition);
                if (!Long.valueOf(position).equals(positions.put(partition, position))) {
                    progressed = true;
                }
            }
            var open = ends.keySet().stream().filter(p -> positions.get(p) < ends.get(p)).toList();
            if (open.isEmpty()) {
                return;
            }
            if (progressed) {
                idleSince = System.nanoTime();
            } else if (System.nanoTime() - idleSince > idleLimit.toNanos()) {
                throw new CrmctlException("reading " + what + " stopped at " + open.stream()
                        .map(p -> p.partition() + ":" + positions.get(p) + " (end " + ends.get(p) + ")").toList()
                        + " for " + idleLimit.toSeconds() + " s: a transaction there is still open, or the broker is slow; "
                        + "run again in a minute (an abandoned transaction ends after its timeout)");
            }
            consumer.pause(ends.keySet().stream().filter(p -> !open.contains(p)).toList());
            for (ConsumerRecord<K, V> next : consumer.poll(POLL)) {
                if (next.offset() < ends.get(new TopicPartition(next.topic(), next.partition()))) {
                    record.accept(next);
                }
            }
        }
    }
}
