package org.touchpointcrm.segmentation.identity;

import java.nio.charset.StandardCharsets;
import java.util.function.Function;

import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.touchpointcrm.avro.TouchpointEvent;
import org.touchpointcrm.schemas.CustomerReference;

/**
 * Whether a touchpoint already sits where its primary reference's link lives: keyed by that reference
 * (ingest-service keys by the strongest identifier, which is the primary one unless it is on the never-link list),
 * on the partition Kafka's default partitioner gives that key. Such a record needs no trip through the
 * by-reference repartition topic, which saves encoding it again and one transaction between reading it and its
 * segment change. A record keyed otherwise, or placed by another partitioner (librdkafka's default hashes
 * differently), goes through the repartition.
 */
public final class CheckPlacement implements FixedKeyProcessor<String, TouchpointEvent, CheckPlacement.Placed> {

    /** A touchpoint and whether it is already on its profile's partition. */
    public record Placed(TouchpointEvent event, boolean inPlace) {
    }

    private final int partitions;
    private final Function<TouchpointEvent, String> primary;
    private FixedKeyProcessorContext<String, Placed> context;

    /** Placed by the strongest identifier, as ingest keys touchpoints. */
    public CheckPlacement(int partitions) {
        this(partitions, event -> CustomerReference.of(event.getCustomer()));
    }

    /**
     * @param partitions the partitions of the identity graph's and profiles' sub-topology (those of crm.customers)
     * @param primary    the reference a touchpoint is resolved by
     */
    public CheckPlacement(int partitions, Function<TouchpointEvent, String> primary) {
        this.partitions = partitions;
        this.primary = primary;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, Placed> context) {
        this.context = context;
    }

    @Override
    public void process(FixedKeyRecord<String, TouchpointEvent> record) {
        String reference = primary.apply(record.value());
        boolean inPlace = reference.equals(record.key()) && context.recordMetadata()
                .map(source -> source.partition() == partitionOf(reference, partitions)).orElse(false);
        context.forward(record.withValue(new Placed(record.value(), inPlace)));
    }

    /** The partition Kafka's default partitioner gives a String key. */
    public static int partitionOf(String key, int partitions) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions;
    }
}
