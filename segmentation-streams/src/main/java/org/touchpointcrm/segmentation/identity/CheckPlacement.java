package org.touchpointcrm.segmentation.identity;

import java.nio.charset.StandardCharsets;

import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.touchpointcrm.avro.TouchpointEvent;

/**
 * Whether a touchpoint already sits where its customer's profile lives: keyed by the customer id
 * the profile is kept under, on the partition Kafka's default partitioner gives that key (as
 * ingest-service writes it). Such a record needs no trip through the by-customer repartition topic,
 * which saves encoding it again and one transaction between reading it and its segment change. A
 * record keyed otherwise, or placed by another partitioner (librdkafka's default hashes
 * differently), goes through the repartition as before.
 */
public final class CheckPlacement implements FixedKeyProcessor<String, TouchpointEvent, CheckPlacement.Placed> {

    /** A touchpoint and whether it is already on its profile's partition. */
    public record Placed(TouchpointEvent event, boolean inPlace) {
    }

    private final int partitions;
    private FixedKeyProcessorContext<String, Placed> context;

    /** @param partitions the partitions of the profiles' sub-topology (those of crm.customers) */
    public CheckPlacement(int partitions) {
        this.partitions = partitions;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, Placed> context) {
        this.context = context;
    }

    @Override
    public void process(FixedKeyRecord<String, TouchpointEvent> record) {
        String customerId = ResolveIdentity.customerId(record.key(), record.value());
        boolean inPlace = customerId.equals(record.key()) && context.recordMetadata()
                .map(source -> source.partition() == partitionOf(customerId, partitions)).orElse(false);
        context.forward(record.withValue(new Placed(record.value(), inPlace)));
    }

    /** The partition Kafka's default partitioner gives a String key. */
    public static int partitionOf(String key, int partitions) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions;
    }
}
